"""Floors for the post-processing ceiling's claims, dates and figures on the development
sets (seeds, evals/devset, evals/devset2/dev; never the test split): what the
normalisers reach today, so that a change that loses a claim, a date or a figure fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.ceiling import ceiling
from extractor.evaluation.load import load_gold

ROOT = Path(__file__).resolve().parents[1]

# (set, group) -> (claim_f1, dates, figures) floors
FLOORS = {
    ("evals/devset/annotations", "en"): (0.95, 0.97, 0.99),
    ("evals/devset2/dev/annotations", "ar"): (1.0, 1.0, 1.0),
    ("evals/devset2/dev/annotations", "de"): (0.95, 1.0, 1.0),
    ("evals/devset2/dev/annotations", "en"): (1.0, 1.0, 1.0),
    ("evals/devset2/dev/annotations", "es"): (1.0, 1.0, 1.0),
    ("evals/devset2/dev/annotations", "fr"): (1.0, 1.0, 1.0),
    ("evals/devset2/dev/annotations", "pt"): (0.97, 1.0, 1.0),
    ("seeds/annotations", "en"): (1.0, 0.88, 1.0),
}


@pytest.fixture(scope="module")
def reports() -> dict[str, dict]:
    out = {}
    for folder in sorted({f for f, _ in FLOORS}):
        if not (ROOT / folder).is_dir():
            pytest.skip(f"no {folder}")
        out[folder] = ceiling(load_gold(ROOT / folder), name=folder).to_dict()["groups"]
    return out


@pytest.mark.parametrize(("folder", "group"), sorted(FLOORS))
def test_the_ceiling_keeps_its_claims_dates_and_figures(
    reports: dict[str, dict], folder: str, group: str
) -> None:
    entry = reports[folder][group]
    claim_f1, dates, figures = FLOORS[(folder, group)]
    assert entry["claim_f1"] >= claim_f1
    assert entry["fields"]["dates"] >= dates
    assert entry["fields"]["figures"] >= figures
