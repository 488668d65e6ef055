"""Read a casualty figure as written ("at least 20 civilians") into numbers.

Readings (see docs/normalisation.md):

* "20" -> 20..20 exact; "at least 20" -> 20..None at_least;
  "more than 60" / "over 60" -> 61..None more_than; "about 30" -> 30..30 about;
  "up to 40" -> None..40 up_to, "fewer than 10" -> None..9 up_to (no lower
  bound is stated: seeds/ANNOTATION.md §4.3);
  "20 to 30" / "between 20 and 30" -> 20..30 (exact unless qualified);
* vague counts are open-ended lower bounds: "dozens" -> 24..None at_least,
  "scores" -> 40, "hundreds" -> 200, "thousands" -> 2,000;
* the first number is the figure ("24 civilians, along with six others" is
  24 civilians); the population is the noun after it (words between them
  keep it: "two displaced children" are children); the outcome is the first
  killed/injured/missing word after it (else anywhere);
* one person written with an article is one: "a child", "a displaced child",
  "un enfant", "una niña", Arabic "طفل" (a singular noun), "طفلان" (a dual:
  two).

Every language but English reads its words from its lexicon
(normalise/lexicon.py). `split_figures` cuts a text that holds several
figures ("23 people, including two children") into one text per figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.models import Outcome, Population, Qualifier
from extractor.normalise.figures_people import people
from extractor.normalise.lexicon import WORD, Lexicon, fold, lexicon
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
    " resident villager"
    " worshippers patients",
    Population.children: "child children kids kid minors boys girls infants babies toddlers"
    " students schoolchildren boy girl baby infant toddler daughters sons daughter son teenager",
    Population.women: "women woman wife mother sister",
    Population.combatants: "fighters combatants militants soldiers troops rebels jihadists"
    " gunmen insurgents militiamen servicemen terrorists jihadis members extremists attackers"
    " assailants policemen soldier fighter militant policeman officers officer policemen"
    " guards guard forces commander commanders colonel lieutenant captain sergeant corporal"
    " militiaman serviceman gunman",
    Population.people: "people persons person individuals others dead bodies victims lives"
    " casualties men man passer-by passers-by candidate driver passenger passengers worker"
    " workers journalist journalists doctor doctors nurse paramedic farmer shepherd labourers"
    " nurses paramedics farmers shepherds teacher teachers fisherman fishermen trader traders"
    " shopkeeper merchant mayor official officials engineer imam priest photographer"
    " cameraman reporter labourer husband father brother",
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
    "opposition", "rebel", "is", "isis", "young", "civilian", "displaced", "her", "his", "their",
    "its", "elderly", "pregnant", "teenage", "palestinian", "afghan", "iraqi", "yemeni", "kurdish",
    "pro-government", "regime", "little", "small", "newborn", "school", "wounded", "injured",
    "second", "third", "fourth", "fifth", "sixth", "another", "further", "them", "those",
    "police", "security", "army",
}
_ARTICLES = {"a", "an", "one"}
_ORDINALS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "another"}
_LOOSE = re.compile(r"\s*(?:several|a few|a number of)\b", re.IGNORECASE)
# fmt: on


@lru_cache(maxsize=8192)
def parse_figure(text: str, *, language: str | None = None) -> ParsedFigure:
    """Bounds, qualifier, population and outcome of a figure as written (memoised).

    ``language`` is the document's (ISO 639-1), as `detect_language` gives it.
    """
    lex = lexicon(language)
    if lex is not None:
        return _parse_in(text, lex)
    found = [n for n in find_numbers(text) if not _is_code(text, n)]
    ages = [n for n in found if people(None).is_age(text, n)]
    numbers = [n for n in found if n not in ages]  # "a 67-year-old woman" counts one
    if not numbers:
        population = _population(text, 0)
        one = _one_person(text, aged=bool(ages))
        if (population is not None and one) or _one_more(text, None):
            return ParsedFigure(1, 1, population=population, outcome=_outcome(text, 0), value=1)
        loose = _LOOSE.match(text.strip())
        if loose:  # "several", "a few", "a number of": seeds/ANNOTATION.md §4.3
            low = 2 if "few" in loose.group().lower() else 3
            return ParsedFigure(
                low,
                None,
                Qualifier.at_least,
                _population(text, loose.end()),
                _outcome(text, 0),
                low,
                vague=True,
            )
        return ParsedFigure(None, None, population=population, outcome=_outcome(text, 0))
    main = numbers[0]
    before = " ".join(text[: main.start].lower().split()).rstrip(" '\"‘’“”(")
    qualifier = next((q for q, p in _QUALIFIERS if p.search(before)), Qualifier.exact)
    upper = range_end(text, numbers)
    end = upper.end if upper else main.end
    population = _population(text, end)
    outcome = _outcome(text, main.start)
    value = main.value
    below = bool(_STRICT_BELOW.search(before))
    lo, hi, qualifier = _bounds(value, upper, main.vague, qualifier, below=below)
    if lo == hi == value and population is not None and _one_joined_before(before) is population:
        lo = hi = value + 1  # "the driver and two passengers" are three
    return ParsedFigure(lo, hi, qualifier, population, outcome, value, main.vague)


def _bounds(
    value: int, upper: NumberMatch | None, vague: bool, qualifier: Qualifier, *, below: bool
) -> tuple[int | None, int | None, Qualifier]:
    """The figure's lower and upper bounds and its qualifier, as the guideline reads them:
    a range is exact (or about), a vague count ("dozens") at least its value, "more than
    N" at least N + 1, "up to N" (or "fewer than N", ``below``) no lower bound."""
    if upper is not None:
        about = qualifier is Qualifier.about
        return value, upper.value, Qualifier.about if about else Qualifier.exact
    if vague:
        return value, None, Qualifier.at_least if qualifier is Qualifier.exact else qualifier
    if qualifier is Qualifier.at_least:
        return value, None, qualifier
    if qualifier is Qualifier.more_than:
        return value + 1, None, qualifier
    if qualifier is Qualifier.up_to:
        return None, value - 1 if below else value, qualifier
    return value, value, qualifier


