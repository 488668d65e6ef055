"""Build an event gold file (events.json) from its writers' fragments.

    python tools/events_gold.py evals/devset2            # writes evals/devset2/events.json
    python tools/events_gold.py evals/devset2 --check    # fails when events.json is stale

Each writer lists, in ``<set>/events/<writer>.json``, the incidents of their
articles that belong to a shared event::

    {"members": [{"event": "E1", "doc_id": "r01_en_maarat_market_wire", "incident": "I1"}]}

The gold low / high of all killed per event (the smallest and the largest of
the sources' latest figures) come from the set's event table, `FIGURES`.
Every incident listed in no fragment is an event of its own.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# The devset2 event table: event -> (low, high) killed. Distractors (D1..D5) carry no
# figures here: the low/high share is over the events reported by several articles.
FIGURES: dict[str, tuple[int, int]] = {
    "E1": (33, 39),
    "E2": (14, 16),
    "E3": (67, 70),
    "E4": (13, 14),
    "E5": (2, 3),
    "E6": (4, 6),
    "E7": (35, 40),
    "E8": (70, 82),
    "E9": (34, 35),
    "E10": (8, 9),
    "E11": (5, 6),
    "E12": (80, 200),
    "E13": (9, 12),
}
DESCRIPTION = (
    "Events reported by several articles of this set (E1..E13) and distractors kept apart "
    "(D1..D5); built by tools/events_gold.py from events/<writer>.json."
)


def build(root: Path) -> dict[str, object]:
    members: dict[str, list[dict[str, str]]] = {}
    seen: dict[tuple[str, str], str] = {}
    for fragment in sorted((root / "events").glob("*.json")):
        data = json.loads(fragment.read_text(encoding="utf-8"))
        for m in data.get("members", []):
            item = (m["doc_id"], m["incident"])
            if item in seen and seen[item] != m["event"]:
                raise SystemExit(f"{fragment}: {item} is in {seen[item]} and {m['event']}")
            if item in seen:
                continue
            seen[item] = m["event"]
            members.setdefault(m["event"], []).append(
                {"doc_id": m["doc_id"], "incident": m["incident"]}
            )
    annotations = [
        str(p.relative_to(root))
        for p in sorted(root.glob("*/annotations"))
        if p.is_dir() and any(p.glob("*.json"))
    ]
    events = []
    for event_id in sorted(
        members, key=lambda e: (e[0] != "E", int(e[1:]) if e[1:].isdigit() else 0)
    ):
        low, high = FIGURES.get(event_id, (None, None))
        group = sorted(members[event_id], key=lambda m: (m["doc_id"], m["incident"]))
        events.append({"id": event_id, "low": low, "high": high, "members": group})
    return {"description": DESCRIPTION, "annotations": annotations, "events": events}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("root", type=Path, help="The set's folder, e.g. evals/devset2.")
    parser.add_argument("--check", action="store_true", help="Only check events.json is current.")
    args = parser.parse_args()
    text = json.dumps(build(args.root), indent=2, ensure_ascii=False) + "\n"
    target = args.root / "events.json"
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(
                f"{target} is stale: run python tools/events_gold.py {args.root}", file=sys.stderr
            )
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
