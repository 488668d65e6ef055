"""A figure's population read from the sentence around it, where its own words name none.

`parse_figure` reads a figure as written; some figures name their people only in
the sentence that carries them (seeds/ANNOTATION.md §4.4):

- a part of a toll whose kind follows a copula: "Three of the dead were
  children", "Two of the wounded were children", "Trois des morts étaient des
  enfants", "Drei der Toten waren Kinder" (data: ``copulas``);
- one more of those counted before it, written with an ordinal and no noun:
  "killing two fighters and injuring a third" is one fighter injured
  (`figures.one_more`, data: ``ordinals``);
- a bare number, written with no noun after it, after a count of combatants in
  its sentence counts more of that force: "tres soldados murieron y cinco
  resultaron heridos" (five soldiers wounded). Civilians, children and women
  are so only where the source says so (§4.4): "15 civilians killed and more
  than 20 wounded" are 20 people wounded;
- a bare number that a toll rose to, with the toll's subject written after it:
  "ارتفع إلى ثمانية، بينهم ثلاثة أطفال، عدد المدنيين الذين قتلوا", "asciende a
  ocho el número de civiles muertos" (data: ``toll_to``, ``toll_subject``).
"""

from __future__ import annotations

from collections.abc import Iterable

from extractor.models import Population
from extractor.normalise.figures import _is_code, one_more, parse_figure, population_at
from extractor.normalise.lexicon import WORD, fold, lexicon
from extractor.normalise.numbers import find_numbers

__all__ = ["claim_population", "population_in_context"]

_EN_COPULAS = (("were", "all"), ("are", "all"), ("were",), ("was",), ("are",), ("is",))


def population_in_context(
    written: str, sentence: str, *, language: str | None = None
) -> Population | None:
    """The population that ``sentence`` gives the figure ``written`` (found in it), or None."""
    at = sentence.casefold().find(written.strip().casefold())
    if at < 0 or not written.strip():
        return None
    if one_more(written, language=language):
        return _counted_before(sentence, at, language)
    found = _after_copula(sentence, at + len(written.strip()), language)
    if found is None and _bare(written, language):
        subject = _toll_subject_after(sentence, at, at + len(written.strip()), language)
        if subject is not None:
            return subject
        before = _counted_before(sentence, at, language)
        return before if before is Population.combatants else None
    return found


def _toll_subject_after(
    sentence: str, at: int, end: int, language: str | None
) -> Population | None:
    """The population of the toll's subject written after a bare figure that the toll rose
    to ("... إلى ثمانية ... عدد المدنيين", "... a ocho el número de civiles")."""
    lex = lexicon(language)
    if lex is None or not lex.toll_subject:
        return None
    before = [fold(m.group()) for m in WORD.finditer(sentence, 0, at)]
    if not before or not any(form in lex.toll_to for form in lex.forms(before[-1])):
        return None
    words = list(WORD.finditer(sentence, end))
    folded = [fold(m.group()) for m in words]
    for i in range(len(words)):
        gap = sentence[words[i - 1].end() if i else end : words[i].start()]
        if "." in gap:
            return None  # the sentence ended
        for phrase in lex.toll_subject:
            n = len(phrase)
            if tuple(folded[i : i + n]) == phrase and i + n < len(words):
                return population_at(sentence, words[i + n - 1].end(), language=language)
    return None


def _bare(written: str, language: str | None) -> bool:
    """Whether ``written`` is a number and nothing after it ("cinco", "at least five")."""
    numbers = [n for n in find_numbers(written, language) if not _is_code(written, n)]
    return bool(numbers) and WORD.search(written, numbers[-1].end) is None


def claim_population(
    written: str, own: Population | None, sentences: Iterable[str], *, language: str | None = None
) -> Population:
    """The figure's own population, else the one the first of its ``sentences`` that gives
    one gives it; ``people`` when none does."""
    if own is None or one_more(written, language=language):
        for sentence in sentences:
            found = population_in_context(written, sentence, language=language)
            if found is not None:
                return found
    return own or Population.people


def _counted_before(sentence: str, at: int, language: str | None) -> Population | None:
    """The population of the figure written nearest before offset ``at``."""
    numbers = [n for n in find_numbers(sentence[:at], language) if not _is_code(sentence, n)]
    if not numbers:
        return None
    return parse_figure(sentence[numbers[-1].start : at], language=language).population


def _after_copula(sentence: str, end: int, language: str | None) -> Population | None:
    """ "... were children": the population after a copula right after the figure."""
    words = list(WORD.finditer(sentence, end))
    if not words or sentence[end : words[0].start()].strip(" \"'’”»"):
        return None  # a comma or other words come first: not the figure's predicate
    lex = lexicon(language)
    copulas = lex.copulas if lex is not None else _EN_COPULAS
    folded = [fold(m.group()) for m in words]
    for copula in copulas:
        if tuple(folded[: len(copula)]) == copula and len(words) > len(copula):
            return population_at(sentence, words[len(copula) - 1].end(), language=language)
    return None
