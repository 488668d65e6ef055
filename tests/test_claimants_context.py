"""Casualty claimants resolved in their document: "the report", "L'ONG", "el gobernador",
"a war monitor" are the actors the article names for them."""

from __future__ import annotations

import datetime as dt

from extractor.draft import Draft
from extractor.postprocess import build_records


def _claim(source: str, figure: str, evidence: str) -> dict:
    return {"source": source, "figure": figure, "outcome": "killed", "evidence": evidence}


def _incident(evidence: str, location: str, claims: list[dict]) -> dict:
    return {
        "evidence": [evidence],
        "event_type": "airstrike",
        "date": "",
        "location": location,
        "perpetrators": [],
        "casualties": claims,
    }


def _statement(evidence: str, speaker: str, incident: int, role: str = "") -> dict:
    return {
        "evidence": evidence,
        "speaker": speaker,
        "speaker_role": role,
        "type": "claim",
        "content": evidence,
        "quote": "",
        "incident": incident,
    }


def _claimants(text: str, incidents: list[dict], statements: list[dict], language: str):
    draft = Draft.model_validate({"incidents": incidents, "statements": statements})
    records = build_records(draft, text=text, published=dt.date(2024, 6, 1), language=language)
    return [
        [(c.text, c.claimant.name if c.claimant else None) for c in i.casualty_claims]
        for i in records.incidents
    ]


def test_a_description_is_the_actor_named_before_it() -> None:
    first = (
        "The Syrian Network for Human Rights said government shelling of Ariha killed "
        "five civilians."
    )
    second = "The report said an air strike on Saraqeb killed two children."
    text = f"{first}\n\n{second}"
    got = _claimants(
        text,
        [
            _incident(first, "Ariha", [_claim("The Syrian Network for Human Rights", "five civilians", first)]),
            _incident(second, "Saraqeb", [_claim("The report", "two children", second)]),
        ],
        [_statement(first, "The Syrian Network for Human Rights", 1)],
        "en",
    )  # fmt: skip
    assert got[1] == [("two children", "Syrian Network for Human Rights")]


def test_a_french_description_is_the_ngo_named_before_it() -> None:
    first = (
        "L'Observatoire syrien des droits de l'homme (OSDH) a fait état de 31 morts dans "
        "un marché de Maaret al-Nouman."
    )
    second = "L'ONG a ensuite fait état de trois civils tués à Maar Chamarine."
    text = f"{first}\n\n{second}"
    got = _claimants(
        text,
        [
            _incident(first, "Maaret al-Nouman", [_claim("L'Observatoire syrien des droits de l'homme (OSDH)", "31 morts", first)]),
            _incident(second, "Maar Chamarine", [_claim("L'ONG", "trois civils", second)]),
        ],
        [],
        "fr",
    )  # fmt: skip
    assert got[1] == [("trois civils", "Syrian Observatory for Human Rights")]


def test_a_description_may_point_forward_within_its_own_incident() -> None:
    lede = "Air strikes killed at least 23 civilians in Maarat al-Numan, a war monitor said."
    body = (
        "The Syrian Observatory for Human Rights said Russian jets carried out the raids "
        "on Maarat al-Numan."
    )
    text = f"{lede}\n\n{body}"
    got = _claimants(
        text,
        [_incident(lede, "Maarat al-Numan", [_claim("a war monitor", "at least 23 civilians", lede)])],
        [_statement(body, "The Syrian Observatory for Human Rights", 1)],
        "en",
    )  # fmt: skip
    assert got == [[("at least 23 civilians", "Syrian Observatory for Human Rights")]]


def test_a_description_never_points_forward_to_another_incidents_source() -> None:
    first = (
        "Uma mulher morreu quando um drone atingiu uma casa em Novaya Tavolzhanka, "
        "disse o governador regional."
    )
    second = (
        "Um ataque contra a cidade de Dnipro matou uma pessoa, informou o governador da "
        "região de Dnipropetrovsk."
    )
    text = f"{first}\n\n{second}"
    got = _claimants(
        text,
        [
            _incident(first, "Novaya Tavolzhanka", [_claim("o governador regional", "Uma mulher", first)]),
            _incident(second, "Dnipro", [_claim("o governador da região de Dnipropetrovsk", "uma pessoa", second)]),
        ],
        [
            _statement(first, "o governador regional", 1, "governador regional"),
            _statement(second, "o governador da região de Dnipropetrovsk", 2, "governador da região de Dnipropetrovsk"),
        ],
        "pt",
    )  # fmt: skip
    assert got[0][0][1] != "Dnipropetrovsk Regional Military Administration"
    assert got[1][0][1] == "Dnipropetrovsk Regional Military Administration"


def test_a_regional_body_without_its_place_is_that_of_the_incidents_region() -> None:
    """r51: "a procuradoria regional" of a strike on Ruska Lozova, north of Kharkiv."""
    sentence = (
        "Dois civis morreram em bombardeamentos russos contra a aldeia de Ruska Lozova, a "
        "norte de Kharkiv, segundo a procuradoria regional."
    )
    got = _claimants(
        sentence,
        [_incident(sentence, "a aldeia de Ruska Lozova, a norte de Kharkiv", [_claim("a procuradoria regional", "Dois civis", sentence)])],
        [],
        "pt",
    )  # fmt: skip
    assert got == [[("Dois civis", "Kharkiv Regional Prosecutor's Office")]]


def test_a_regional_body_of_another_country_is_not_named_after_the_region() -> None:
    """The template names Ukraine's prosecutors: a Russian region's stays as written."""
    sentence = (
        "Uma mulher morreu quando um drone atingiu a aldeia de Novaya Tavolzhanka, na "
        "região russa de Belgorod, segundo a procuradoria regional."
    )
    got = _claimants(
        sentence,
        [_incident(sentence, "a aldeia de Novaya Tavolzhanka, na região russa de Belgorod", [_claim("a procuradoria regional", "Uma mulher", sentence)])],
        [],
        "pt",
    )  # fmt: skip
    assert got[0][0][1] != "Belgorod Regional Prosecutor's Office"
