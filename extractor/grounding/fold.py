"""Fold text for matching while keeping a map back to the original offsets.

Folding lowercases, strips Latin accents and Arabic diacritics, unifies quote
marks (curly, straight, single, double, guillemets, primes) and dashes, drops
invisible characters (soft hyphen, zero-width and direction marks) and
collapses each run of whitespace to one space. Every character of the folded
text maps back to an offset of the original, so a match found in the folded
text can be reported against the text the user gave us.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

QUOTE_CHARS = "\"'`´‘’‚‛“”„‟«»‹›′″"
DASH_CHARS = "-‐‑‒–—―−﹘﹣－"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {ord(c): '"' for c in QUOTE_CHARS}
    table.update({ord(c): "-" for c in DASH_CHARS})
    table.update({code: " " for code in range(0x3000 + 1) if chr(code).isspace()})
    table[0x130] = "i"  # "İ".lower() is two characters; keep the map one-to-one
    # Precomposed Latin letters -> their base letter, one character for one.
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(base) == 1 and base != chr(code) and base.isascii():
            table[code] = base
    for src, dst in {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"}.items():
        table[ord(src)] = dst
    return table


_TABLE = _build_table()
# Runs of whitespace and characters that carry no letters: combining accents,
# Arabic harakat and tatweel, soft hyphen, zero-width and direction marks.
_INVISIBLE = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0640\u00ad\u200b-\u200f\u2060\ufeff"
_RUN = re.compile(rf"[\s{_INVISIBLE}]+")
INVISIBLE = re.compile(rf"[{_INVISIBLE}]+")
# After translation every whitespace character is a plain space, so only runs
# (or invisible characters) change the length of the text.
_LENGTH_CHANGING = re.compile(rf"[ {_INVISIBLE}]{{2,}}|[{_INVISIBLE}]")


@dataclass(frozen=True)
class FoldedText:
    """A folded copy of a text with a piecewise-linear map to the original."""

    text: str
    original_length: int
    norm_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]

    def to_original(self, index: int) -> int:
        """Original offset of the folded character at ``index`` (or of the end)."""
        if index >= len(self.text):
            return self.original_length
        k = bisect_right(self.norm_starts, index) - 1
        return self.orig_starts[k] + (index - self.norm_starts[k])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` covering the folded span ``[start, end)``."""
        first = self.to_original(start)
        if end <= start:
            return first, first
        return first, self.to_original(end - 1) + 1

    def to_folded(self, original_index: int) -> int:
        """Folded offset nearest to an original offset (inverse of to_original)."""
        k = bisect_right(self.orig_starts, original_index) - 1
        if k < 0:
            return 0
        seg_end = self.norm_starts[k + 1] if k + 1 < len(self.norm_starts) else len(self.text)
        return min(self.norm_starts[k] + (original_index - self.orig_starts[k]), seg_end)


def fold_chars(text: str) -> str:
    """The one-for-one part of folding: quotes, dashes, accents, case."""
    folded = text.translate(_TABLE).lower()
    if len(folded) != len(text):  # defensive: lower() must not change lengths
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_TABLE))
    return folded


@lru_cache(maxsize=8)
def fold(text: str) -> FoldedText:
    """Fold ``text``; cached, since a document's quotes are aligned one by one."""
    chars = fold_chars(text)
    parts: list[str] = []
    norm_starts = [0]
    orig_starts = [0]
    pos = 0  # original offset consumed
    out = 0  # folded length produced
    for m in _LENGTH_CHANGING.finditer(chars):
        run = m.group()
        replacement = " " if " " in run else ""
        parts.append(chars[pos : m.start()])
        out += m.start() - pos
        parts.append(replacement)
        out += len(replacement)
        pos = m.end()
        if len(run) != len(replacement):
            norm_starts.append(out)
            orig_starts.append(pos)
    parts.append(chars[pos:])
    return FoldedText("".join(parts), len(text), tuple(norm_starts), tuple(orig_starts))


def fold_query(text: str) -> str:
    """Fold a short string (a quote) the same way, without keeping a map."""
    return _RUN.sub(
        lambda m: " " if any(c.isspace() for c in m.group()) else "", fold_chars(text)
    ).strip()
