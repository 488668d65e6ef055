"""Distinct synthetic articles for batch tests: n JSONL records of about 800 characters."""

from __future__ import annotations

import json
from pathlib import Path

PARAGRAPHS = [
    "A fresh round of airstrikes killed at least {n} civilians in the town of {place} on "
    "Thursday, the Syrian Observatory for Human Rights said, adding that the toll was "
    "likely to rise as rescuers searched the rubble.",
    "The {actor} defence ministry denied that its aircraft had carried out any raid near "
    "{place}, calling the reports a fabrication spread by militants and their backers.",
    "Local activists said a market and a bakery were hit, and that several of the dead "
    "were children. Turkey's foreign ministry condemned the attack and appealed for an "
    "independent investigation.",
    "The monitor, which relies on a network of sources on the ground, has recorded more "
    "than {k} deaths in the province since the start of the month.",
]
PLACES = ["Raqqa", "Idlib", "Aleppo", "Douma", "Maarat al-Numan", "Deir ez-Zor", "Saraqib"]


def write_inputs(path: Path, n: int) -> None:
    """A JSONL file of ``n`` distinct articles (about 800 characters each)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            actor = "Russian" if i % 2 else "Syrian"
            text = "\n\n".join(
                p.format(n=5 + i % 40, place=place, actor=actor, k=100 + i) for p in PARAGRAPHS
            )
            rec = {"id": f"bench-{i:05d}", "text": text, "published": "2016-08-12"}
            fh.write(json.dumps(rec) + "\n")
