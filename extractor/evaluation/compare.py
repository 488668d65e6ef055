"""Typed field comparators: each returns a similarity in [0, 1].

One rule per kind of field, shared by record alignment (``match``) and by the
per-field scores on matched pairs (``score``):

- **names** (places, actors, targets, weapons): lowercased, accents,
  punctuation and the word "the" removed, tokens sorted; then rapidfuzz's
  ``ratio`` on those keys, which equals ``token_sort_ratio`` on the cleaned
  strings. Scores below ``NAME_CUTOFF`` count as 0 so unrelated strings earn
  no credit. Both empty is a match (1.0), one empty a miss (0.0). Known limit:
  names that share most characters ("Syrian Armed Forces" / "Russian Armed
  Forces", 0.87) score high; the actor's country and kind are scored as
  separate fields.
- **sentences** (statement content and quote): cleaned the same way but with
  the word order kept, then ``ratio`` with the same cutoff.
- **enums** and codes: exact, case-insensitive; both missing is a match.
- **dates** (``DateSpec``): the ``start``..``end`` day ranges. Equal ranges
  score 1.0, overlapping ranges the Jaccard index of their days, disjoint 0.0;
  both unknown 1.0, one unknown 0.0.
- **numbers** (casualty ``min``/``max``, ``max`` None = open, "at least"):
  equal intervals 1.0; two closed intervals the Jaccard index of their
  integers; two open intervals the ratio of their lower bounds; an open and a
  closed interval that overlap 0.5 times the ratio of their lower bounds;
  disjoint 0.0; both unknown 1.0.
- **lists** as sets: soft F1 ``2 * S / (|a| + |b|)`` where ``S`` sums the
  element similarities of a greedy one-to-one pairing (exact for strings
  compared exactly, fuzzy for names). Both empty is 1.0.
- **spans** (evidence offsets): Jaccard index of the characters covered.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from functools import lru_cache
from typing import TypeVar

from rapidfuzz.fuzz import ratio as _ratio

from extractor.models import DateSpec

NAME_CUTOFF = 0.5
"""Name similarities below this count as 0."""

_NON_WORD = re.compile(r"[\W_]+")
_STOPWORDS = frozenset({"the"})

T = TypeVar("T")
Interval = tuple[int, int | None]
"""A casualty figure: (low, high); high None means open-ended."""
DayRange = tuple[int, int]
"""A date range as proleptic Gregorian ordinals, both ends inclusive."""


def _tokens(value: str) -> list[str]:
    text = unicodedata.normalize("NFKD", value)
    if not text.isascii():
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return [t for t in _NON_WORD.sub(" ", text.lower()).split() if t not in _STOPWORDS]


@lru_cache(maxsize=200_000)
def name_key(value: str | None) -> str:
    """The normalised comparison key of a name: cleaned, lowercased, tokens sorted."""
    if not value:
        return ""
    tokens = _tokens(value)
    tokens.sort()
    return " ".join(tokens)


@lru_cache(maxsize=200_000)
def text_key(value: str | None) -> str:
    """The normalised comparison key of a sentence: cleaned, lowercased, order kept.

    Word order matters in sentences ("A accused B" is not "B accused A"), so
    paraphrases and quotes are compared in order, unlike names.
    """
    if not value:
        return ""
    return " ".join(_tokens(value))


def key_similarity(a: str, b: str) -> float:
    """Similarity of two keys made by :func:`name_key` or :func:`text_key`."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    score = _ratio(a, b) / 100.0
    return score if score >= NAME_CUTOFF else 0.0


def name_similarity(a: str | None, b: str | None) -> float:
    """Normalised fuzzy similarity of two names (token_sort_ratio, 0-1)."""
    return key_similarity(name_key(a), name_key(b))


def enum_similarity(a: object, b: object) -> float:
    """1.0 when two enum values or codes are equal (case-insensitive), else 0.0."""
    if a is None or b is None:
        return 1.0 if a is None and b is None else 0.0
    return 1.0 if str(a).casefold() == str(b).casefold() else 0.0


def exact_similarity(a: object, b: object) -> float:
    """1.0 when two values are equal (None equals None), else 0.0."""
    return 1.0 if a == b else 0.0


def day_range(start: dt.date | None, end: dt.date | None) -> DayRange | None:
    """A date range as ordinals; a missing end takes the start and vice versa."""
    if start is None and end is None:
        return None
    lo = (start or end).toordinal()  # type: ignore[union-attr]
    hi = (end or start).toordinal()  # type: ignore[union-attr]
    return (lo, hi) if lo <= hi else (hi, lo)


