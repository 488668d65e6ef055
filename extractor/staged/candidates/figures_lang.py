"""Casualty mentions in a language other than English, read through its lexicon.

The same phrasings as `figures.py` finds in English, in the lexicon's words
(extractor/data/figures/<code>.json): a number with a population noun after
it ("au moins 16 civils", "ما لا يقل عن 12 مدنيا"), or with a casualty word
right after it ("12 muertos", "Dutzende Verletzte"); one person written with
an article or, in Arabic, a singular noun ("un enfant a été tué", "قتل طفل")
when a casualty word is in its own clause; an Arabic dual ("طفلان", two
children). The outcome is the casualty word of the figure's clause (after it
first, then before it), else the nearest one in the sentence; a clause about
arresting, evacuating or displacing people is no casualty report.
"""

from __future__ import annotations

import re

from extractor.models import Outcome, Population
from extractor.normalise import parse_figure
from extractor.normalise.figures_context import population_in_context
from extractor.normalise.figures_people import people
from extractor.normalise.lexicon import WORD, Lexicon, fold, languages, lexicon
from extractor.normalise.numbers import NumberMatch, find_numbers
from extractor.staged.candidates.sentences import Sentence

_CLAUSE = re.compile(r"[,;:()\u060c\u061b]|\s[-–—]\s")  # the Arabic comma and semicolon too
_WINDOW = 5  # words between a number and its noun, at most


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in _CLAUSE.finditer(text, 0, start):
        left = m.end()
    m = _CLAUSE.search(text, end)
    return left, m.start() if m else len(text)


def _outcomes(text: str, lex: Lexicon, start: int, end: int) -> list[tuple[int, int, Outcome]]:
    words = list(WORD.finditer(text, start, end))
    plain = [m.group() for m in words]
    out = []
    for i, m in enumerate(words):
        found = lex.lookup(lex.outcomes, plain, i)
        if found is not None:
            out.append((m.start(), words[i + found[1] - 1].end(), found[0]))
    return out


def _not_harm(text: str, lex: Lexicon, start: int, end: int) -> bool:
    return any(
        w in lex.not_harm for m in WORD.finditer(text, start, end) for w in lex.forms(m.group())
    )


def figure_outcome(
    text: str,
    lex: Lexicon,
    start: int,
    end: int,
    *,
    anywhere: bool = True,
    next_start: int | None = None,
) -> Outcome | None:
    """The casualty word of the clause of ``start:end``: after it (up to the next
    figure, ``next_start``) first, then before it (before first where the language
    puts its verb first); with ``anywhere``, else the nearest one in the sentence."""
    left, right = _clause(text, start, end)
    own = _outcomes(text, lex, left, right)
    limit = right if next_start is None else min(right, next_start)
    after = [o for o in own if end <= o[0] < limit]
    before = [o for o in own if o[1] <= start]
    if before and _adjacent(text, before[-1][1], start, lex):
        return before[-1][2]  # the verb's object: "matou uma pessoa e feriu nove"
    for side in (before[-1:], after[:1]) if lex.verb_first else (after[:1], before[-1:]):
        if side:
            return side[0][2]
    if _not_harm(text, lex, left, right) or not anywhere:
        return None
    every = _outcomes(text, lex, 0, len(text))
    if not every:
        return None
    nearest = min(every, key=lambda o: start - o[1] if o[1] <= start else o[0] - end)
    return nearest[2]


def _adjacent(text: str, end: int, start: int, lex: Lexicon) -> bool:
    """Whether at most one short word ("a", "à", "de"; not "et") lies between ``end`` and
    ``start``."""
    gap = text[end:start].split()
    return len(gap) <= 1 and all(
        len(w) <= 3 and w.isalpha() and fold(w) not in lex.conjunctions for w in gap
    )


def noun_after(text: str, lex: Lexicon, end: int) -> tuple[Population | None, int]:
    """The population noun within a few words after ``end`` and where it ends."""
    words = list(WORD.finditer(text, end))
    plain = [m.group() for m in words]
    if lex.people_first(plain[:1]) and not _CLAUSE.search(text[end : words[0].start()]):
        return Population.people, words[0].end()  # "22 palestinianos"
    for i, m in enumerate(words[: _WINDOW + 1]):
        gap = text[words[i - 1].end() if i else end : m.start()]
        if _CLAUSE.search(gap):
            break
        found = lex.lookup(lex.populations, plain, i)
        if found is not None:
            noun_end = words[i + found[1] - 1].end()
            if found[0] is Population.people and lex.lookup(lex.outcomes, plain, i):
                later = lex.lookup(lex.populations, plain, i + found[1])  # "33 tote Zivilisten"
                if later is not None and later[0] is not Population.people:
                    return later[0], words[i + found[1] + later[1] - 1].end()
            return found[0], noun_end
        folded = fold(m.group())
        if folded in lex.stop or lex.number_word(m.group()) is not None:
            break
        if lex.lookup(lex.outcomes, plain, i) is not None:
            break
    return None, end


