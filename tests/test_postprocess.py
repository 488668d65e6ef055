"""Grounding and normalising a draft against the real seed text."""

from __future__ import annotations

import datetime as dt

from extractor.draft import Draft
from extractor.models import Alignment
from extractor.postprocess import build_records

SEED_003 = "003_13956b3d53b21d07"


def _draft(**parts: object) -> Draft:
    return Draft.model_validate(parts)


def test_a_correct_draft_becomes_grounded_normalised_records(seed_text: dict[str, str]) -> None:
    text = seed_text[SEED_003]
    sentence = (
        "At least 53 civilians, including 21 children, were killed and 18 others were wounded "
        "when Russian air strikes hit residential buildings in a village held by the Islamic "
        "State group in eastern Syria today morning."
    )
    draft = _draft(
        incidents=[
            {
                "evidence": [sentence],
                "event_type": "airstrike",
                "date": "today morning",
                "location": "the village of Al-Shafah in Deir Ezzor province",
                "perpetrators": ["Russian air strikes"],
                "casualties": [
                    {
                        "source": "SOHR",
                        "figure": "At least 53 civilians",
                        "outcome": "killed",
                        "evidence": sentence,
                    },
                    {
                        "source": "SOHR",
                        "figure": "21 children",
                        "outcome": "killed",
                        "evidence": sentence,
                    },
                ],
            }
        ],
        statements=[
            {
                "evidence": "“The air strikes hit residential buildings,” Rahman added.",
                "speaker": "Rahman",
                "type": "claim",
                "content": "Rahman said the strikes hit homes.",
                "quote": "The air strikes hit residential buildings",
                "incident": 1,
            }
        ],
    )
    records = build_records(draft, text=text, published=dt.date(2017, 11, 27))
    (incident,) = records.incidents
    assert incident.grounded
    ev = incident.evidence[0]
    assert ev.alignment == Alignment.exact and text[ev.char_start : ev.char_end] == sentence
    assert incident.date.start == dt.date(2017, 11, 27)
    assert incident.location.name == "Al-Shafah"
    assert incident.location.admin1 == "Deir ez-Zor"
    assert incident.location.country == "SYR"
    first, second = incident.casualty_claims
    assert (first.min, first.max, first.qualifier, first.population) == (
        53,
        None,
        "at_least",
        "civilians",
    )
    assert (
        first.claimant is not None and first.claimant.name == "Syrian Observatory for Human Rights"
    )
    assert (second.min, second.max, second.population) == (21, 21, "children")
    assert first.flags == [] and second.flags == []
    (statement,) = records.statements
    assert statement.about == ["I1"]
    assert statement.quote == "The air strikes hit residential buildings"
    assert statement.grounded
    assert records.warnings == []


def test_invented_evidence_is_flagged_never_grounded(seed_text: dict[str, str]) -> None:
    draft = _draft(
        incidents=[
            {
                "evidence": ["Government artillery shelled the village of Kafr Nabudah."],
                "event_type": "shelling",
                "date": "on Sunday",
                "location": "Kafr Nabudah",
                "perpetrators": ["Government artillery"],
            }
        ]
    )
    records = build_records(draft, text=seed_text[SEED_003], published=None)
    (incident,) = records.incidents
    assert not incident.grounded
    assert incident.evidence[0].alignment == Alignment.unaligned
    assert incident.evidence[0].char_start is None
    assert {w.code for w in records.warnings} == {"unaligned_evidence", "ungrounded_record"}
    assert all(w.record == "I1" for w in records.warnings)


def test_a_figure_missing_from_its_evidence_is_flagged(seed_text: dict[str, str]) -> None:
    sentence = "The Britain-based Syrian Observatory for Human Rights said that air strikes hit the village of Al-Shafah in Deir Ezzor province."
    draft = _draft(
        incidents=[
            {
                "evidence": [sentence],
                "event_type": "airstrike",
                "date": "",
                "location": "Al-Shafah",
                "perpetrators": [],
                "casualties": [
                    {
                        "source": "SOHR",
                        "figure": "at least 90",
                        "outcome": "killed",
                        "evidence": sentence,
                    }
                ],
            }
        ]
    )
    records = build_records(draft, text=seed_text[SEED_003], published=None)
    claim = records.incidents[0].casualty_claims[0]
    assert claim.flags == ["figure_not_in_evidence"]
    assert any(w.code == "figure_not_in_evidence" for w in records.warnings)


def test_statement_quote_not_in_source_is_dropped_and_warned(seed_text: dict[str, str]) -> None:
    draft = _draft(
        statements=[
            {
                "evidence": "The Russian Defence Ministry confirmed launching air strikes in the province of Deir ez-Zor in eastern Syria.",
                "speaker": "The Russian Defence Ministry",
                "type": "confirm",
                "content": "Russia confirmed the strikes.",
                "quote": "We never fly at night",
                "incident": 4,
            }
        ]
    )
    records = build_records(draft, text=seed_text[SEED_003], published=None)
    (statement,) = records.statements
    assert statement.quote is None
    assert statement.about == []  # incident 4 does not exist
    assert statement.grounded
    assert statement.speaker.name == "Russian Ministry of Defence"
    assert [w.code for w in records.warnings] == ["quote_not_in_source"]


def test_a_government_named_as_attacker_is_its_armed_forces() -> None:
    from extractor.postprocess import perpetrator_actor

    actor = perpetrator_actor("the Syrian government")
    assert (actor.name, actor.kind, actor.country) == (
        "Syrian Armed Forces",
        "state_military",
        "SYR",
    )
    assert actor.text == "the Syrian government"
    assert perpetrator_actor("Russian jets").name == "Russian Armed Forces"
