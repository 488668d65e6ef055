"""Dates that refer back ("the same day", "Le même jour", "Na mesma noite") and dates
written without their year, as the post-processing of a draft resolves them."""

from __future__ import annotations

import datetime as dt

from extractor.draft import Draft
from extractor.normalise.date_phrases import referent_day
from extractor.normalise.dates import refers_back
from extractor.postprocess import build_records

FRENCH = (
    "Maaret al-Nouman (Syrie), 23 juillet 2019 (AFP) - Des frappes aériennes ont tué 31 "
    "civils lundi dans un marché de Maaret al-Nouman, selon l'OSDH.\n\n"
    "Le ministère russe a démenti toute implication ce jour-là.\n\n"
    "Le même jour, des frappes ont aussi visé le village de Maar Chamarine, tuant trois "
    "civils, selon l'OSDH."
)
PORTUGUESE = (
    "Pemba, 11 mai 2024 (Lusa) - Pelo menos quatro civis foram mortos na noite de "
    "sexta-feira num ataque de insurgentes à localidade de Mucojo.\n\n"
    "Um morador regressou hoje de manhã a Mucojo.\n\n"
    "Na mesma noite, o grupo incendiou pelo menos 20 palhotas na aldeia de Manica."
)


def _incident(evidence: str, date: str, location: str) -> dict:
    return {
        "evidence": [evidence],
        "event_type": "airstrike",
        "date": date,
        "location": location,
        "perpetrators": [],
        "casualties": [],
    }


def _dates(text: str, incidents: list[dict], published: dt.date | None, language: str):
    draft = Draft.model_validate({"incidents": incidents, "statements": []})
    records = build_records(draft, text=text, published=published, language=language)
    return [(i.date.start, i.date.end) for i in records.incidents]


def test_which_phrases_refer_back() -> None:
    assert refers_back("Le même jour", language="fr")
    assert refers_back("am selben Tag", language="de")
    assert refers_back("Na mesma noite", language="pt")
    assert refers_back("the next day", language="en")
    assert not refers_back("lundi", language="fr")
    assert not refers_back("", language="fr")


def test_the_same_day_is_the_day_written_before_it() -> None:
    at = FRENCH.index("Le même jour")
    # "ce jour-là" refers back itself and is passed over; "lundi" is 2019-07-22
    assert referent_day(FRENCH, "Le même jour", at, dt.date(2019, 7, 23), language="fr") == (
        dt.date(2019, 7, 22)
    )


def test_an_incident_dated_the_same_day_alone_in_its_draft_resolves() -> None:
    """The referent is read from the article, so an incident drafted on its own resolves."""
    evidence = FRENCH.split("\n\n")[2]
    got = _dates(
        FRENCH,
        [_incident(evidence, "Le même jour", "Maar Chamarine")],
        dt.date(2019, 7, 23),
        "fr",
    )
    assert got == [(dt.date(2019, 7, 22), dt.date(2019, 7, 22))]


def test_the_same_night_is_the_night_written_before_it_not_a_later_morning() -> None:
    incidents = [
        _incident(PORTUGUESE.split("\n\n")[0], "na noite de sexta-feira", "Mucojo"),
        _incident(PORTUGUESE.split("\n\n")[2], "Na mesma noite", "Manica"),
    ]
    got = _dates(PORTUGUESE, incidents, dt.date(2024, 5, 11), "pt")
    friday = dt.date(2024, 5, 10)
    assert got == [(friday, friday), (friday, friday)]


def test_without_a_day_written_before_it_the_latest_incidents_day_is_taken() -> None:
    text = (
        "Shelling hit Kherson on Friday, killing two people.\n\n"
        "A drone struck Nikopol. The same day, rockets hit Marhanets."
    )
    first = _incident("Shelling hit Kherson on Friday, killing two people.", "on Friday", "Kherson")
    second = _incident("The same day, rockets hit Marhanets.", "The same day", "Marhanets")
    second["evidence"] = ["rockets hit Marhanets"]  # the date phrase is not in its evidence
    got = _dates(text, [first, second], dt.date(2024, 6, 9), "en")
    friday = dt.date(2024, 6, 7)
    assert got == [(friday, friday), (friday, friday)]


def test_a_date_without_its_year_takes_the_pages_year_when_undated() -> None:
    text = (
        "Bericht von 2024.\n\nAm 27. Mai schlug eine Rakete in Charkiw ein, "
        "teilte die Stadtverwaltung mit."
    )
    evidence = text.split("\n\n")[1]
    got = _dates(text, [_incident(evidence, "Am 27. Mai", "Charkiw")], None, "de")
    assert got == [(dt.date(2024, 5, 27), dt.date(2024, 5, 27))]