_JOINED_ONE = re.compile(r"^(?:the|a|an|one|his|her|their|its) ([a-z-]+) and$")


def _one_joined_before(before: str) -> Population | None:
    """The population of one person named before the number and joined to it by "and"
    ("the driver and two passengers"), when the whole figure is written that way."""
    m = _JOINED_ONE.match(before)
    word = m.group(1) if m else None
    if word is None or (word.endswith("s") and not word.endswith("ss")):
        return None  # a plural ("the soldiers and two civilians") counts no one
    return _POPULATION.get(word)


def figure_in_text(figure: ParsedFigure | int, text: str, *, language: str | None = None) -> bool:
    """Whether the figure's number appears in ``text`` as digits or words of ``language``."""
    if isinstance(figure, ParsedFigure):
        value, vague = figure.value, figure.vague
    else:
        value, vague = figure, False
    if value is None:
        return False
    return any(n.value == value and n.vague == vague for n in find_numbers(text, language))


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
    """The population noun within four words after ``start``; adjectives, named groups
    ("nine Daesh fighters", "two "PKK/YPG terrorists"") and "of them" keep it."""
    for count, m in enumerate(_WORD.finditer(text, start)):
        word = m.group().lower()
        if word in _POPULATION:
            if word == "members" and _FAMILY.match(text, m.end()):
                return Population.people  # "32 members of three families"
            return _POPULATION[word]
        named = (m.group()[0].isupper() or "-" in word) and word not in _EN_STOP
        if count >= 4 or word in ",.;:()" or not (word in _SKIPPABLE | _ARTICLES or named):
            return None
    return None


_FAMILY = re.compile(r"\s+of\s+(?:\w+\s+){0,2}(?:famil|household)", re.IGNORECASE)
_EN_STOP = {"were", "was", "had", "have", "in", "on", "at", "and", "the", "who", "including"}


