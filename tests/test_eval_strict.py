"""The strict scores cannot be passed by a wrong figure, a wrong type, a moved
record or an invented quote; the lenient ones beside them show what was lost.

Predictions are built from the seeds' gold itself, perturbed one way at a time,
as a careful evaluator would test the harness.
"""

from __future__ import annotations

import itertools
import json

import pytest
from click.testing import CliRunner
from eval_support import GOLD_DIR, ROOT, copy_docs, gold_documents

from extractor.cli.eval_cmd import eval_cmd
from extractor.evaluation import TextResolver, evaluate, load_gold
from extractor.evaluation.diff import flatten, is_quality
from extractor.evaluation.features import document_features
from extractor.evaluation.match import SMALL
from extractor.evaluation.strict import (
    claim_gate,
    claim_gate_matrix,
    figures_agree,
    statement_gate,
    statement_gate_matrix,
)
from extractor.evaluation.summary import LOWER_IS_BETTER
from extractor.models import DocumentRecords, Location, StatementType

KINDS = ("incident", "claim", "statement")


DEVSET_GOLD = ROOT / "evals" / "devset" / "annotations"


@pytest.fixture(scope="module", params=["seeds", "devset"])
def gold(request: pytest.FixtureRequest) -> list[DocumentRecords]:
    """The seeds' gold and the dev set's: every property holds on both."""
    if request.param == "seeds":
        return gold_documents()
    loaded = load_gold(DEVSET_GOLD)
    return [loaded.documents[k].records for k in sorted(loaded.documents)]


def _score(gold: list[DocumentRecords], pred: list[DocumentRecords]) -> dict:
    return evaluate(gold, pred, texts=TextResolver()).summary


def _shift_figures(docs: list[DocumentRecords], change) -> list[DocumentRecords]:
    out = copy_docs(docs)
    for doc in out:
        for inc in doc.incidents:
            for c in inc.casualty_claims:
                c.min = change(c.min) if c.min is not None else None
                c.max = change(c.max) if c.max is not None else None
    return out


def test_gold_against_gold_is_perfect_on_every_metric(gold: list[DocumentRecords]) -> None:
    s = _score(gold, copy_docs(gold))
    quality = {k: v for k, v in flatten(s).items() if is_quality(k)}
    for key in (
        *(f"{k}_f1" for k in KINDS),
        *(f"{k}_f1_lenient" for k in KINDS),
        "claim_figure_exact_rate",
        "claim_figure_exact_rate_lenient",
        "grounding_rate",
        "gold_grounding_rate",
    ):
        assert s[key] == 1.0, key
    wrong = {
        k: v
        for k, v in quality.items()
        if v != (0.0 if k.removeprefix("macro.") in LOWER_IS_BETTER else 1.0)
    }
    assert wrong == {}
    assert s["claim_figure_mae"] == s["claim_figure_mae_lenient"] == 0.0
    assert s["ungrounded_spans"] == 0


@pytest.mark.parametrize(
    ("name", "change"),
    [("off by one", lambda v: v + 1), ("times ten", lambda v: v * 10), ("999", lambda v: 999)],
)
def test_wrong_figures_fail_strict_and_pass_lenient(
    gold: list[DocumentRecords], name: str, change
) -> None:
    s = _score(gold, _shift_figures(gold, change))
    assert s["claim_f1"] == 0.0, name
    assert s["claim_f1_lenient"] == 1.0, name
    assert s["claim_figure_exact_rate_lenient"] == 0.0
    assert s["claim_figure_mae_lenient"] > 0.0
    assert s["claim_figure_pairs"] == 0


def test_records_moved_one_document_along_score_zero_strict(gold: list[DocumentRecords]) -> None:
    moved = []
    for target, origin in zip(gold, gold[1:] + gold[:1], strict=True):
        moved.append(
            origin.model_copy(
                update={
                    "doc_id": target.doc_id,
                    "source": target.source,
                    "text_sha256": target.text_sha256,
                },
                deep=True,
            )
        )
    s = _score(gold, moved)
    for kind in KINDS:
        assert s[f"{kind}_f1"] == 0.0, kind
    assert s["grounding_rate"] < 0.2  # offsets from another article rarely hold its quote


def test_doubled_records_halve_precision(gold: list[DocumentRecords]) -> None:
    doubled = copy_docs(gold)
    for doc in doubled:
        doc.incidents = doc.incidents + [
            i.model_copy(update={"id": f"{i.id}x"}, deep=True) for i in doc.incidents
        ]
        doc.statements = doc.statements + [
            st.model_copy(update={"id": f"{st.id}x"}, deep=True) for st in doc.statements
        ]
    s = _score(gold, doubled)
    for kind in KINDS:
        for suffix in ("", "_lenient"):
            assert s[f"{kind}_precision{suffix}"] == pytest.approx(0.5), (kind, suffix)
            assert s[f"{kind}_recall{suffix}"] == 1.0