def _direct_outcome(text: str, lex: Lexicon, end: int) -> bool:
    """Whether a casualty word follows the number within two words ("12 muertos",
    "12 personnes ont été tuées" is the noun's)."""
    words = list(WORD.finditer(text, end))[:3]
    plain = [m.group() for m in words]
    return any(lex.lookup(lex.outcomes, plain, i) is not None for i in range(min(2, len(plain))))


def _verb_object(text: str, lex: Lexicon, start: int, end: int) -> bool:
    """A bare number right after a casualty verb and before a clause end: "feriu nove,"."""
    left, _ = _clause(text, start, end)
    before = _outcomes(text, lex, left, start)
    if not before or not _adjacent(text, before[-1][1], start, lex):
        return False
    rest = text[end:].lstrip()
    nxt = WORD.match(rest)
    return (
        not rest or rest[0] in ",.;:)\u060c\u061b" or bool(nxt and fold(nxt.group()) in lex.joiners)
    )


def _toll(text: str, lex: Lexicon, start: int) -> Outcome | None:
    """The outcome of a toll the bare number at ``start`` gives ("el número de muertos ...
    ascendió a 16": killed), else None."""
    before = list(WORD.finditer(text, 0, start))
    if not before or fold(before[-1].group()) not in lex.toll_to:
        return None
    if text[before[-1].end() : start].strip():
        return None
    folded = [fold(m.group()) for m in before]
    for phrase in lex.toll:
        n = len(phrase)
        for i in range(len(folded) - n + 1):
            if tuple(folded[i : i + n]) == phrase:
                said = _outcomes(text, lex, before[i].start(), before[i + n - 1].end())
                return said[0][2] if said else Outcome.killed
    return None


def _is_count(text: str, n: NumberMatch, lex: Lexicon) -> bool:
    raw = text[n.start : n.end]
    if raw.isdigit() and len(raw) == 4 and 1900 <= n.value <= 2100:
        return False  # a year
    if raw[:1].isdigit() and (text[n.end : n.end + 1].isalpha() or text[n.end : n.end + 1] == ":"):
        return False  # a code or a time: Su-25, 10h30, 14:00
    if text[n.end : n.end + 2].strip()[:1] == "%":
        return False
    nxt = WORD.search(text, n.end)
    if nxt and not text[n.end : nxt.start()].strip() and _non_count(nxt.group(), lex):
        return False
    prev = list(WORD.finditer(text, max(0, n.start - 20), n.start))
    return not (
        prev and not text[prev[-1].end() : n.start].strip() and _non_count(prev[-1].group(), lex)
    )  # "mars 12": a month before a day


def _non_count(word: str, lex: Lexicon) -> bool:
    return any(w in lex.non_count_after for w in lex.forms(word))


def find_figures_in(sentence: Sentence, lex: Lexicon) -> list[tuple[int, int, Outcome, Population]]:
    """Casualty figures of one sentence as (start, end, outcome, population), offsets in
    the sentence's text; `parse_figure` of ``text[start:end]`` gives the figure."""
    text = sentence.text
    out: list[tuple[int, int, Outcome, Population]] = []
    covered = 0
    numbers = find_numbers(text, lex.language)
    for n in numbers:
        if n.start < covered or not _is_count(text, n, lex):
            continue
        written_start = _qualified_start(text, n, lex)
        parsed = parse_figure(text[written_start:], language=lex.language)
        if parsed.min is None and parsed.max is None:
            continue
        toll: Outcome | None = None
        if n.dual:
            population: Population | None = parsed.population
            noun_end = n.end
        else:
            end = n.end
            upper = [m for m in numbers if m.start >= n.end]
            ranged = parsed.max is not None and parsed.min is not None and parsed.max > parsed.min
            if upper and ranged and parsed.max == upper[0].value and parsed.min == n.value:
                end = upper[0].end  # "entre 8 et 10 personnes"
            population, noun_end = noun_after(text, lex, end)
            if population is None:
                toll = _toll(text, lex, n.start)
                if not (
                    _direct_outcome(text, lex, end)
                    or _verb_object(text, lex, n.start, end)
                    or toll is not None
                ):
                    continue
                in_context = population_in_context(
                    text[written_start:end], text, language=lex.language
                )  # "tres soldados murieron y cinco resultaron heridos": five soldiers
                population, noun_end = in_context or Population.people, end
        noun_end = _after_qualifier_end(text, noun_end, lex)
        later = [m.start for m in numbers if m.start >= noun_end]
        outcome = figure_outcome(text, lex, n.start, noun_end, next_start=min(later, default=None))
        if out and _included(text, written_start, lex):
            outcome = out[-1][2]  # "16 civils tués, dont quatre enfants": part of the dead
        if toll is not None and outcome is None:
            outcome = toll
        own = _outcomes(text, lex, n.end, noun_end)
        if own:
            outcome = own[-1][2]  # the noun says it: "plus de 70 blessés", "33 tote Zivilisten"
        if outcome is None or population is None:
            continue
        covered = noun_end
        out.append((written_start, noun_end, outcome, population))
    out += _one_person(text, lex, out, numbers)
    return sorted(out)


