"""Find numbers written as digits or English words in running text.

"250,000", "1.5 million", "twenty-one", "one hundred and fifty", "a dozen",
"Seven" are exact numbers; "dozens", "scores", "hundreds", "thousands" (and
"tens of thousands") are vague and read as their lower bound: dozens = 24,
scores = 40, hundreds = 200, thousands = 2,000, tens of thousands = 20,000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# fmt: off
_UNIT_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]
# fmt: on
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
UNITS = {
    **{w: i for i, w in enumerate(_UNIT_WORDS)},
    **{w: 20 + 10 * i for i, w in enumerate(_TENS_WORDS)},
    "dozen": 12,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
VAGUE = {"dozens": 24, "scores": 40, "tens": 20, "hundreds": 200, "thousands": 2_000}
VAGUE["millions"] = 2_000_000
_VAGUE_SCALE = {"hundreds": 100, "thousands": 1_000, "millions": 1_000_000}

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z]+")
_NUMBER_WORDS = set(UNITS) | set(SCALES) | set(VAGUE)


@dataclass(frozen=True)
class NumberMatch:
    """A number found in text: its span, value and whether it is vague."""

    start: int
    end: int
    value: int
    vague: bool = False


# The words a number can start with (see `_read`); a token that is neither one
# of them nor digits starts none, and most words of a sentence are such tokens.
_STARTS = _NUMBER_WORDS | {"half", "a", "an"}


def find_numbers(text: str) -> list[NumberMatch]:
    """All numbers in ``text``, left to right."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    found: list[NumberMatch] = []
    free = 0  # the first token not inside a number found
    starts = [
        i for i, (_, _, tok) in enumerate(tokens) if tok[0].isdigit() or tok.lower() in _STARTS
    ]
    for i in starts:
        if i < free:
            continue
        match, i_next = _read(text, tokens, i)
        if match is not None:
            found.append(match)
            free = i_next
    return found


def _joined(text: str, end: int, start: int) -> bool:
    """Whether two tokens are separated only by a space or a hyphen."""
    return text[end:start] in (" ", "-", "- ", " -", "\u00a0")


def _read(text: str, tokens: list[tuple[int, int, str]], i: int) -> tuple[NumberMatch | None, int]:
    start, end, tok = tokens[i]
    low = tok.lower()
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if tok[0].isdigit():
        value = float(tok.replace(",", ""))
        if nxt and nxt[2].lower() in SCALES and _joined(text, end, nxt[0]):
            return NumberMatch(start, nxt[1], int(value * SCALES[nxt[2].lower()])), i + 2
        if value != int(value):
            return None, i + 1
        return NumberMatch(start, end, int(value)), i + 1
    if low in VAGUE:
        return _read_vague(text, tokens, i)
    after = nxt[2].lower() if nxt else ""
    third = tokens[i + 2][2].lower() if i + 2 < len(tokens) else ""
    if low == "half" and after == "a" and third == "dozen":
        return NumberMatch(start, tokens[i + 2][1], 6), i + 3
    if low in ("a", "an") and (after == "dozen" or after in SCALES) and _joined(text, end, nxt[0]):
        return _read_words(text, tokens, i)
    if low not in UNITS and low not in SCALES:
        return None, i + 1
    return _read_words(text, tokens, i)


def _read_words(text: str, tokens: list[tuple[int, int, str]], i: int) -> tuple[NumberMatch, int]:
    total, current = 0, 0
    start, end = tokens[i][0], tokens[i][1]
    j = i
    while j < len(tokens):
        s, e, tok = tokens[j]
        low = tok.lower()
        if j > i and not _joined(text, tokens[j - 1][1], s):
            break
        if low == "and" and j > i and j + 1 < len(tokens) and tokens[j + 1][2].lower() in UNITS:
            j += 1
            continue
        if j == i and low in ("a", "an"):
            current = 1
        elif low == "dozen":
            current = max(current, 1) * 12
        elif low in UNITS:
            current += UNITS[low]
        elif low in SCALES:
            scale = SCALES[low]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            break
        end = e
        j += 1
    return NumberMatch(start, end, total + current), j


def _read_vague(text: str, tokens: list[tuple[int, int, str]], i: int) -> tuple[NumberMatch, int]:
    """'dozens', 'hundreds of thousands', 'tens of thousands' as lower bounds."""
    start, end, tok = tokens[i]
    value = VAGUE[tok.lower()]
    if i + 2 < len(tokens) and tokens[i + 1][2].lower() == "of":
        scale = _VAGUE_SCALE.get(tokens[i + 2][2].lower())
        if scale:
            return NumberMatch(start, tokens[i + 2][1], value * scale, vague=True), i + 3
    return NumberMatch(start, end, value, vague=True), i + 1


def is_number_word(word: str) -> bool:
    """Whether ``word`` can be part of a number written in words."""
    return word.lower() in _NUMBER_WORDS