def _one_person(text: str, *, aged: bool = False) -> bool:
    """Whether a figure without a number names one person: "a child", "a displaced
    child", "one man" (read by find_numbers), "A woman", "his son" (a possessive and a
    kinship noun), "the 47-year-old driver" (``aged``: the figure gives an age)."""
    words = [m.group() for m in _WORD.finditer(text)]
    if words and words[0].lower() in _ARTICLES:
        return True
    ppl = people(None)
    if ppl.possessive(words):
        return any(fold(w) in ppl.kin for w in words[1:5])
    return ppl.one_before(words, aged=aged) > 0


def one_more(text: str, *, language: str | None = None) -> bool:
    """Whether ``text`` is one more of those counted before it ("a third", "another")."""
    return _one_more(text, lexicon(language))


def population_at(text: str, start: int, *, language: str | None = None) -> Population | None:
    """The population noun within a few words after offset ``start`` of ``text``."""
    lex = lexicon(language)
    return _population(text, start) if lex is None else _population_in(text, start, lex)[0]


def _one_more(text: str, lex: Lexicon | None) -> bool:
    """Whether the figure is one more of those counted before it, written with an ordinal
    and no noun: "a third" (in "killing two fighters and injuring a third"), "another",
    "un troisième", "ein dritter" (data: ``ordinals``)."""
    words = [fold(m.group()) for m in WORD.finditer(text)]
    articles, ordinals = (lex.articles, lex.ordinals) if lex else (_ARTICLES, _ORDINALS)
    if words and words[0] in articles:
        words = words[1:]
    return len(words) == 1 and words[0] in ordinals


def _outcome(text: str, start: int) -> Outcome | None:
    m = _OUTCOMES.search(text, start) or _OUTCOMES.search(text)
    return Outcome(m.lastgroup) if m and m.lastgroup else None


# -- other languages ----------------------------------------------------------------


