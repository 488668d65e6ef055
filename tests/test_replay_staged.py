"""Strategy `staged` replaying cassettes recorded from the real embedded server
(`make record`): the model's choices come from the recording, the records from
code, and every evidence span is exact."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEED_IDS, SEEDS

from extractor.config import resolve_config
from extractor.models import Alignment
from extractor.pipeline import Extractor
from tools.cassettes import replay
from tools.seeds_run import REPLAY_BASE_URL

STAGED = ROOT / "evals" / "cassettes" / "staged"
DEVSET = ROOT / "evals" / "devset"
DEV_STAGED = ROOT / "evals" / "cassettes" / "devset" / "staged"
CASES = [(SEEDS, STAGED, d) for d in SEED_IDS] + [
    (DEVSET, DEV_STAGED, p.stem) for p in sorted(DEV_STAGED.glob("*.json"))
]


@pytest.mark.parametrize(("folder", "tapes", "doc_id"), CASES, ids=[c[2] for c in CASES])
async def test_staged_replays_into_exactly_grounded_records(
    folder: Path, tapes: Path, doc_id: str
) -> None:
    text = (folder / f"{doc_id}.txt").read_text(encoding="utf-8")
    config = resolve_config(provider="local", base_url=REPLAY_BASE_URL)
    assert config.resolved_strategy == "staged"
    async with Extractor(config) as extractor:
        with replay(tapes / f"{doc_id}.json"):
            result = await extractor.aextract(text, doc_id=doc_id)
    p = result.provenance
    assert p.strategy == "staged" and p.model == "smollm2-135m-instruct"
    assert p.model_choices + p.rule_fallbacks > 0 and p.attempts >= p.model_choices
    spans = [e for i in result.incidents for e in i.evidence]
    spans += [e for i in result.incidents for c in i.casualty_claims for e in c.evidence]
    spans += [e for s in result.statements for e in s.evidence]
    assert spans
    for ev in spans:
        assert ev.alignment is Alignment.exact and text[ev.char_start : ev.char_end] == ev.quote
