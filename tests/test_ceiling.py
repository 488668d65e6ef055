"""The post-processing ceiling: gold-derived drafts through the real post-processing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from extractor.ceiling import ceiling, ceiling_result, gold_draft
from extractor.cli import cli
from extractor.evaluation.load import load_gold
from extractor.models import GoldAnnotation

ROOT = Path(__file__).resolve().parents[1]
SEED_GOLD = ROOT / "seeds" / "annotations"


def _gold(name: str) -> GoldAnnotation:
    return GoldAnnotation.model_validate_json((SEED_GOLD / f"{name}.json").read_text())


def test_the_perfect_draft_carries_every_field_as_written() -> None:
    gold = _gold("004_9cec1314a4d43e5a")
    draft = gold_draft(gold)
    assert len(draft.incidents) == len(gold.incidents)
    assert len(draft.statements) == len(gold.statements)
    for d, g in zip(draft.incidents, gold.incidents, strict=True):
        assert d.evidence == [e.quote for e in g.evidence]
        assert d.location == (g.location.text or g.location.name or "")
        assert [c.figure for c in d.casualties] == [c.text for c in g.casualty_claims]
    linked = [s for s in gold.statements if s.about]
    assert linked, "seed 004 has statements about incidents"
    for d, g in zip(draft.statements, gold.statements, strict=True):
        if g.about:
            assert gold.incidents[d.incident - 1].id in g.about
        else:
            assert d.incident == 0


def test_the_ceiling_result_is_grounded_and_normalised_by_the_pipeline_code() -> None:
    gold = _gold("003_13956b3d53b21d07")
    text = (ROOT / "seeds" / "003_13956b3d53b21d07.txt").read_text(encoding="utf-8")
    result = ceiling_result(gold, text)
    assert result.language == "en"
    assert result.published is not None and result.published.start == gold.published.start
    assert result.provenance.strategy == "ceiling"
    spans = [e for i in result.incidents for e in i.evidence]
    assert spans and all(text[e.char_start : e.char_end] == e.quote for e in spans)
    figures = sorted((c.min, c.max) for i in result.incidents for c in i.casualty_claims)
    assert figures == sorted((c.min, c.max) for i in gold.incidents for c in i.casualty_claims)


def test_the_ceiling_reports_each_language_and_field() -> None:
    report = ceiling(load_gold(SEED_GOLD), name="seeds").to_dict(misses=True)
    assert list(report["groups"]) == ["all", "en"]
    entry = report["groups"]["all"]
    assert entry["documents"] == 5
    assert set(entry["fields"]) == {"dates", "places", "figures", "actors"}
    assert entry["field_counts"]["figures"] == 12  # every seed claim is checked
    assert entry["claim_f1"] == 1.0


def test_the_ceiling_command_prints_json(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["ceiling", "--gold", str(SEED_GOLD), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data[0]["groups"]["en"]["documents"] == 5


def test_eval_reports_scores_per_gold_language(tmp_path: Path) -> None:
    from extractor.evaluation.evaluate import evaluate

    gold = load_gold(ROOT / "evals" / "devset2" / "dev" / "annotations")
    report = evaluate(gold, gold).summary
    assert set(report["by_language"]) == {"ar", "de", "en", "es", "fr", "pt"}
    written = Counter(d.records.language for d in gold.documents.values())
    for language, row in report["by_language"].items():
        assert row["documents"] == written[language] >= 3
        assert row["claim_f1"] == row["statement_f1_lenient"] == 1.0
