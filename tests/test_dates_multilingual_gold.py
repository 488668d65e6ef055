"""Every gold date resolves from its own text: seeds and every development set.

For each gold file (``seeds/annotations``, ``evals/devset/annotations`` and any
other ``annotations`` folder under ``evals/``, the splits of a second set
included), every incident and statement date that has both a written text and
a resolved range must come out of ``resolve_date(text, published,
language=gold.language)`` with the gold's start, end and precision. Scored per
language over all the sets together (a date that refers back to another,
"later in the day", cannot be resolved from its own words: seed 001 has one),
each language must reach 0.95. Only the aggregate is asserted, so a split kept
for scoring is never read record by record here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from extractor.models import GoldAnnotation
from extractor.normalise import resolve_date

ROOT = Path(__file__).resolve().parents[1]
THRESHOLD = 0.95


def gold_sets() -> list[Path]:
    folders = [ROOT / "seeds" / "annotations", *sorted((ROOT / "evals").glob("**/annotations"))]
    return [f for f in folders if f.is_dir() and any(f.glob("*.json"))]


def scores(folder: Path) -> dict[str, tuple[int, int]]:
    """Per language: (dates resolved as the gold has them, gold dates)."""
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for path in sorted(folder.glob("*.json")):
        gold = GoldAnnotation.model_validate(json.loads(path.read_text(encoding="utf-8")))
        published = gold.published.start if gold.published else None
        language = gold.language or "en"
        dates = [i.date for i in gold.incidents] + [s.date for s in gold.statements]
        for date in dates:
            if date is None or not date.text or date.start is None:
                continue
            got = resolve_date(date.text, published, language=gold.language)
            total[language] += 1
            right[language] += (got.start, got.end, got.precision) == (
                date.start,
                date.end,
                date.precision,
            )
    return {lang: (right[lang], n) for lang, n in total.items()}


def pooled() -> dict[str, tuple[int, int]]:
    """Per language over every gold set: (right, total)."""
    out: dict[str, tuple[int, int]] = {}
    for folder in gold_sets():
        for lang, (right, n) in scores(folder).items():
            before = out.get(lang, (0, 0))
            out[lang] = (before[0] + right, before[1] + n)
    return out


POOLED = pooled()


def test_every_gold_set_has_dated_records() -> None:
    for folder in gold_sets():
        assert scores(folder), f"no dated record in {folder}"


@pytest.mark.parametrize("language", sorted(POOLED))
def test_gold_dates_resolve_from_their_text(language: str) -> None:
    right, n = POOLED[language]
    assert right >= THRESHOLD * n, f"{language}: {right}/{n} gold dates resolved as written"