def _words(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    return list(WORD.finditer(text, start, len(text) if end is None else end))


def _parse_in(text: str, lex: Lexicon) -> ParsedFigure:
    found = [n for n in find_numbers(text, lex.language) if not _is_code(text, n)]
    ages = [n for n in found if people(lex.language).is_age(text, n)]
    numbers = [n for n in found if n not in ages and not _unit_after(text, n, lex)]
    outcome = _outcome_in(text, 0, lex)
    if not numbers:  # "eine 67-jährige Frau", "su hijo de ocho años": one person
        population, one = _population_in(text, 0, lex, alone=True, aged=bool(ages))
        if (population is not None and one) or _one_more(text, lex):
            return ParsedFigure(1, 1, population=population, outcome=outcome, value=1)
        return ParsedFigure(None, None, population=population, outcome=outcome)
    main = numbers[0]
    before = [m.group() for m in _words(text, 0, main.start)]
    while before and fold(before[-1]) in lex.articles:
        before.pop()  # "plus d'une dizaine"
    found = lex.qualifier_before(before)
    qualifier, below = found if found else (Qualifier.exact, False)
    upper = _range_end_in(text, numbers, lex)
    end = upper.end if upper else main.end
    if main.dual:
        population = next(
            lex.dual[w] for w in lex.forms(text[main.start : main.end]) if w in lex.dual
        )
    else:
        population, _ = _population_in(text, end, lex)
    if population is None and main.value in lex.counted_before and before:
        found_before = lex.lookup(lex.populations, before, len(before) - 1)
        population = found_before[0] if found_before else None  # Arabic "مدنيين اثنين"
    outcome = _outcome_in(text, main.start, lex) or outcome
    if qualifier is Qualifier.exact:
        qualifier = _qualifier_after(text, end, lex) or qualifier
    value = main.value
    exact = upper is None and not main.vague and qualifier is Qualifier.exact
    lo, hi, qualifier = _bounds(value, upper, main.vague, qualifier, below=below)
    if exact and main.loose:
        qualifier = Qualifier.about
    return ParsedFigure(lo, hi, qualifier, population, outcome, value, main.vague)


def _unit_after(text: str, n: NumberMatch, lex: Lexicon) -> bool:
    """Whether the number counts years, days or kilometres ("um rapaz de 14 anos")."""
    nxt = WORD.search(text, n.end)
    return bool(
        nxt
        and not text[n.end : nxt.start()].strip()
        and any(w in lex.non_count_after for w in lex.forms(nxt.group()))
    )


def _qualifier_after(text: str, end: int, lex: Lexicon) -> Qualifier | None:
    """A qualifier written within a few words after the figure ("40 شخصا على الأقل")."""
    after = _words(text, end)
    words = [m.group() for m in after]
    for k in range(min(4, len(words))):
        if k and re.search(r"[,;:()]", text[after[k - 1].end() : after[k].start()]):
            return None
        found = lex.qualifier_after(words[k:])
        if found is not None:
            return found
    return None


def _range_end_in(text: str, numbers: list[NumberMatch], lex: Lexicon) -> NumberMatch | None:
    """ "entre 8 et 10", "8 à 10", "8-10" in the lexicon's language; a bare "8 et 10" is
    two figures."""
    if len(numbers) < 2 or numbers[0].vague:
        return None
    first, second = numbers[0], numbers[1]
    gap = text[first.end : second.start].strip()
    gap_words = [fold(m.group()) for m in _words(gap)]
    before = [fold(m.group()) for m in _words(text, 0, first.start)]
    between = any(tuple(before[-len(p) :]) == p for p in lex.between if len(p) <= len(before))
    dash = gap in ("-", "–", "—")
    if second.value <= first.value or not (dash or len(gap_words) == 1):
        return None
    if not dash and not (gap_words[0] in lex.range_joins and gap == gap_words[0]):
        return None
    if not dash and gap_words[0] in lex.joiners | {"et", "og", "und", "en"} and not between:
        return None
    return second


def _population_in(
    text: str, start: int, lex: Lexicon, *, alone: bool = False, aged: bool = False
) -> tuple[Population | None, bool]:
    """The population noun within four words after ``start``, and whether the figure is
    one person written without a number ("un enfant", Arabic "طفل"; "su hijo", a
    possessive and a kinship noun; "Der 47 Jahre alte Fahrer", ``aged``: with an age)."""
    words = [m.group() for m in _words(text, start)]
    gaps = [m.start() for m in _words(text, start)]
    ppl = people(lex.language)
    lead = ppl.one_before(words, aged=aged) if alone else 0
    possessive = alone and ppl.possessive(words)
    article = lead > 0 and not possessive
    if lex.people_first(words):
        return Population.people, False
    for i, word in enumerate(words[:5]):
        if i and re.search(r"[,;:()]", text[gaps[i - 1] : gaps[i]]):
            return None, False
        found = lex.lookup(lex.populations, words, i)
        if found is not None and not (
            found[0] is Population.people and lex.lookup(lex.outcomes, words, i) is not None
        ):
            single = any(w in lex.singulars for w in lex.forms(word))
            kin = possessive and any(w in ppl.kin for w in lex.forms(word))
            return found[0], alone and (article or kin or (i == 0 and single))
        if found is not None:  # "33 tote Zivilisten": the dead are civilians
            later, _ = _population_in(text, gaps[i] + len(word), lex)
            return later or found[0], False
        folded = fold(word)
        if folded in lex.articles and i == 0:
            article = True
            continue
        if i < lead:
            continue
        if folded in lex.stop or lex.number_word(word) is not None or i >= 4:
            return None, False
    return None, False


def _outcome_in(text: str, start: int, lex: Lexicon) -> Outcome | None:
    words = [m.group() for m in _words(text, start)]
    for i in range(len(words)):
        found = lex.lookup(lex.outcomes, words, i)
        if found is not None:
            return found[0]
    return None


def split_figures(text: str, language: str | None = None) -> list[str]:
    """The figures one text holds, each as written ("23 people, including two children"
    -> "23 people", "two children"): `figures_split.split_figures`."""
    from extractor.normalise.figures_split import split_figures as split

    return split(text, language)
