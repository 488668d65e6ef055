"""detect_published: the publication date in a page's header lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractor.models import Alignment, DatePrecision
from extractor.normalise import detect_published

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("prefix", "written", "day"),
    [
        ("000", "12/08/2016", dt.date(2016, 8, 12)),  # day-first
        ("001", "Monday 22 January 2018", dt.date(2018, 1, 22)),
        ("003", "27/11/2017", dt.date(2017, 11, 27)),
    ],
)
def test_seed_headers(prefix: str, written: str, day: dt.date) -> None:
    text = seed(prefix)
    spec = detect_published(text)
    assert spec is not None
    assert spec.text == written
    assert spec.start == spec.end == day
    assert spec.precision is DatePrecision.day
    assert spec.source == "text"
    ev = spec.evidence
    assert ev is not None and ev.alignment is Alignment.exact
    assert ev.char_start is not None and ev.char_end is not None
    assert text[ev.char_start : ev.char_end] == written == ev.quote


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_seeds_without_a_header_date(prefix: str) -> None:
    # 002 has "on September 25, 2017" in a caption within its first lines
    assert detect_published(seed(prefix)) is None


@pytest.mark.parametrize(
    ("header", "written", "day"),
    [
        (
            "Published: Monday, January 22, 2018 10:30 GMT",
            "Monday, January 22, 2018",
            dt.date(2018, 1, 22),
        ),
        ("Updated 2018-01-22T10:00 | World", "2018-01-22", dt.date(2018, 1, 22)),
        ("22nd January 2018 by Staff Reporter", "22nd January 2018", dt.date(2018, 1, 22)),
        ("Sept. 4, 2017", "Sept. 4, 2017", dt.date(2017, 9, 4)),
        ("03.06.2017, 13:40", "03.06.2017", dt.date(2017, 6, 3)),
        ("*12/28/2016*", "12/28/2016", dt.date(2016, 12, 28)),  # only month-first is valid
        ("05/04/2016", "05/04/2016", dt.date(2016, 4, 5)),  # ambiguous: day-first
    ],
)
def test_header_forms(header: str, written: str, day: dt.date) -> None:
    text = f"Some title\n\n{header}\n\nBody text follows.\n"
    spec = detect_published(text)
    assert spec is not None
    assert spec.text == written
    assert spec.start == day
    assert spec.evidence is not None
    assert text[spec.evidence.char_start : spec.evidence.char_end] == written


@pytest.mark.parametrize(
    "text",
    [
        "Title\n\nA man was hurt in Idlib on September 25, 2017.\n",
        "Title\n\nThe strikes on 12/08/2016 killed 20 people.\n",
        "Title\n\n31/02/2016 17:41 by admin\n",  # not a date
        "\n".join(["line"] * 15) + "\n12/08/2016 17:41 by admin\n",  # past the header
        "",
    ],
)
def test_no_publication_date(text: str) -> None:
    assert detect_published(text) is None
