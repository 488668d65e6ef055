"""Check an evidence span against the text it claims to quote.

The label on a span (``alignment``) is what its producer says; this module
measures. A span is grounded when

- it is labelled ``exact`` and ``text[char_start:char_end] == quote``;
- it is labelled ``fuzzy`` and the text at its offsets re-scores at or above
  ``FUZZY_THRESHOLD`` against the quote: equal once case, spacing, quote
  marks and dashes are folded (see :mod:`.fold`), the parts of an elided
  quote ("A ... B") found in order inside it, or ``rapidfuzz.fuzz.ratio`` of
  the folded strings at least the threshold.

Anything else is ungrounded, with a reason: no offsets, offsets outside the
text, an ``unaligned`` label, or a quote that differs from the text it points
at.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extractor.grounding.fold import fold_query
from extractor.models import Alignment, Evidence

FUZZY_THRESHOLD = 85.0
"""The aligner's fuzzy threshold (``align_quote``'s default), 0-100."""

_EDGE_PUNCT = "\"' .,;:!?"
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\s*")


def span_problem(
    evidence: Evidence, text: str, *, threshold: float = FUZZY_THRESHOLD
) -> str | None:
    """Why a span is not grounded in ``text``, or None when it is."""
    start, end = evidence.char_start, evidence.char_end
    if evidence.alignment == Alignment.unaligned:
        return "unaligned"
    if start is None or end is None:
        return "no offsets"
    if start < 0 or end <= start or end > len(text):
        return f"offsets {start}-{end} outside the text ({len(text)} characters)"
    at = text[start:end]
    if at == evidence.quote:
        return None
    if evidence.alignment == Alignment.exact:
        return "quote differs from the text at its offsets"
    if _rescore(evidence.quote, at) >= threshold:
        return None
    return "quote does not re-score against the text at its offsets"


def _rescore(quote: str, span: str) -> float:
    q = fold_query(quote).strip(_EDGE_PUNCT)
    s = fold_query(span).strip(_EDGE_PUNCT)
    if not q or not s:
        return 0.0
    if q == s:
        return 100.0
    parts = [p.strip(_EDGE_PUNCT) for p in _ELLIPSIS.split(q)]
    parts = [p for p in parts if p]
    if len(parts) > 1 and _in_order(parts, s):
        return 100.0
    return float(fuzz.ratio(q, s))


def _in_order(parts: list[str], hay: str) -> bool:
    pos = 0
    for i, part in enumerate(parts):
        found = hay.find(part, pos)
        if found == -1 or (i == 0 and found > 0):
            return False
        pos = found + len(part)
    return pos == len(hay)
