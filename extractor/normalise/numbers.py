"""Find numbers written as digits or English words in running text.

"250,000", "1.5 million", "twenty-one", "one hundred and fifty", "a dozen",
"Seven" are exact numbers; "dozens", "scores", "hundreds", "thousands" (and
"tens of thousands") are vague and read as their lower bound: dozens = 24,
scores = 40, hundreds = 200, thousands = 2,000, tens of thousands = 20,000.

Other languages are read through their lexicon (normalise/lexicon.py, data
in extractor/data/figures/): number words by text2num or the language's
table, digit groups by its separators, Eastern Arabic and Persian digits as
digits, its vague counts ("des dizaines" = 24, open; "une dizaine" = about
10) and Arabic duals ("طفلان", two children) as numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.normalise.lexicon import DIGITS, WORD, Lexicon, lexicon

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
    loose: bool = False  # "une dizaine", "a dozen or so": about the value
    dual: bool = False  # an Arabic dual: the number is the noun's own form


# The words a number can start with (see `_read`); a token that is neither one
# of them nor digits starts none, and most words of a sentence are such tokens.
_STARTS = _NUMBER_WORDS | {"half", "a", "an"}


def find_numbers(text: str, language: str | None = None) -> list[NumberMatch]:
    """All numbers in ``text``, left to right, read in ``language`` (ISO 639-1)."""
    lex = lexicon(language)
    if lex is not None:
        return _find_in(text, lex)
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


_ANY_TOKEN = re.compile(rf"\d+(?:[.,\u00a0\u202f ٬٫]\d+)*|{WORD.pattern}")


def _digits(raw: str, lex: Lexicon) -> tuple[float | None, int]:
    """The value of a digit token and how many of its characters it spans."""
    parts = re.split(r"([^\d])", raw)
    value, used = parts[0], len(parts[0])
    for k in range(1, len(parts) - 1, 2):
        sep, group = parts[k], parts[k + 1]
        if sep in lex.thousands and len(group) == 3 and "." not in value:
            value += group
        elif sep == lex.decimal or (sep in ".," and sep not in lex.thousands):
            if "." in value:
                break
            value += "." + group
        else:
            break
        used += len(sep) + len(group)
    return float(value), used


def _find_in(text: str, lex: Lexicon) -> list[NumberMatch]:
    folded = text.translate(DIGITS)
    tokens = [(m.start(), m.end(), m.group()) for m in _ANY_TOKEN.finditer(folded)]
    found: list[NumberMatch] = []
    i = 0
    while i < len(tokens):
        match, i_next = _read_in(folded, tokens, i, lex)
        if match is not None:
            found.append(match)
        i = max(i_next, i + 1)
    return found


def _read_in(
    text: str, tokens: list[tuple[int, int, str]], i: int, lex: Lexicon
) -> tuple[NumberMatch | None, int]:
    start, end, tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if tok[0].isdigit():
        value, used = _digits(tok, lex)
        end = start + used
        if value is None:
            return None, i + 1
        scale = lex.scale(nxt[2]) if nxt and _joined(text, end, nxt[0]) else None
        if scale and scale >= 1_000:
            return NumberMatch(start, nxt[1], int(value * scale)), i + 2
        if value != int(value):
            return None, i + 1
        return NumberMatch(start, end, int(value)), i + 1
    vague = lex.vague_word(tok)
    if vague is not None:
        value, qualifier = vague
        j = i + 1
        while j < len(tokens) and tokens[j][2].lower() in lex.of and j - i < 3:
            j += 1
        later = lex.vague_word(tokens[j][2]) if j < len(tokens) and j > i + 1 else None
        scale = lex.scale(tokens[j][2]) if j < len(tokens) and j > i + 1 else None
        # a count before a scale word: "des dizaines de milliers" is 20 x 1,000
        base = next(
            (lex.vague_of_scale[w] for w in lex.forms(tok) if w in lex.vague_of_scale), value
        )
        if scale and scale >= 1_000:
            return NumberMatch(start, tokens[j][1], base * scale, vague=True), j + 1
        if later and later[0] >= 1_000:  # "milliers" read as its scale, 1,000
            return NumberMatch(start, tokens[j][1], base * later[0] // 2, vague=True), j + 1
        at_least = qualifier.value == "at_least"
        return NumberMatch(start, end, value, vague=at_least, loose=not at_least), i + 1
    if any(w in lex.dual for w in lex.forms(tok)):
        return NumberMatch(start + lex.clitic(tok), end, 2, dual=True), i + 1
    if lex.number_word(tok) is None and lex.scale(tok) is None:
        return None, i + 1
    run = [i]
    j = i + 1
    while j < len(tokens) and _joined(text, tokens[j - 1][1], tokens[j][0]):
        word = tokens[j][2]
        after_joiner = tokens[j - 1][2].lower() in lex.joiners
        if _numeric(word, lex) or (after_joiner and word.lower() in lex.articles):
            run.append(j)  # "vingt et un"
        elif (
            word.lower() in lex.joiners
            and j + 1 < len(tokens)
            and (_numeric(tokens[j + 1][2], lex) or tokens[j + 1][2].lower() in lex.articles)
        ):
            run.append(j)
        else:
            break
        j += 1
    start += lex.clitic(tok)  # "وثلاثة": the number starts after "and"
    while run:
        value = _run_value(text, tokens, run, lex)
        if value is not None:
            return NumberMatch(start, tokens[run[-1]][1], value), run[-1] + 1
        run.pop()
    return None, i + 1


def _numeric(word: str, lex: Lexicon) -> bool:
    return lex.number_word(word) is not None or lex.scale(word) is not None


def _run_value(
    text: str, tokens: list[tuple[int, int, str]], run: list[int], lex: Lexicon
) -> int | None:
    if lex.numbers == "text2num":
        from extractor.normalise.lexicon import _text2num

        if tokens[run[-1]][2].lower() in lex.joiners:
            return None
        written = text[tokens[run[0]][0] : tokens[run[-1]][1]].lower()
        return _text2num(" ".join(written.split()), lex.language)
    total, current = 0, 0
    for k in run:
        word = tokens[k][2]
        scale = lex.scale(word)
        value = lex.number_word(word)
        if scale is not None and value is None:
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        elif value is not None:
            current += value
        else:
            return None
    return total + current
