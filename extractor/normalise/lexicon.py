"""Figure words of one language, read from extractor/data/figures/<code>.json.

A `Lexicon` answers what a word of that language is: a number word and its
value, a vague count ("des dizaines"), an article that means one, a population
or outcome word, a qualifier phrase. Words are compared in a normal form
(lower case; for Arabic, without diacritics or tatweel and with one alef), and
a word written with a clitic (Arabic و، ب، ال ...) is read without it when it
is not a word of its own. English has no file: its words live in numbers.py and
figures.py.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from extractor.models import Outcome, Population, Qualifier

# Eastern Arabic and Persian digits, one character each: offsets do not move.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_ALEFS = str.maketrans("أإآٱ", "اااا")
# letters with their combining marks (Arabic harakat are no letters to ``\w``)
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_LETTER = rf"(?:[^\W\d_]|[{_MARKS}])"
WORD = re.compile(rf"{_LETTER}+(?:-{_LETTER}+)*")


def fold(word: str) -> str:
    """A word's normal form for lookups: lower case, Arabic marks and alefs folded."""
    word = unicodedata.normalize("NFC", word).lower().replace("’", "'")
    if any("\u0600" <= ch <= "\u06ff" for ch in word):
        word = _ARABIC_MARKS.sub("", word).translate(_ALEFS).replace("ى", "ي")
    return word


def _phrases(items: list[str]) -> list[tuple[str, ...]]:
    out = {tuple(fold(w) for w in WORD.findall(p.replace("'", " "))) for p in items}
    return sorted((p for p in out if p), key=lambda p: (-len(p), p))


@dataclass
class Lexicon:
    """The figure words of one language."""

    language: str
    numbers: str = "table"
    words: dict[str, int] = field(default_factory=dict)
    scales: dict[str, int] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    not_numbers: set[str] = field(default_factory=set)
    joiners: set[str] = field(default_factory=set)
    thousands: tuple[str, ...] = (",",)
    decimal: str = "."
    vague: dict[str, tuple[int, Qualifier]] = field(default_factory=dict)
    vague_of_scale: dict[str, int] = field(default_factory=dict)
    qualifiers: list[tuple[tuple[str, ...], Qualifier, bool]] = field(default_factory=list)
    qualifiers_after: list[tuple[tuple[str, ...], Qualifier]] = field(default_factory=list)
    populations: dict[tuple[str, ...], Population] = field(default_factory=dict)
    outcomes: dict[tuple[str, ...], Outcome] = field(default_factory=dict)
    dual: dict[str, Population] = field(default_factory=dict)
    singulars: dict[str, Population] = field(default_factory=dict)
    stop: set[str] = field(default_factory=set)
    of: set[str] = field(default_factory=set)
    trim: list[tuple[str, ...]] = field(default_factory=list)
    campaign: list[tuple[str, ...]] = field(default_factory=list)
    toll: list[tuple[str, ...]] = field(default_factory=list)
    toll_to: set[str] = field(default_factory=set)
    toll_subject: list[tuple[str, ...]] = field(default_factory=list)
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    range_joins: set[str] = field(default_factory=set)
    non_count_after: set[str] = field(default_factory=set)
    not_harm: set[str] = field(default_factory=set)
    verb_first: bool = False  # the casualty verb comes before its figure (Arabic)
    between: list[tuple[str, ...]] = field(default_factory=list)
    copulas: list[tuple[str, ...]] = field(default_factory=list)
    ordinals: set[str] = field(default_factory=set)
    counted_before: set[int] = field(default_factory=set)  # numbers written after their noun
    peoples: set[str] = field(default_factory=set)  # "22 palestinianos": people, right after
    longest: int = 1

    # -- words ------------------------------------------------------------------
    def forms(self, word: str) -> list[str]:
        """The word folded, then without each clitic it may carry."""
        w = fold(word)
        out = [w]
        for p in self.prefixes:
            if w.startswith(p) and len(w) - len(p) >= 2:
                out.append(w[len(p) :])
        for stem in list(out):
            for s in self.suffixes:
                rest = stem[: -len(s)]
                if stem.endswith(s) and len(rest) >= 2:
                    out.append(rest)
                    if rest.endswith("ت"):  # "زوجته": the feminine ending before a suffix
                        out.append(rest[:-1] + "ة")
        return out

    def number_word(self, word: str) -> int | None:
        """The value of a number word (not an article), else None."""
        for w in self.forms(word):
            if w in self.articles or w in self.not_numbers:
                return None
            value = _text2num(w, self.language) if self.numbers == "text2num" else self.words.get(w)
            if value is not None:
                return value
        return None

    def clitic(self, word: str) -> int:
        """How many leading characters of a number word are a clitic ("وثلاثة": 1)."""
        w = fold(word)
        known = (self.words, self.dual, self.scales)
        if any(w in table for table in known):
            return 0
        for p in self.prefixes:
            if w.startswith(p) and any(w[len(p) :] in table for table in known):
                return len(p)
        return 0

    def scale(self, word: str) -> int | None:
        for w in self.forms(word):
            if w in self.scales:
                return self.scales[w]
        value = self.number_word(word) if self.numbers == "text2num" else None
        return value if value in (100, 1_000, 1_000_000, 1_000_000_000) else None

    def vague_word(self, word: str) -> tuple[int, Qualifier] | None:
        for w in self.forms(word):
            if w in self.vague:
                return self.vague[w]
        return None

    def people_first(self, words: list[str]) -> bool:
        """Whether the first of ``words`` is a people ("22 palestinianos", "12 Syrer"): a
        count of people only right after its number ("dos misiles rusos" counts missiles)."""
        return bool(words) and any(w in self.peoples for w in self.forms(words[0]))

    def lookup(
        self, table: dict[tuple[str, ...], Any], words: list[str], i: int
    ) -> tuple[Any, int] | None:
        """The longest phrase of ``table`` that starts at ``words[i]``, with its length."""
        for n in range(min(self.longest, len(words) - i), 0, -1):
            head = words[i : i + n]
            for first in self.forms(head[0]):
                key = (first, *(fold(w) for w in head[1:]))
                if key in table:
                    return table[key], n
        return None

    def qualifier_before(self, words: list[str]) -> tuple[Qualifier, bool] | None:
        """The qualifier that the words right before a number end with, and whether
        it excludes the number ("fewer than 10")."""
        folded = [fold(w) for w in words]
        for phrase, qualifier, below in self.qualifiers:
            n = len(phrase)
            if n <= len(folded) and tuple(folded[-n:]) == phrase:
                return qualifier, below
        return None

    def qualifier_after(self, words: list[str]) -> Qualifier | None:
        """The qualifier written right after a figure ("40 شخصا على الأقل"), if any."""
        folded = [fold(w) for w in words]
        for phrase, qualifier in self.qualifiers_after:
            if tuple(folded[: len(phrase)]) == phrase:
                return qualifier
        return None

    @functools.cached_property
    def conjunctions(self) -> frozenset[str]:
        """Words that join two figures ("et", "y", "und"): joiners and one-word trims."""
        return frozenset(self.joiners | {p[0] for p in self.trim if len(p) == 1})

    def is_stop(self, word: str) -> bool:
        return fold(word) in self.stop


