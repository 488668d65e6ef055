"""Records assembled from candidates by the rules alone (strategy `rules`)."""

from __future__ import annotations

import asyncio
import datetime as dt

from extractor.grounding import clean_for_prompt
from extractor.models import Alignment, EventType, StatementType
from extractor.strategies.rules import RulesStrategy

REPORT = """Strikes hit two towns in Syria

Air strikes on the town of Saraqeb on Monday left 12 dead, the Syrian Observatory for Human Rights said.
Two children were among the dead, Observatory director Rami Abdulrahman said.
Government shelling of the village of Kafranbel on Sunday killed three civilians, activists said.
The Syrian army denied that its forces had shelled Kafranbel.
More than 340,000 people have been killed in Syria since the conflict began in March 2011.
"""


def _run(text: str, published: dt.date | None = dt.date(2019, 5, 7)):  # type: ignore[no-untyped-def]
    result = asyncio.run(RulesStrategy().run(text, clean_for_prompt(text), published, client=None))
    return result.records


def test_several_incidents_in_one_report_each_with_its_claims() -> None:
    records = _run(REPORT)
    by_place = {i.location.name: i for i in records.incidents}
    assert set(by_place) == {"Saraqib", "Kafr Nabl"}
    saraqeb = by_place["Saraqib"]
    assert saraqeb.event_type is EventType.airstrike
    assert saraqeb.date.start == dt.date(2019, 5, 6)
    assert sorted((c.min, c.population.value) for c in saraqeb.casualty_claims) == [
        (2, "children"),
        (12, "people"),
    ]
    kafranbel = by_place["Kafr Nabl"]
    assert kafranbel.event_type is EventType.shelling
    assert [
        (c.min, c.claimant.text if c.claimant else None) for c in kafranbel.casualty_claims
    ] == [(3, "activists")]
    assert [p.name for p in kafranbel.perpetrators] == ["Syrian Armed Forces"]


def test_a_campaign_total_is_no_incident_and_no_claim() -> None:
    records = _run(REPORT)
    figures = [c.min for i in records.incidents for c in i.casualty_claims]
    assert 340_001 not in figures and len(records.incidents) == 2


def test_every_evidence_span_is_exact_by_construction() -> None:
    records = _run(REPORT)
    spans = [e for i in records.incidents for e in i.evidence]
    spans += [e for i in records.incidents for c in i.casualty_claims for e in c.evidence]
    spans += [e for s in records.statements for e in s.evidence]
    assert spans
    for ev in spans:
        assert ev.alignment is Alignment.exact
        assert REPORT[ev.char_start : ev.char_end] == ev.quote


def test_statements_one_per_speaker_and_type_with_their_incident() -> None:
    records = _run(REPORT)
    kinds = {(s.speaker.name, s.type) for s in records.statements}
    assert ("Syrian Armed Forces", StatementType.deny) in kinds
    denial = next(s for s in records.statements if s.type is StatementType.deny)
    kafranbel = next(i for i in records.incidents if i.location.name == "Kafr Nabl")
    assert denial.about == [kafranbel.id]
    assert kafranbel.status.value == "denied"
