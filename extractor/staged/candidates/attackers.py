"""Attacking forces named by a demonym outside English: "ataque ruso", "frappes
israéliennes", "russischer Drohnenangriff", «القصف الروسي».

The words are data (``extractor/data/attackers.json``: each language's demonym
adjectives, every inflected form, by ISO 3166 alpha-3 code, and its nouns for
forces and their means) beside the attack words of
``extractor/data/attacks/<language>.json``. An adjective within two words of such a
noun, with no punctuation between, names that country's forces; in a language that
writes compounds (``compounds``) a noun counts by its last part ("Drohnenangriff").
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from extractor.normalise.actor_keys import language_data
from extractor.normalise.lexicon import WORD, fold
from extractor.staged.candidates.attacks import attack_data, find_attacks
from extractor.staged.candidates.sentences import Sentence

__all__ = ["AttackerMention", "find_attackers", "peoples_attacking"]

_WINDOW = 2
_PUNCT = re.compile(r"[,;:.()\"«»“”\u060c\u061b]")


@dataclass(frozen=True)
class AttackerMention:
    start: int
    end: int
    country: str  # ISO 3166 alpha-3


@dataclass(frozen=True)
class _Words:
    adjectives: dict[str, str]
    nouns: frozenset[str]
    compounds: bool


@functools.cache
def _words(language: str) -> _Words | None:
    data = json.loads(resources.files("extractor.data").joinpath("attackers.json").read_text())
    entry = data.get(language)
    if not isinstance(entry, dict):
        return None
    adjectives = {fold(w): iso3 for iso3, ws in entry["adjectives"].items() for w in ws}
    nouns = {fold(w) for w in entry.get("forces", [])}
    attacks = attack_data(language)
    for phrases in (attacks or {}).get("types", {}).values():
        nouns.update(fold(p) for p in phrases if " " not in p)
    return _Words(adjectives, frozenset(nouns), bool(entry.get("compounds")))


def _is_noun(word: str, words: _Words) -> bool:
    if word in words.nouns:
        return True
    return words.compounds and any(word.endswith(n) for n in words.nouns if len(n) >= 5)


def find_attackers(text: str, language: str | None) -> list[AttackerMention]:
    """The attacking forces ``text`` names with a demonym, left to right."""
    words = _words(language) if language else None
    if words is None:
        return []
    tokens = list(WORD.finditer(text))
    folded = [fold(m.group()) for m in tokens]
    out = []
    for i, word in enumerate(folded):
        iso3 = words.adjectives.get(word)
        if iso3 is None:
            continue
        lo, hi = max(0, i - _WINDOW), min(len(tokens), i + _WINDOW + 1)
        for j in range(lo, hi):
            if j == i or not _is_noun(folded[j], words):
                continue
            a, b = sorted((i, j))
            if _PUNCT.search(text[tokens[a].end() : tokens[b].start()]):
                continue
            out.append(AttackerMention(tokens[a].start(), tokens[b].end(), iso3))
            break
    return out


@functools.cache
def _peoples(language: str) -> dict[str, str]:
    """A people written alone ("die Russen", "los rusos"): ``peoples`` of the language's
    actor table, by folded word."""
    table = language_data(language).get("peoples", {})
    return {fold(w.split()[-1]): iso3 for iso3, ws in table.items() for w in ws}


def peoples_attacking(clause: str, language: str | None) -> list[str]:
    """The countries of the peoples a clause names beside an attack or force word of its
    own ("Die Russen hätten die Stadt mit einer Rakete angegriffen")."""
    words = _words(language) if language else None
    if words is None:
        return []
    folded = [fold(m.group()) for m in WORD.finditer(clause)]
    if not any(_is_noun(w, words) for w in folded) and not _attack_verb(clause, language):
        return []
    peoples = _peoples(language)  # type: ignore[arg-type]
    return [peoples[w] for w in folded if w in peoples]


def _attack_verb(clause: str, language: str | None) -> bool:
    sentence = Sentence(0, 0, len(clause), clause, 0, True)
    return bool(find_attacks(sentence, language=language))
