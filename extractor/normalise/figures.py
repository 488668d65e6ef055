"""Read a casualty figure as written ("at least 20 civilians") into numbers.

Readings (see docs/normalisation.md):

* "20" -> 20..20 exact; "at least 20" -> 20..None at_least;
  "more than 60" / "over 60" -> 61..None more_than; "about 30" -> 30..30 about;
  "up to 40" -> 0..40 up_to (a count has no open lower end); "fewer than 10"
  -> 0..9 up_to;
  "20 to 30" / "between 20 and 30" -> 20..30 (exact unless qualified);
* vague counts are open-ended lower bounds: "dozens" -> 24..None at_least,
  "scores" -> 40, "hundreds" -> 200, "thousands" -> 2,000;
* the first number is the figure ("24 civilians, along with six others" is
  24 civilians); the population is the noun right after it; the outcome is
  the first killed/injured/missing word after it (else anywhere).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.models import Outcome, Population, Qualifier
from extractor.normalise.numbers import NumberMatch, find_numbers


@dataclass(frozen=True)
class ParsedFigure:
    """A figure's bounds and kind; ``value`` is the number as written."""

    min: int | None
    max: int | None
    qualifier: Qualifier = Qualifier.exact
    population: Population | None = None
    outcome: Outcome | None = None
    value: int | None = None
    vague: bool = False


_QUALIFIERS: list[tuple[Qualifier, re.Pattern[str]]] = [
    (
        Qualifier.at_least,
        re.compile(
            r"(at ?least|no fewer than|no less than|not less than|a minimum of|minimum of)$"
        ),
    ),
    (
        Qualifier.more_than,
        re.compile(r"(more than|over|upwards of|in excess of|above|greater than|just over)$"),
    ),
    (
        Qualifier.up_to,
        re.compile(
            r"(up to|as many as|no more than|not more than|at most|a maximum of|fewer than"
            r"|less than|under)$"
        ),
    ),
    (
        Qualifier.about,
        re.compile(
            r"(about|around|approximately|approx\.?|roughly|some|an estimated|estimated|nearly"
            r"|almost|close to|circa|just under|~)$"
        ),
    ),
]
_STRICT_BELOW = re.compile(r"(fewer than|less than|under)$")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|or|and)\s*$")

_POPULATION_WORDS: dict[Population, str] = {
    Population.civilians: "civilian civilians non-combatants noncombatants residents villagers"
    " worshippers patients",
    Population.children: "child children kids kid minors boys girls infants babies toddlers"
    " students schoolchildren",
    Population.women: "women woman",
    Population.combatants: "fighters combatants militants soldiers troops rebels jihadists"
    " gunmen insurgents militiamen servicemen terrorists jihadis members",
    Population.people: "people persons person individuals others dead bodies victims lives"
    " casualties men",
}
_POPULATION = {w: p for p, words in _POPULATION_WORDS.items() for w in words.split()}
_OUTCOMES = re.compile(
    r"\b(?P<killed>killed|killing|kill|dead|died|die|deaths?|death toll|toll|lives|bodies"
    r"|fatalities|slain|perished|massacred)\b"
    r"|\b(?P<injured>wounded|wounding|injured|injuring|injuries|hurt|casualties)\b"
    r"|\b(?P<missing>missing|disappeared|unaccounted)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*|[,.;:()]")
# fmt: off
_SKIPPABLE = {
    "of", "syrian", "more", "other", "innocent", "unarmed", "local", "russian", "government",
    "opposition", "rebel", "is", "isis", "young", "civilian",
}
# fmt: on


@lru_cache(maxsize=8192)
def parse_figure(text: str, *, language: str | None = None) -> ParsedFigure:
    """Bounds, qualifier, population and outcome of a figure as written (memoised).

    ``language`` is the document's (ISO 639-1), as `detect_language` gives it.
    """
    numbers = [n for n in find_numbers(text) if not _is_code(text, n)]
    if not numbers:
        return ParsedFigure(None, None, population=_population(text, 0), outcome=_outcome(text, 0))
    main = numbers[0]
    before = " ".join(text[: main.start].lower().split()).rstrip(" '\"‘’“”(")
    qualifier = next((q for q, p in _QUALIFIERS if p.search(before)), Qualifier.exact)
    upper = range_end(text, numbers)
    end = upper.end if upper else main.end
    population = _population(text, end)
    outcome = _outcome(text, main.start)
    value = main.value
    if upper is not None:
        lo, hi = value, upper.value
        qualifier = Qualifier.about if qualifier is Qualifier.about else Qualifier.exact
    elif main.vague:
        lo, hi = value, None
        qualifier = Qualifier.at_least if qualifier is Qualifier.exact else qualifier
    elif qualifier is Qualifier.at_least:
        lo, hi = value, None
    elif qualifier is Qualifier.more_than:
        lo, hi = value + 1, None
    elif qualifier is Qualifier.up_to:
        lo, hi = 0, value - 1 if _STRICT_BELOW.search(before) else value
    else:
        lo, hi = value, value
    return ParsedFigure(lo, hi, qualifier, population, outcome, value, main.vague)


def figure_in_text(figure: ParsedFigure | int, text: str) -> bool:
    """Whether the figure's number appears in ``text`` as digits or words."""
    if isinstance(figure, ParsedFigure):
        value, vague = figure.value, figure.vague
    else:
        value, vague = figure, False
    if value is None:
        return False
    return any(n.value == value and n.vague == vague for n in find_numbers(text))


def _is_code(text: str, n: NumberMatch) -> bool:
    """Digits glued to letters are model or unit codes (Su-25, TU-22M3), not figures."""
    before = text[max(0, n.start - 2) : n.start]
    after = text[n.end : n.end + 1]
    glued_before = len(before) == 2 and before[1] == "-" and before[0].isalpha()
    return (glued_before or after.isalpha()) and text[n.start].isdigit()


def range_end(text: str, numbers: list[NumberMatch]) -> NumberMatch | None:
    """The second number of a range that starts at ``numbers[0]`` ("8 to 10", "8-10",
    "between 8 and 10"; a bare "8 and 10" is two figures), else None."""
    if len(numbers) < 2 or numbers[0].vague:
        return None
    first, second = numbers[0], numbers[1]
    gap = text[first.end : second.start]
    between = re.search(r"between\s*$", text[: first.start].lower())
    if not _RANGE_JOIN.fullmatch(gap) or second.value <= first.value:
        return None
    if "and" in gap and not between:
        return None
    return second


def _population(text: str, start: int) -> Population | None:
    for count, m in enumerate(_WORD.finditer(text, start)):
        word = m.group().lower()
        if word in _POPULATION:
            return _POPULATION[word]
        if count >= 3 or word in ",.;:()" or word not in _SKIPPABLE:
            return None
    return None


def _outcome(text: str, start: int) -> Outcome | None:
    m = _OUTCOMES.search(text, start) or _OUTCOMES.search(text)
    return Outcome(m.lastgroup) if m and m.lastgroup else None