def date_key(spec: DateSpec | None) -> DayRange | None:
    """The day range of a DateSpec, or None when it is unknown."""
    if spec is None:
        return None
    return day_range(spec.start, spec.end)


def range_similarity(a: DayRange | None, b: DayRange | None) -> float:
    """Jaccard index of two inclusive day ranges; both unknown is 1.0."""
    if a is None or b is None:
        return 1.0 if a is None and b is None else 0.0
    if a == b:
        return 1.0
    inter = min(a[1], b[1]) - max(a[0], b[0]) + 1
    if inter <= 0:
        return 0.0
    union = max(a[1], b[1]) - min(a[0], b[0]) + 1
    return inter / union


def date_similarity(a: DateSpec | None, b: DateSpec | None) -> float:
    """Compare two DateSpecs by their start..end ranges."""
    return range_similarity(date_key(a), date_key(b))


def interval(low: int | None, high: int | None) -> Interval | None:
    """A casualty figure as an interval; None when both bounds are unknown.

    A missing low bound with a known high ("up to 10") starts at 0; a high
    bound below the low one is treated as a swapped pair.
    """
    if low is None and high is None:
        return None
    if low is None:
        return (0, high)
    if high is not None and high < low:
        return (high, low)
    return (low, high)


def _lower_ratio(a: int, b: int) -> float:
    if a == b:
        return 1.0
    hi = max(a, b)
    return min(a, b) / hi if hi > 0 else 1.0


def interval_similarity(a: Interval | None, b: Interval | None) -> float:
    """Overlap of two casualty intervals (see the module docstring)."""
    if a is None or b is None:
        return 1.0 if a is None and b is None else 0.0
    if a == b:
        return 1.0
    (alo, ahi), (blo, bhi) = a, b
    if ahi is not None and bhi is not None:
        inter = min(ahi, bhi) - max(alo, blo) + 1
        if inter <= 0:
            return 0.0
        return inter / (max(ahi, bhi) - min(alo, blo) + 1)
    if ahi is None and bhi is None:
        return _lower_ratio(alo, blo)
    closed_hi = ahi if ahi is not None else bhi
    open_lo = alo if ahi is None else blo
    if closed_hi is not None and closed_hi < open_lo:
        return 0.0
    return 0.5 * _lower_ratio(alo, blo)


def number_similarity(
    a_min: int | None, a_max: int | None, b_min: int | None, b_max: int | None
) -> float:
    """Compare two figures given as min/max (max None = open-ended)."""
    return interval_similarity(interval(a_min, a_max), interval(b_min, b_max))


def soft_set_f1(a: Sequence[T], b: Sequence[T], similarity: Callable[[T, T], float]) -> float:
    """Soft F1 of two collections under an element similarity (greedy pairing)."""
    if not a or not b:
        return 1.0 if not a and not b else 0.0
    if len(a) == 1 and len(b) == 1:
        return similarity(a[0], b[0])
    pairs = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            s = similarity(x, y)
            if s > 0.0:
                pairs.append((s, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    total = 0.0
    for s, i, j in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            total += s
    return 2.0 * total / (len(a) + len(b))


def key_set_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Fuzzy set F1 of two lists of name keys (see :func:`name_key`)."""
    if a == b:
        return 1.0
    return soft_set_f1(a, b, key_similarity)


def name_set_similarity(a: Sequence[str | None], b: Sequence[str | None]) -> float:
    """Fuzzy set F1 of two lists of names."""
    return key_set_similarity(_keys(a), _keys(b))


def _keys(values: Sequence[str | None]) -> list[str]:
    return sorted({k for k in (name_key(v) for v in values) if k})


def exact_set_similarity(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Exact set F1 of two collections of hashable values."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 1.0 if not sa and not sb else 0.0
    return 2.0 * len(sa & sb) / (len(sa) + len(sb))


def merge_spans(spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, non-overlapping character spans covering the same characters."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def span_similarity(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> float:
    """Jaccard index of the characters two sets of merged spans cover."""
    if not a or not b:
        return 1.0 if not a and not b else 0.0
    if a == b:
        return 1.0
    inter = 0
    i = j = 0
    while i < len(a) and j < len(b):
        lo = max(a[i][0], b[j][0])
        hi = min(a[i][1], b[j][1])
        if hi > lo:
            inter += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    if inter == 0:
        return 0.0
    total = sum(e - s for s, e in a) + sum(e - s for s, e in b)
    return inter / (total - inter)
