"""One person written without a number: an age, a possessive, a kinship noun.

A figure can name one person with no count of its own (seeds/ANNOTATION.md §4.3):

- an age is no count: "a 67-year-old woman", "eine 67-jährige Frau", "un hombre
  de 47 años" are one person, and so is one written with a definite article and
  an age ("Der 47 Jahre alte Fahrer", "the 47-year-old driver");
- a possessive before a singular kinship noun is one person of that noun's
  population: "su hijo" (children), "son fils", "sein Sohn", "her husband".

The words live in extractor/data/figure_people.json, by language (ISO 639-1);
English is read from there too.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from extractor.normalise.lexicon import WORD, fold
from extractor.normalise.numbers import NumberMatch

__all__ = ["People", "people"]


@dataclass(frozen=True)
class People:
    """The words of one language that make a figure one person."""

    ages: frozenset[str]
    definite: frozenset[str]
    possessives: frozenset[str]
    kin: frozenset[str]

    def is_age(self, text: str, n: NumberMatch) -> bool:
        """Whether the number ``n`` of ``text`` is an age: an age word follows it, after a
        space or a hyphen ("67-jährige", "47 Jahre alte", "8-year-old")."""
        nxt = WORD.search(text, n.end)
        if nxt is None or text[n.end : nxt.start()].strip() not in ("", "-"):
            return False
        word = fold(nxt.group())
        return word in self.ages or word.split("-")[0] in self.ages

    def one_before(self, words: list[str], *, aged: bool) -> int:
        """How many leading ``words`` make the noun after them one person: a possessive
        (after a definite article: "o seu filho"), or a definite article when the figure
        gives an age; 0 when they do not."""
        folded = [fold(w) for w in words[:2]]
        if folded and folded[0] in self.possessives:
            return 1
        if folded and folded[0] in self.definite:
            if len(folded) > 1 and folded[1] in self.possessives:
                return 2
            return 1 if aged else 0
        return 0

    def possessive(self, words: list[str]) -> bool:
        """Whether ``words`` start with a possessive (after a definite article or not)."""
        folded = [fold(w) for w in words[:2]]
        return bool(folded) and (
            folded[0] in self.possessives
            or (len(folded) > 1 and folded[0] in self.definite and folded[1] in self.possessives)
        )


_NONE = People(frozenset(), frozenset(), frozenset(), frozenset())


@functools.cache
def people(language: str | None) -> People:
    """The one-person words of ``language`` (English when None); none for a language
    without an entry."""
    raw = resources.files("extractor.data").joinpath("figure_people.json").read_text()
    entry = json.loads(raw).get(language or "en")
    if not isinstance(entry, dict):
        return _NONE
    return People(
        *(frozenset(fold(w) for w in entry.get(key, [])) for key in People.__dataclass_fields__)
    )
