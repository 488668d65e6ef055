"""Align a model's quote to the original text.

Stages, first hit wins:

1. exact: ``str.find``; of several occurrences the first at or after
   ``hint`` (an original offset: the pipeline passes the start of the chunk the
   quote came from), else the nearest before it; without a hint the first;
2. folded: case, whitespace runs, quote marks, dashes, accents and invisible
   characters folded (see :mod:`.fold`), then also without the quote's outer
   quote marks and trailing punctuation; a quote elided with "..." is found
   part by part, in order;
3. fuzzy: ``rapidfuzz.fuzz.partial_ratio_alignment`` over the folded text
   (first a window around ``hint`` when the text is large) finds the region;
   the span is widened to whole words and kept only when ``fuzz.ratio`` of
   the whole quote against it reaches ``threshold``, so the span must cover
   most of the quote (a quote that is mostly absent is unaligned).

Any match that is not exact needs a span on word boundaries and a quote of
at least `MIN_FUZZY_CHARS` (edge punctuation aside; two words suffice for
the folded stage): ``source:`` is not "found" inside "sources".

Offsets always index the original text. Alignment is ``exact`` only when
``text[char_start:char_end] == quote``; other matches are ``fuzzy`` with a
0-100 score; anything else is ``unaligned`` with no offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz

from extractor.grounding.fold import INVISIBLE, FoldedText, fold, fold_query
from extractor.models import Alignment, Evidence

MIN_FUZZY_CHARS = 12  # shorter quotes match too much by chance to be fuzzy-aligned
HINT_WINDOW = 50_000  # folded characters searched either side of a hint first
MAX_ELLIPSIS_GAP = 1_000  # widest elided gap between two parts of a quote
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\s*")
_EDGE_PUNCT = "\"' .,;:!?"


def align_quote(
    text: str, quote: str, *, hint: int | None = None, threshold: float = 85.0
) -> Evidence:
    """Locate ``quote`` in ``text`` and return it as Evidence with original offsets."""
    if not quote or not quote.strip() or not text:
        return Evidence(quote=quote)
    start = _find_nearest(text, quote, hint)
    if start is not None:
        return _evidence(text, quote, start, start + len(quote), 100.0)
    folded = fold(text)
    span = _folded_match(folded, quote, hint)
    if span is None:
        span = _fuzzy_match(folded, fold_query(quote), hint, threshold)
    if span is None:
        return Evidence(quote=quote)
    start, end, score = span
    return _evidence(text, quote, start, end, score)


def _evidence(text: str, quote: str, start: int, end: int, score: float) -> Evidence:
    exact = text[start:end] == quote
    if not exact:
        tail = INVISIBLE.match(text, end)  # keep the marks of the last letter (Arabic harakat)
        if tail:
            end = tail.end()
            exact = text[start:end] == quote
    if exact:
        return Evidence(quote=quote, char_start=start, char_end=end, alignment=Alignment.exact)
    return Evidence(
        quote=quote,
        char_start=start,
        char_end=end,
        alignment=Alignment.fuzzy,
        score=round(score, 1),
    )


def occurrences(haystack: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle``."""
    found: list[int] = []
    i = haystack.find(needle)
    while i != -1:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def _pick(found: list[int], hint: int, to_original: Callable[[int], int]) -> int | None:
    """First occurrence at or after ``hint``, else the last one before it."""
    if not found:
        return None
    after = [i for i in found if to_original(i) >= hint]
    return after[0] if after else found[-1]


def _find_nearest(text: str, quote: str, hint: int | None) -> int | None:
    """`_pick` over every occurrence, found with at most two searches: the first
    occurrence at or after ``hint``, else the last one (which is then before it)."""
    if hint is None:
        i = text.find(quote)
        return None if i == -1 else i
    i = text.find(quote, max(hint, 0))
    if i == -1:
        i = text.rfind(quote)
    return None if i == -1 else i


def _folded_match(
    folded: FoldedText, quote: str, hint: int | None
) -> tuple[int, int, float] | None:
    """Exact search in the folded text, then with the quote's edges trimmed."""
    q = fold_query(quote)
    trimmed = q.strip(_EDGE_PUNCT)
    if len(trimmed) < MIN_FUZZY_CHARS and len(trimmed.split()) < 2:
        return None  # one short word: found inside too much by chance
    for candidate in dict.fromkeys((q, trimmed)):
        if not candidate:
            continue
        nearest = _nearest_folded(folded, candidate, hint)
        if nearest is not None:
            start, end = folded.span_to_original(nearest, nearest + len(candidate))
            return start, end, fuzz.ratio(q, candidate)
    return _ellipsis_match(folded, trimmed, hint) if _ELLIPSIS.search(quote) else None


