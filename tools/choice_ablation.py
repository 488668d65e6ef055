"""Measure each kind of staged choice, model against rule, on the gold.

    python tools/choice_ablation.py --out runs/ablation

Starts the embedded server once and extracts the seeds and the dev set once
per kind of choice, with only that kind put to the model (every other choice
by its rule), plus once with rules alone (a kind's `-unsure` variant asks only where the
rule has no answer); each run goes to
`<out>/<set>-<kind>/results.jsonl` for `extractor eval`. A kind is worth
asking the model when its run scores above the rules run on the record type
the choice decides (speaker: statements; claimant and campaign: claims).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.config import resolve_config  # noqa: E402
from extractor.pipeline import Extractor  # noqa: E402
from extractor.strategies.staged import StagedStrategy  # noqa: E402

SETS = {"seeds": ROOT / "seeds", "devset": ROOT / "evals" / "devset"}
KINDS = (
    "rules",
    "speaker",
    "claimant",
    "campaign",
    "speaker-unsure",
    "claimant-unsure",
)


async def main_async(out: Path, kinds: tuple[str, ...]) -> int:
    config = resolve_config(provider="local", strategy="staged")
    async with Extractor(config) as extractor:
        for kind in kinds:
            extractor.strategy = StagedStrategy(frozenset() if kind == "rules" else {kind})
            for name, folder in SETS.items():
                began = time.perf_counter()
                lines = []
                for path in sorted(folder.glob("*.txt")):
                    result = await extractor.aextract(
                        path.read_text(encoding="utf-8"),
                        doc_id=path.stem,
                        source=str(path.relative_to(ROOT)),
                    )
                    lines.append(result.model_dump_json() + "\n")
                target = out / f"{name}-{kind}"
                target.mkdir(parents=True, exist_ok=True)
                (target / "results.jsonl").write_text("".join(lines), encoding="utf-8")
                print(f"{name} {kind}: {time.perf_counter() - began:.1f}s", file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "runs" / "ablation")
    parser.add_argument("--kinds", nargs="*", default=list(KINDS), choices=KINDS)
    args = parser.parse_args()
    return asyncio.run(main_async(args.out, tuple(args.kinds)))


if __name__ == "__main__":
    sys.exit(main())
