"""Every gold set of the repository, with its documents' languages and actors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_SETS = [
    p
    for p in (
        ROOT / "seeds",
        ROOT / "evals" / "devset",
        ROOT / "evals" / "devset2" / "dev",
        ROOT / "evals" / "devset2" / "test",
    )
    if (p / "annotations").is_dir()
]


def gold_records(folder: Path) -> Iterator[dict]:
    for path in sorted((folder / "annotations").glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def gold_actors(record: dict) -> list[dict]:
    """Speakers and claimants of a gold record, statements first."""
    speakers = [s["speaker"] for s in record.get("statements", [])]
    claimants = [
        c["claimant"]
        for i in record.get("incidents", [])
        for c in i.get("casualty_claims", [])
        if c.get("claimant")
    ]
    return [a for a in [*speakers, *claimants] if a.get("text")]
