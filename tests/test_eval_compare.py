"""Typed field comparators of the eval harness, on their edge cases."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.evaluation.compare import (
    date_similarity,
    enum_similarity,
    exact_set_similarity,
    interval,
    merge_spans,
    name_key,
    name_set_similarity,
    name_similarity,
    number_similarity,
    soft_set_f1,
    span_similarity,
)
from extractor.models import DateSpec

D = dt.date


def spec(start: D | None, end: D | None = None, text: str | None = None) -> DateSpec:
    return DateSpec(text=text, start=start, end=end)


class TestDates:
    def test_both_unknown_match(self) -> None:
        assert date_similarity(spec(None), DateSpec(text="recently")) == 1.0
        assert date_similarity(None, None) == 1.0

    def test_one_unknown_misses(self) -> None:
        assert date_similarity(spec(D(2016, 8, 11)), spec(None)) == 0.0
        assert date_similarity(None, spec(D(2016, 8, 11))) == 0.0

    def test_exact(self) -> None:
        a = spec(D(2016, 8, 11), D(2016, 8, 11))
        assert date_similarity(a, spec(D(2016, 8, 11))) == 1.0

    def test_overlap_is_jaccard_of_days(self) -> None:
        week = spec(D(2016, 8, 8), D(2016, 8, 14))
        assert date_similarity(week, spec(D(2016, 8, 11))) == pytest.approx(1 / 7)
        two = spec(D(2016, 8, 10), D(2016, 8, 11))
        assert date_similarity(two, spec(D(2016, 8, 11), D(2016, 8, 12))) == pytest.approx(1 / 3)

    def test_disjoint(self) -> None:
        assert date_similarity(spec(D(2016, 8, 10)), spec(D(2016, 8, 11))) == 0.0

    def test_missing_start_or_reversed_range(self) -> None:
        assert date_similarity(spec(None, D(2016, 8, 11)), spec(D(2016, 8, 11))) == 1.0
        rev = spec(D(2016, 8, 12), D(2016, 8, 10))
        assert date_similarity(rev, spec(D(2016, 8, 10), D(2016, 8, 12))) == 1.0


class TestNumbers:
    def test_exact_and_unknown(self) -> None:
        assert number_similarity(20, 20, 20, 20) == 1.0
        assert number_similarity(None, None, None, None) == 1.0
        assert number_similarity(20, 20, None, None) == 0.0

    def test_open_intervals(self) -> None:
        assert number_similarity(20, None, 20, None) == 1.0
        assert number_similarity(20, None, 24, None) == pytest.approx(20 / 24)

    def test_open_against_closed(self) -> None:
        assert number_similarity(20, None, 20, 20) == pytest.approx(0.5)
        assert number_similarity(20, None, 40, 40) == pytest.approx(0.25)
        assert number_similarity(20, None, 10, 15) == 0.0

    def test_closed_overlap_is_jaccard(self) -> None:
        assert number_similarity(20, 30, 25, 35) == pytest.approx(6 / 16)
        assert number_similarity(20, 20, 23, 23) == 0.0

    def test_up_to_and_swapped(self) -> None:
        assert interval(None, 10) == (0, 10)
        assert interval(30, 20) == (20, 30)
        assert number_similarity(None, 10, 0, 10) == 1.0

    def test_zero(self) -> None:
        assert number_similarity(0, 0, 0, 0) == 1.0
        assert number_similarity(0, None, 0, None) == 1.0


class TestNames:
    def test_normalisation(self) -> None:
        assert name_key("The  Syrian Observatory.") == name_key("syrian observatory")
        assert name_key("Deir ez-Zor") == "deir ez zor"
        assert name_key("Ḥamā") == "hama"
        assert (
            name_similarity("The Russian Ministry of Defence", "Russian ministry of defence") == 1.0
        )

    def test_token_order_does_not_matter(self) -> None:
        assert name_similarity("Rahman Rami Abdel", "Rami Abdel Rahman") == 1.0

    def test_fuzzy_partial(self) -> None:
        assert 0.8 <= name_similarity("Raqa", "Raqqa") < 1.0

    def test_unrelated_and_empty(self) -> None:
        assert name_similarity("Idlib", "Hama") == 0.0
        assert name_similarity(None, "") == 1.0
        assert name_similarity("Raqqa", None) == 0.0
        assert name_similarity("the", None) == 1.0


class TestEnumsAndSets:
    def test_enum(self) -> None:
        assert enum_similarity("airstrike", "airstrike") == 1.0
        assert enum_similarity("SYR", "syr") == 1.0
        assert enum_similarity("airstrike", "shelling") == 0.0
        assert enum_similarity(None, None) == 1.0
        assert enum_similarity(None, "SYR") == 0.0

    def test_name_sets(self) -> None:
        targets = ["School", "the oil refinery"]
        assert name_set_similarity(["oil refinery", "school"], targets) == 1.0
        assert name_set_similarity([], []) == 1.0
        assert name_set_similarity(["school"], []) == 0.0
        assert name_set_similarity(["school", "market"], ["school"]) == pytest.approx(2 / 3)
        assert name_set_similarity(["a", "a", "b"], ["b", "a"]) == 1.0

    def test_exact_sets(self) -> None:
        assert exact_set_similarity(["I1", "I2"], ["I2", "I1"]) == 1.0
        assert exact_set_similarity(["I1"], ["I2"]) == 0.0
        assert exact_set_similarity([], []) == 1.0

    def test_soft_set_f1_pairs_one_to_one(self) -> None:
        def same(a: int, b: int) -> float:
            return 1.0 if a == b else 0.0

        assert soft_set_f1([1, 1], [1], same) == pytest.approx(2 / 3)


class TestSpans:
    def test_merge(self) -> None:
        assert merge_spans([(5, 10), (0, 3), (8, 12), (20, 20)]) == ((0, 3), (5, 12))

    def test_similarity(self) -> None:
        assert span_similarity(((0, 10),), ((0, 10),)) == 1.0
        assert span_similarity(((0, 10),), ((5, 15),)) == pytest.approx(5 / 15)
        assert span_similarity(((0, 10),), ((10, 15),)) == 0.0
        assert span_similarity((), ()) == 1.0
        assert span_similarity(((0, 1),), ()) == 0.0
        assert span_similarity(((0, 4), (10, 14)), ((2, 12),)) == pytest.approx(4 / 14)