def _after_qualifier_end(text: str, end: int, lex: Lexicon) -> int:
    """The end of a qualifier written right after the figure ("40 شخصاً على الأقل")."""
    after = list(WORD.finditer(text, end))
    if not after or text[end : after[0].start()].strip():
        return end
    words = [m.group() for m in after]
    for phrase, _ in lex.qualifiers_after:
        n = len(phrase)
        if tuple(fold(w) for w in words[:n]) == phrase:
            return after[n - 1].end()
    return end


def _included(text: str, start: int, lex: Lexicon) -> bool:
    """Whether the figure at ``start`` follows "including" ("dont", "بينهم", "darunter")."""
    before = [fold(m.group()) for m in WORD.finditer(text, max(0, start - 40), start)]
    return any(
        len(p) <= len(before) and tuple(before[-len(p) :]) == p and p[0] not in lex.joiners
        for p in lex.trim
    )


def _qualified_start(text: str, n: NumberMatch, lex: Lexicon) -> int:
    before = list(WORD.finditer(text, 0, n.start))
    words = [m.group() for m in before]
    while words and fold(words[-1]) in lex.articles:
        words.pop()
    for phrase, _, _ in lex.qualifiers:
        k = len(phrase)
        if k <= len(words) and tuple(fold(w) for w in words[-k:]) == phrase:
            return before[len(words) - k].start()
    if len(words) < len(before):
        return before[len(words)].start()  # "une dizaine"
    return n.start


def _one_person(
    text: str,
    lex: Lexicon,
    found: list[tuple[int, int, Outcome, Population]],
    numbers: list[NumberMatch],
) -> list[tuple[int, int, Outcome, Population]]:
    out = []
    words = list(WORD.finditer(text))
    counts = [n for n in numbers if _is_count(text, n, lex)]  # not "de ocho años"
    kin = people(lex.language)
    for i, m in enumerate(words):
        if any(a <= m.start() < b for a, b, _, _ in found):
            continue
        if any(n.start <= m.start() < n.end for n in numbers):
            continue
        forms = lex.forms(m.group())
        if fold(m.group()) in lex.articles:
            population, end = noun_after(text, lex, m.end())
            if population is None or end - m.end() > 30:
                continue
        elif fold(m.group()) in kin.possessives:  # "su hijo", "son fils"
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is None or not any(w in kin.kin for w in lex.forms(nxt.group())):
                continue
            population, end = noun_after(text, lex, m.end())
            if population is None:
                continue
        elif any(w in lex.singulars for w in forms):
            prev = words[i - 1] if i else None
            if prev is not None and lex.number_word(prev.group()) is not None:
                continue  # the noun a number counts
            if any(n.end <= m.start() and not text[n.end : m.start()].strip() for n in numbers):
                continue
            population = next(lex.singulars[w] for w in forms if w in lex.singulars)
            end = m.end()
        else:
            continue
        later = [n.start for n in counts if n.start >= end]
        outcome = figure_outcome(
            text, lex, m.start(), end, anywhere=False, next_start=min(later, default=None)
        )
        earlier = [f for f in found + out if f[1] <= m.start()]
        if outcome is None and earlier and _included(text, m.start(), lex):
            outcome = earlier[-1][2]  # "vier Zivilisten getötet, darunter eine Frau"
        if outcome is None and earlier and _listed_after(text, earlier[-1][1], m.start(), lex):
            outcome = earlier[-1][2]  # "hirió a dos civiles, una mujer y su hijo"
        if outcome is not None:
            out.append((m.start(), end, outcome, population))
    return out


def _listed_after(text: str, end: int, start: int, lex: Lexicon) -> bool:
    """Whether the one person at ``start`` is listed right after the figure that ends at
    ``end``: after a comma (its apposition) or after the joiner that follows it."""
    gap = text[end:start].strip()
    words = [fold(m.group()) for m in WORD.finditer(gap)]
    if not words:
        return gap in (",", "،", ":")
    return len(words) == 1 and words[0] in lex.joiners and gap == WORD.search(gap).group()


def campaign_words(text: str, language: str | None) -> str | None:
    """The words that make a sentence's figures a total over several days or places, in
    ``language`` ("depuis fin avril", "seit Beginn", "منذ"); every language's when None."""
    codes = [language] if language else list(languages())
    words = list(WORD.finditer(text))
    folded = [fold(m.group()) for m in words]
    found: list[tuple[int, int]] = []  # (first word, last word) of each phrase found
    for code in codes:
        lex = lexicon(code)
        for phrase in lex.campaign if lex else ():
            n = len(phrase)
            found += [
                (i, i + n - 1)
                for i in range(len(folded) - n + 1)
                if tuple(folded[i : i + n]) == phrase
            ]
    if not found:
        return None
    first, last = min(found, key=lambda f: (f[0], -f[1]))  # the earliest, the longest there
    return text[words[first].start() : words[last].end()]