def _on_word_edges(hay: str, start: int, end: int) -> bool:
    """Whether ``hay[start:end]`` neither starts nor ends inside a word."""
    inside_start = 0 < start < len(hay) and hay[start - 1].isalnum() and hay[start].isalnum()
    inside_end = 0 < end < len(hay) and hay[end - 1].isalnum() and hay[end].isalnum()
    return not inside_start and not inside_end


def _nearest_folded(folded: FoldedText, needle: str, hint: int | None) -> int | None:
    hay = folded.text
    if hint is None:  # the first on word edges
        i = hay.find(needle)
        while i != -1 and not _on_word_edges(hay, i, i + len(needle)):
            i = hay.find(needle, i + 1)
        return None if i == -1 else i
    found = [i for i in occurrences(hay, needle) if _on_word_edges(hay, i, i + len(needle))]
    return _pick(found, hint, folded.to_original) if found else None


def _ellipsis_match(folded: FoldedText, q: str, hint: int | None) -> tuple[int, int, float] | None:
    """Find the parts of "A ... B" in order, each gap at most MAX_ELLIPSIS_GAP."""
    parts = [p.strip(_EDGE_PUNCT) for p in _ELLIPSIS.split(q)]
    parts = [p for p in parts if p]
    if len(parts) < 2 or min(len(p) for p in parts) < 3:
        return None
    hay = folded.text
    starts = occurrences(hay, parts[0])
    if hint is not None:  # those at or after the hint first, then backwards from it
        starts.sort(key=lambda i: (folded.to_original(i) < hint, abs(folded.to_original(i) - hint)))
    for first in starts:
        end = first + len(parts[0])
        for part in parts[1:]:
            nxt = hay.find(part, end, end + MAX_ELLIPSIS_GAP + len(part))
            if nxt == -1:
                break
            end = nxt + len(part)
        else:
            span = hay[first:end]
            start_o, end_o = folded.span_to_original(first, end)
            return start_o, end_o, fuzz.ratio(" ".join(parts), span)
    return None


def _fuzzy_match(
    folded: FoldedText, q: str, hint: int | None, threshold: float
) -> tuple[int, int, float] | None:
    q = q.strip(_EDGE_PUNCT)
    hay = folded.text
    if len(q) < MIN_FUZZY_CHARS or not hay:
        return None
    if len(q) >= len(hay):
        score = fuzz.ratio(q, hay)
        return (*folded.span_to_original(0, len(hay)), score) if score >= threshold else None
    offset = 0
    result = None
    if hint is not None and len(hay) > 2 * HINT_WINDOW:
        centre = folded.to_folded(hint)
        offset = max(0, centre - HINT_WINDOW)
        window = hay[offset : centre + HINT_WINDOW + len(q)]
        result = fuzz.partial_ratio_alignment(q, window, score_cutoff=threshold)
        if result is None:
            offset = 0
    if result is None:
        result = fuzz.partial_ratio_alignment(q, hay, score_cutoff=threshold)
    if result is None:
        return None
    start, end = _whole_words(hay, offset + result.dest_start, offset + result.dest_end)
    start, end, score = _refine(hay, q, start, end)
    if score < threshold:  # a good piece of a quote that is mostly not in the text
        return None
    return *folded.span_to_original(start, end), score


def _refine(hay: str, q: str, start: int, end: int) -> tuple[int, int, float]:
    """Move the span's ends to nearby word boundaries where the whole quote fits best.

    partial_ratio compares windows as long as the quote, so a quote that drops
    words ends its window short of the matching text; ``fuzz.ratio`` over
    word-boundary spans near the window recovers the full region.
    """
    slack = max(8, len(q) // 4)
    lo, hi = max(0, start - slack), min(len(hay), end + slack)
    starts = [start] + [i for i in range(lo, start + slack) if i == 0 or hay[i - 1] == " "]
    ends = [end] + [i for i in range(end - slack, hi + 1) if i == len(hay) or hay[i] == " "]
    best = (fuzz.ratio(q, hay[start:end]), -(end - start), start, end)
    for s in starts:
        for e in ends:
            if e - s >= len(q) // 2:
                best = max(best, (fuzz.ratio(q, hay[s:e], score_cutoff=best[0]), -(e - s), s, e))
    score, _, s, e = best
    s, e = _whole_words(hay, s, e)
    while s < e and hay[s] in _EDGE_PUNCT:  # the quote was stripped of these too
        s += 1
    while e > s and hay[e - 1] in _EDGE_PUNCT:
        e -= 1
    return s, e, score


def _whole_words(hay: str, start: int, end: int) -> tuple[int, int]:
    """Widen a folded span to word boundaries and trim surrounding spaces."""
    while 0 < start < len(hay) and hay[start - 1].isalnum() and hay[start].isalnum():
        start -= 1
    while 0 < end < len(hay) and hay[end - 1].isalnum() and hay[end].isalnum():
        end += 1
    while start < end and hay[start].isspace():
        start += 1
    while end > start and hay[end - 1].isspace():
        end -= 1
    return start, end
