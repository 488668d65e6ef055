"""A monitor's list of villages: the lead-in is prose, and its source is each item's."""

from __future__ import annotations

import asyncio
import datetime as dt

from extractor.grounding import clean_for_prompt
from extractor.strategies.rules import RulesStrategy

REPORT = """Syria: villages hit on Monday

Air strikes and shelling hit several villages of Idlib province on Monday, killing at least eleven civilians. The Syrian Observatory for Human Rights listed the villages in its daily report:

- In Kafr Nabl, an air strike on a market killed five civilians.
- In the village of Hass, shelling killed six civilians.
"""


def _records(text: str):  # type: ignore[no-untyped-def]
    strategy = RulesStrategy()
    result = asyncio.run(
        strategy.run(text, clean_for_prompt(text), dt.date(2019, 6, 11), client=None)
    )
    return result.records


def test_each_list_item_takes_the_source_its_lead_in_names() -> None:
    records = _records(REPORT)
    claims = {
        (i.location.name, c.min): c.claimant.name if c.claimant else None
        for i in records.incidents
        for c in i.casualty_claims
    }
    sohr = "Syrian Observatory for Human Rights"
    assert claims[("Kafr Nabl", 5)] == sohr
    assert claims[("Hass", 6)] == sohr


def test_a_paragraph_that_leads_into_a_list_is_body_text() -> None:
    from extractor.staged.candidates.sentences import find_sentences

    sentences = find_sentences(REPORT, clean_for_prompt(REPORT))
    lead = next(s for s in sentences if s.text.startswith("Air strikes and shelling"))
    assert lead.body
    title = "Latest:\n\n- one\n"
    assert not find_sentences(title, clean_for_prompt(title))[0].body
