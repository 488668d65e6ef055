"""Run the pipeline over the seed articles, one cassette per seed.

    python tools/seeds_run.py --record   # real embedded server, writes cassettes
    python tools/seeds_run.py            # replays cassettes, no model needed
    python tools/seeds_run.py --strategy staged --cassettes evals/cassettes/staged
    python tools/seeds_run.py --strategy rules   # no model, no cassette
    python tools/seeds_run.py --seeds evals/devset --strategy staged \
        --cassettes evals/cassettes/devset/staged

`--strategy single` (the default here) is the one-call-per-chunk run whose
cassettes are `evals/cassettes/<doc_id>.json`.

Recording starts the embedded llama.cpp server (provider local) and writes
`<cassettes>/<doc_id>.json`; replay sends the same requests to the recorded
answers, so the deterministic post-processing (grounding, normalisation) is
re-run on every change. Results go to `<out>/results.jsonl`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.config import SMOLLM2, resolve_config  # noqa: E402
from extractor.pipeline import Extractor  # noqa: E402
from tools.cassettes import replay  # noqa: E402

# Replay never reaches this address: every request is answered from a cassette.
REPLAY_BASE_URL = "http://127.0.0.1:9/v1"


async def run(
    seeds: list[Path],
    cassettes: Path,
    out: Path,
    record: bool,
    model: str | None,
    strategy: str = "single",
) -> int:
    config = resolve_config(
        provider="local",
        model=model,
        # the single cassettes are SmolLM2's (it extracts nothing, see README); staged
        # ones the default embedded model's, which makes the choices MODEL_KINDS names
        local_model=SMOLLM2 if strategy == "single" and model is None else None,
        base_url=None if record else REPLAY_BASE_URL,
        strategy=strategy,
    )
    out.mkdir(parents=True, exist_ok=True)
    if strategy != "rules":
        cassettes.mkdir(parents=True, exist_ok=True)
    failures = 0
    lines = []
    async with Extractor(config) as extractor:
        for path in seeds:
            doc_id = path.stem
            source = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
            tape = (
                replay(cassettes / f"{doc_id}.json", record_mode="all" if record else "none")
                if strategy != "rules"
                else contextlib.nullcontext()
            )
            with tape:
                try:
                    result = await extractor.aextract(
                        path.read_text(encoding="utf-8"), doc_id=doc_id, source=source
                    )
                except Exception as e:  # report and go on with the next seed
                    failures += 1
                    print(f"{doc_id}: {type(e).__name__}: {e}", file=sys.stderr)
                    continue
            lines.append(result.model_dump_json())
            p = result.provenance
            print(
                f"{doc_id}: {len(result.incidents)} incidents, {len(result.statements)} statements, "
                f"{p.usage.total_tokens} tokens, {p.attempts} attempts, "
                f"{p.model_choices} model choices, {p.rule_fallbacks} fallbacks, {p.latency_s:.1f}s",
                file=sys.stderr,
            )
    (out / "results.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--record", action="store_true", help="Record from the real embedded server."
    )
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--cassettes", type=Path, default=ROOT / "evals" / "cassettes")
    parser.add_argument("--out", type=Path, default=ROOT / "runs" / "eval")
    parser.add_argument("--only", help="Run one seed (doc id) only.")
    parser.add_argument("--model", help="Embedded model (default: the configured one).")
    parser.add_argument(
        "--strategy", choices=("single", "staged", "rules"), default="single", help="Strategy."
    )
    args = parser.parse_args()
    seeds = sorted(args.seeds.glob("*.txt"))
    if args.only:
        seeds = [p for p in seeds if p.stem == args.only]
    if not seeds:
        print(f"{args.seeds}: no seed articles (*.txt)", file=sys.stderr)
        return 2
    return asyncio.run(run(seeds, args.cassettes, args.out, args.record, args.model, args.strategy))


if __name__ == "__main__":
    sys.exit(main())