_TABLES = ("populations", "outcomes")


@functools.cache
def lexicon(language: str | None) -> Lexicon | None:
    """The lexicon of ``language`` (ISO 639-1), or None for English and unknown codes."""
    if not language or language == "en":
        return None
    try:
        raw = resources.files("extractor.data").joinpath(f"figures/{language}.json").read_text()
    except (FileNotFoundError, OSError):
        return None
    data = json.loads(raw)
    lex = Lexicon(language=language, numbers=data.get("numbers", "table"))
    lex.words = {fold(k): int(v) for k, v in data.get("words", {}).items()}
    lex.scales = {fold(k): int(v) for k, v in data.get("scales", {}).items()}
    lex.articles = {fold(w) for w in data.get("articles", [])}
    lex.not_numbers = {fold(w) for w in data.get("not_numbers", [])}
    lex.joiners = {fold(w) for w in data.get("joiners", [])}
    lex.thousands = tuple(data.get("thousands", [","]))
    lex.decimal = data.get("decimal", ".")
    for k, (v, q, *of_scale) in data.get("vague", {}).items():
        lex.vague[fold(k)] = (int(v), Qualifier(q))
        if of_scale:  # "des dizaines de milliers": twenty thousand, not 24
            lex.vague_of_scale[fold(k)] = int(of_scale[0])
    for name, items in data.get("qualifiers", {}).items():
        qualifier = Qualifier.up_to if name == "below" else Qualifier(name)
        lex.qualifiers += [(p, qualifier, name == "below") for p in _phrases(items)]
    lex.qualifiers.sort(key=lambda q: len(q[0]), reverse=True)
    for name, items in data.get("qualifiers_after", {}).items():
        lex.qualifiers_after += [(p, Qualifier(name)) for p in _phrases(items)]
    for name, kind in (("populations", Population), ("outcomes", Outcome)):
        table: dict[tuple[str, ...], Any] = {}
        for value, items in data.get(name, {}).items():
            for p in _phrases(items):
                table.setdefault(p, kind(value))
        setattr(lex, name, table)
    lex.dual = {fold(k): Population(v) for k, v in data.get("dual", {}).items()}
    lex.singulars = {fold(k): Population(v) for k, v in data.get("singulars", {}).items()}
    lex.stop = {fold(w) for w in data.get("stop", [])}
    lex.of = {fold(w) for w in data.get("of", [])}
    lex.trim = _phrases(data.get("trim", []))
    lex.campaign = _phrases(data.get("campaign", []))
    lex.toll = _phrases(data.get("toll", []))
    lex.toll_to = {fold(w) for w in data.get("toll_to", [])}
    lex.toll_subject = [tuple(fold(w) for w in p.split()) for p in data.get("toll_subject", [])]
    lex.suffixes = tuple(sorted((fold(p) for p in data.get("suffixes", [])), key=len, reverse=True))
    lex.prefixes = tuple(sorted((fold(p) for p in data.get("prefixes", [])), key=len, reverse=True))
    lex.range_joins = {fold(w) for w in data.get("range_joins", [])}
    lex.non_count_after = {fold(w) for w in data.get("non_count_after", [])}
    lex.not_harm = {fold(w) for w in data.get("not_harm", [])}
    lex.verb_first = bool(data.get("verb_first", False))
    lex.between = _phrases(data.get("between", []))
    lex.copulas = _phrases(data.get("copulas", []))
    lex.ordinals = {fold(w) for w in data.get("ordinals", [])}
    lex.counted_before = {int(n) for n in data.get("counted_before", [])}
    lex.peoples = {fold(w) for w in data.get("peoples", [])}
    lex.longest = max([len(p) for t in _TABLES for p in getattr(lex, t)] + [1])
    return lex


@functools.cache
def languages() -> tuple[str, ...]:
    """Every language with a lexicon file."""
    folder = resources.files("extractor.data").joinpath("figures")
    return tuple(sorted(f.name[:-5] for f in folder.iterdir() if f.name.endswith(".json")))


@functools.lru_cache(maxsize=65536)
def _text2num(word: str, language: str) -> int | None:
    from text_to_num import text2num

    try:
        return int(text2num(word, language))
    except ValueError:
        return None
