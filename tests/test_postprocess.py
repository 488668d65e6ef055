"""Grounding and normalising a draft against the real seed text."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.draft import Draft
from extractor.models import Alignment, Incident, Statement
from extractor.models import LocationPrecision as LP
from extractor.postprocess import build_records
from extractor.record_set import Records

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
                "evidence": ["Government artillery shelled the hamlet of Kafr Zita at dawn."],
                "event_type": "shelling",
                "date": "on Sunday",
                "location": "Kafr Qarqoor",
                "perpetrators": ["Government artillery"],
            }
        ]
    )
    records = build_records(draft, text=seed_text[SEED_003], published=None)
    (incident,) = records.incidents
    assert not incident.grounded
    assert incident.evidence[0].alignment == Alignment.unaligned
    assert incident.evidence[0].char_start is None
    assert {w.code for w in records.warnings} == {
        "unaligned_evidence",
        "ungrounded_record",
        "place_unresolved",  # Kafr Qarqoor is in no table
    }
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
    from extractor.normalise.perpetrators import perpetrator_actor

    actor = perpetrator_actor("the Syrian government")
    assert (actor.name, actor.kind, actor.country) == (
        "Syrian Armed Forces",
        "state_military",
        "SYR",
    )
    assert actor.text == "the Syrian government"
    assert perpetrator_actor("Russian jets").name == "Russian Armed Forces"


ARTICLE = (
    "Airstrikes hit a market in Maara al-Nu'man in Idlib province, Syria, on Monday, killing at "
    "least 12 civilians, the Syrian Observatory for Human Rights said.\n\n"
    "Shelling also hit the Der-Ezzor countryside on Monday, the Observatory said."
)
SENTENCE = ARTICLE.split("\n\n")[0]


def _incident(evidence: str, location: str, figure: str = "at least 12 civilians") -> dict:
    return {
        "evidence": [evidence],
        "event_type": "airstrike",
        "date": "on Monday",
        "location": location,
        "perpetrators": [],
        "casualties": [
            {"source": "Syrian Observatory for Human Rights", "figure": figure,
             "outcome": "killed", "evidence": evidence}
        ],
    }  # fmt: skip


def test_a_gazetteer_match_outside_the_articles_countries_is_not_taken() -> None:
    records = build_records(
        _draft(incidents=[_incident(SENTENCE, "Numan")]), text=ARTICLE, published=None
    )
    (incident,) = records.incidents
    assert incident.location.country is None and incident.location.lat is None
    assert incident.location.admin1 is None and incident.location.text == "Numan"
    assert any(w.code == "place_unresolved" and w.record == "I1" for w in records.warnings)


def test_a_spelling_variant_resolves_in_the_articles_country() -> None:
    records = build_records(
        _draft(incidents=[_incident(SENTENCE, "Maara al-Nu’man")]), text=ARTICLE, published=None
    )
    (incident,) = records.incidents
    assert (incident.location.name, incident.location.admin1) == ("Maarat al-Numan", "Idlib")
    assert incident.location.country == "SYR"


def test_countryside_of_a_governorate_is_the_province() -> None:
    second = ARTICLE.split("\n\n")[1]
    records = build_records(
        _draft(incidents=[_incident(second, "Der-Ezzor countryside", "")]),
        text=ARTICLE,
        published=None,
    )
    loc = records.incidents[0].location
    assert (loc.name, loc.admin1, loc.country, loc.precision) == (
        "Deir ez-Zor", "Deir ez-Zor", "SYR", LP.province
    )  # fmt: skip


def test_records_copied_from_the_prompt_example_are_dropped() -> None:
    from extractor.templates import default_prompts

    example = default_prompts().examples[0]
    copied = example.output.incidents[0].model_dump()
    draft = _draft(incidents=[_incident(SENTENCE, "Idlib"), copied],
                   statements=[example.output.statements[0].model_dump()] if example.output.statements else [])  # fmt: skip
    records = build_records(draft, text=ARTICLE, published=None)
    assert [i.id for i in records.incidents] == ["I1"]
    assert records.incidents[0].grounded and "Maara" in records.incidents[0].evidence[0].quote
    assert records.statements == [] or all(s.grounded for s in records.statements)
    leaks = [w for w in records.warnings if w.code == "example_leak"]
    assert leaks and all(w.record is None for w in leaks)
    assert not [w for w in records.warnings if w.code == "ungrounded_record"]


def test_repeated_records_within_one_draft_are_merged() -> None:
    same = _incident(SENTENCE, "Maara al-Nu'man")
    twice_claimed = dict(same, casualties=same["casualties"] * 4)
    statement = {"evidence": SENTENCE, "speaker": "Syrian Observatory for Human Rights",
                 "type": "claim", "content": "The monitor gave the toll."}  # fmt: skip
    draft = _draft(
        incidents=[same, twice_claimed, same],
        statements=[dict(statement, incident=3), dict(statement, incident=1)],
    )
    records = build_records(draft, text=ARTICLE, published=None)
    assert [i.id for i in records.incidents] == ["I1"]
    assert len(records.incidents[0].casualty_claims) == 1
    assert [(s.id, s.about) for s in records.statements] == [("S1", ["I1"])]
    assert all(w.record in (None, "I1", "S1") for w in records.warnings)
    assert len(records.warnings) == len({w.model_dump_json() for w in records.warnings})


def _reference_merge(out: Records) -> None:
    """_merge_duplicates as first written: every pair compared, every record copied."""
    from extractor.chunking import (
        _actor_key,
        _date_key,
        _merge_incident,
        _merge_statement,
        _norm,
        _overlaps,
        _union_claims,
    )

    def same_incident(a: Incident, b: Incident) -> bool:
        if a.event_type != b.event_type:
            return False
        place_a = _actor_key(a.location.name, a.location.text)
        place_b = _actor_key(b.location.name, b.location.text)
        date_a, date_b = _date_key(a), _date_key(b)
        if place_a and place_a == place_b and date_a is not None and date_a == date_b:
            return True
        return _overlaps(a.evidence, b.evidence)

    def same_statement(a: Statement, b: Statement) -> bool:
        speaker_a = _actor_key(a.speaker.name, a.speaker.text)
        if not speaker_a or speaker_a != _actor_key(b.speaker.name, b.speaker.text):
            return False
        if a.quote and b.quote and _norm(a.quote) == _norm(b.quote):
            return True
        return _overlaps(a.evidence, b.evidence)

    incidents: list[Incident] = []
    new_id: dict[str, str] = {}
    for inc in out.incidents:
        inc = inc.model_copy(update={"casualty_claims": _union_claims([], inc.casualty_claims)})
        match = next((k for k, kept in enumerate(incidents) if same_incident(kept, inc)), None)
        if match is None:
            match = len(incidents)
            incidents.append(inc)
        else:
            incidents[match] = _merge_incident(incidents[match], inc)
        new_id[inc.id] = f"I{match + 1}"
    statements: list[Statement] = []
    for st in out.statements:
        about = list(dict.fromkeys(new_id[ref] for ref in st.about if ref in new_id))
        match = next((k for k, kept in enumerate(statements) if same_statement(kept, st)), None)
        if match is None:
            match = len(statements)
            statements.append(st.model_copy(update={"about": about}))
        else:
            statements[match] = _merge_statement(statements[match], st, about)
        new_id[st.id] = f"S{match + 1}"
    out.incidents = [inc.model_copy(update={"id": f"I{k + 1}"}) for k, inc in enumerate(incidents)]
    out.statements = [st.model_copy(update={"id": f"S{k + 1}"}) for k, st in enumerate(statements)]
    warnings: list = []
    for w in out.warnings:
        w = w.model_copy(update={"record": new_id.get(w.record, w.record)}) if w.record else w
        if w not in warnings:
            warnings.append(w)
    out.warnings = warnings


def test_merging_duplicates_gives_what_comparing_every_pair_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import extractor.postprocess as postprocess

    second = ARTICLE.split("\n\n")[1]
    maara = _incident(SENTENCE, "Maara al-Nu'man")
    nowhere = dict(_incident(SENTENCE, ""), casualties=[])
    shelling = dict(_incident(second, "Der-Ezzor countryside", "no figure"), event_type="shelling")
    invented = _incident("Nothing like this is in the article.", "Idlib")
    said = {"evidence": SENTENCE, "speaker": "Syrian Observatory for Human Rights",
            "type": "claim", "content": "The toll."}  # fmt: skip
    draft = _draft(
        incidents=[shelling, nowhere, maara, invented, dict(maara, casualties=maara["casualties"] * 3),
                   shelling, nowhere, invented],
        statements=[
            dict(said, incident=3), dict(said, speaker="", incident=1), dict(said, speaker="", incident=1),
            dict(said, evidence=second, speaker="the Observatory", incident=1),
            dict(said, evidence=second, quote="the Observatory said", incident=6),
            dict(said, quote="the Syrian Observatory for Human Rights said", incident=5),
            dict(said, evidence="Not in the article.", quote="not in it either", incident=4),
            dict(said, evidence="Not in the article.", speaker="Observatory", incident=8),
            dict(said, incident=7), dict(said, evidence=second, speaker="", incident=2),
        ],
    )  # fmt: skip
    fast = build_records(draft, text=ARTICLE, published=dt.date(2019, 5, 21))
    monkeypatch.setattr(postprocess, "_merge_duplicates", _reference_merge)
    slow = build_records(draft, text=ARTICLE, published=dt.date(2019, 5, 21))
    assert len(fast.incidents) < 8 and len(fast.statements) < 10  # some records were merged
    for kind in ("incidents", "statements", "warnings"):
        assert [r.model_dump_json() for r in getattr(fast, kind)] == [
            r.model_dump_json() for r in getattr(slow, kind)
        ]


def test_date_words_agree_with_the_pattern() -> None:
    from pathlib import Path

    from extractor.normalise.date_phrases import _DATE_WORDS, date_words

    root = Path(__file__).resolve().parents[1]
    texts = [
        "on Monday night",
        "LATE TUESDAY",
        "yesterDAY",
        "Thurſday",  # long s: IGNORECASE folds it to 's'
        "earlier this WEEK",
        "the week before",
        "Mondays",
        "a day of mourning",
        "",
        "no date here",
    ]
    for path in [*sorted(root.glob("seeds/*.txt")), *sorted(root.glob("evals/devset/*.txt"))]:
        texts += path.read_text(encoding="utf-8").split(". ")
    for text in texts:
        fast, slow = date_words(text), _DATE_WORDS.search(text)
        assert fast == (slow and slow.group(0)), text
