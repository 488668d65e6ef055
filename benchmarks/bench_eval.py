"""Benchmark the eval harness: score 10,000 seed-sized documents on one core.

The gold documents (``seeds/annotations``, or hand-built ones from the eval
tests' shapes when no gold exists yet) are replicated under distinct doc_ids;
each prediction is a lightly perturbed copy (a record dropped, a figure or
date changed, a name misspelt, a statement retyped, a spurious statement, the
records reordered, or untouched). Both are written as JSONL, then loaded and
scored the way ``extractor eval`` does it: gold loaded, predictions read and
scored one by one. Target: under 10 seconds.

    python benchmarks/bench_eval.py [--docs 10000] [--profile]

The last line reads ``eval_docs=<N> seconds=<S> docs_per_s=<R>``, with S the
wall-clock time from reading the files to the finished report: parsing and
validating 2 x N documents, features, alignment, field scores, grounding and
summary, all in one thread (``cpu_s`` is the process CPU time of the same).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import cProfile  # noqa: E402
import datetime as dt  # noqa: E402
import gc  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.evaluation import (  # noqa: E402
    TextResolver,
    evaluate_path,
    load_gold,
)
from extractor.models import DocumentRecords, Statement, StatementType  # noqa: E402


def base_documents() -> list[DocumentRecords]:
    gold_dir = ROOT / "seeds" / "annotations"
    if gold_dir.is_dir() and any(gold_dir.glob("*.json")):
        return list(load_gold(gold_dir).records().values())
    sys.path.insert(0, str(ROOT / "tests"))
    from test_eval_support import fixture_documents  # type: ignore[import-not-found]

    return fixture_documents()


def perturb(doc: DocumentRecords, rng: random.Random) -> DocumentRecords:
    """A lightly wrong copy of a gold document."""
    pred = doc.model_copy(deep=True)
    kind = rng.randrange(8)
    claims = [c for i in pred.incidents for c in i.casualty_claims]
    if kind == 0 and pred.statements:
        pred.statements.pop(rng.randrange(len(pred.statements)))
    elif kind == 1 and claims:
        claim = rng.choice(claims)
        claim.min = (claim.min or 0) + rng.randint(1, 5)
        claim.max = None if claim.max is None else max(claim.max, claim.min)
    elif kind == 2 and pred.incidents:
        inc = rng.choice(pred.incidents)
        if inc.date.start is not None:
            inc.date.start = inc.date.start - dt.timedelta(days=1)
        if inc.location.name:
            inc.location.name = inc.location.name[:-1]
    elif kind == 3 and pred.statements:
        st = rng.choice(pred.statements)
        st.type = StatementType.comment if st.type != "comment" else StatementType.claim
        st.content = st.content + " reportedly"
    elif kind == 4:
        pred.statements.append(
            Statement(
                id="S99", type=StatementType.comment, content="An aside the annotator left out."
            )
        )
    elif kind == 5:
        rng.shuffle(pred.statements)
        rng.shuffle(pred.incidents)
    return pred


def build(n: int, folder: Path, seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    bases = base_documents()
    gold_path, pred_path = folder / "gold.jsonl", folder / "results.jsonl"
    with gold_path.open("w") as gold_out, pred_path.open("w") as pred_out:
        for k in range(n):
            base = bases[k % len(bases)]
            gold = base.model_copy(update={"doc_id": f"{base.doc_id}-{k:05d}"})
            gold_out.write(gold.model_dump_json() + "\n")
            pred_out.write(perturb(gold, rng).model_dump_json() + "\n")
    return gold_path, pred_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="Print a cProfile of the run.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        gold_path, pred_path = build(args.docs, Path(tmp))
        gc.collect()
        gc.disable()  # as the CLI does: a short batch of acyclic objects
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
        c0 = time.process_time()
        t0 = time.perf_counter()
        gold = load_gold(gold_path)
        t1 = time.perf_counter()
        report = evaluate_path(gold, pred_path, texts=TextResolver())
        t2 = time.perf_counter()
        cpu = time.process_time() - c0
        if args.profile:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    s = report.summary
    assert s["documents"] == args.docs and s["documents_missing"] == 0
    print(
        f"gold_load_s={t1 - t0:.2f} pred_load_and_score_s={t2 - t1:.2f} cpu_s={cpu:.2f} "
        f"validity_rate={s['validity_rate']:.3f}"
    )
    print(
        f"incident_f1={s['incident_f1']:.3f} claim_f1={s['claim_f1']:.3f} "
        f"statement_f1={s['statement_f1']:.3f} field_accuracy={s['field_accuracy']:.3f}"
    )
    seconds = t2 - t0
    print(f"eval_docs={args.docs} seconds={seconds:.2f} docs_per_s={args.docs / seconds:.0f}")
    gc.freeze()  # skip the collector's pass over everything at interpreter exit


if __name__ == "__main__":
    main()