def test_shuffled_statement_types_fail_strict_only(gold: list[DocumentRecords]) -> None:
    types = list(StatementType)
    shuffled = copy_docs(gold)
    for doc in shuffled:
        for st in doc.statements:
            st.type = types[(types.index(st.type) + 1) % len(types)]
    s = _score(gold, shuffled)
    assert s["statement_f1"] == 0.0
    assert s["statement_f1_lenient"] == 1.0
    assert s["incident_f1"] == s["claim_f1"] == 1.0


def test_invented_quotes_with_kept_offsets_ground_nothing(gold: list[DocumentRecords]) -> None:
    from extractor.evaluation.grounding import iter_evidence

    invented = copy_docs(gold)
    for doc in invented:
        for _, e in iter_evidence(doc):
            e.quote = "Officials said nothing of the kind happened there " + e.quote[::-1]
    s = _score(gold, invented)
    assert s["grounding_rate"] == 0.0
    assert s["ungrounded_spans"] == s["evidence_spans"] > 0
    assert s["gold_grounding_rate"] == 1.0
    report = evaluate(gold, invented, texts=TextResolver()).to_dict()
    listed = report["documents"][0]["ungrounded_evidence"]
    assert listed and listed[0]["reason"] == "quote differs from the text at its offsets"
    assert listed[0]["record"]


def test_incident_without_place_or_date_is_not_matched_on_evidence(
    gold: list[DocumentRecords],
) -> None:
    blank = copy_docs(gold)
    for doc in blank:
        for inc in doc.incidents:
            inc.location = Location()
            inc.date = inc.date.model_copy(update={"start": None, "end": None, "text": None})
    s = _score(gold, blank)
    assert s["incident_f1"] == 0.0
    assert s["incident_f1_lenient"] > 0.0


def test_missing_text_is_reported_not_trusted(gold: list[DocumentRecords]) -> None:
    lost = [
        d.model_copy(update={"source": "nowhere/none.txt", "doc_id": "zz_" + d.doc_id})
        for d in gold[:1]
    ]
    report = evaluate(lost, copy_docs(lost), texts=TextResolver())
    assert report.summary["grounding_rate"] == 0.0
    assert report.summary["documents_without_text"] == 1
    assert any("source text not found" in i for i in report.issues)


def test_figures_agree() -> None:
    assert figures_agree((23, 23), (23, 23))
    assert figures_agree((8, 10), (9, 9))
    assert not figures_agree((23, 23), (24, 24))
    assert figures_agree((53, None), (53, 53))
    assert figures_agree((20, None), (20, 25))
    assert not figures_agree((20, None), (999, 999))
    assert not figures_agree((20, None), (21, None))
    assert figures_agree((20, None), (20, None))
    assert not figures_agree((8, 10), (9, 11))
    assert not figures_agree((0, 10), (2, 2))  # "up to 10" states no lower bound
    assert figures_agree((0, 10), (0, 10))
    assert figures_agree(None, None) and not figures_agree(None, (1, 1))


def test_gate_matrices_equal_per_pair_gates(gold: list[DocumentRecords]) -> None:
    """The array gates used for big documents agree with the per-pair ones."""
    texts = TextResolver()
    features = [document_features(d, texts.text(d)) for d in gold]
    claims = [c for f in features for c in f.claims]
    statements = [st for f in features for st in f.statements]
    assert len(statements) ** 2 > SMALL
    for pred, golds, gate, matrix in (
        (claims, claims, claim_gate, claim_gate_matrix),
        (statements, statements, statement_gate, statement_gate_matrix),
    ):
        m = matrix(pred, golds)
        for (i, p), (j, g) in itertools.product(enumerate(pred), enumerate(golds)):
            assert bool(m[i, j]) == gate(p, g), (i, j)


def test_cli_json_has_strict_lenient_figures_and_grounding(tmp_path) -> None:
    result = CliRunner().invoke(
        eval_cmd, ["--gold", str(GOLD_DIR), "--pred", str(GOLD_DIR), "--json"]
    )
    assert result.exit_code == 0, result.output
    s = json.loads(result.stdout)["summary"]
    for kind in KINDS:
        for metric in ("precision", "recall", "f1"):
            assert s[f"{kind}_{metric}"] == 1.0
            assert s[f"{kind}_{metric}_lenient"] == 1.0
    assert s["claim_figure_exact_rate"] == 1.0 and s["claim_figure_mae"] == 0.0
    assert s["grounding_rate"] == 1.0 and s["gold_grounding_rate"] == 1.0
