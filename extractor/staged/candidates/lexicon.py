"""Per-language words of attributed speech, read from ``extractor/data/speech_<language>.json``.

Each file lists the language's reporting verbs (whole forms, and auxiliaries
with participles: "a" + "déclaré"), its "according to" words (before the
source: "selon", "laut", «بحسب»; after it: "zufolge"), and the words a noun
phrase check needs (determiners, relative pronouns, prepositions, finite
verbs, nouns that name people or groups, nouns of documents such as "toll"
or "bilan"), plus cue words for each statement type. The code here turns
them into patterns and sets; it knows no language itself. A language
without a file uses English's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extractor.normalise.actor_keys import actor_tokens

_APOSTROPHES = "['’]"


@dataclass(frozen=True)
class Lexicon:
    language: str
    verbs: re.Pattern[str]
    according: re.Pattern[str] | None
    according_after: re.Pattern[str] | None
    inverted_pronoun: re.Pattern[str] | None
    subject_after_verb: bool
    verb_second: bool
    pronouns: frozenset[str]
    determiners: frozenset[str]
    relatives: frozenset[str]
    clause_words: frozenset[str]
    prepositions: frozenset[str]
    finite_verbs: frozenset[str]
    actor_nouns: frozenset[str]
    source_nouns: frozenset[str]
    source_links: tuple[str, ...]
    complementisers: frozenset[str]
    types: tuple[tuple[str, re.Pattern[str]], ...]
    time_words: re.Pattern[str] | None
    after_stops: frozenset[str]
    conjunctions: frozenset[str]
    definite_prefixes: tuple[str, ...]


def _fold(word: str) -> str:
    return word.casefold().strip(".,;:!?\"'’“”«»()[]")


_ARABIC_MARKS = "[\u064b-\u0652\u0670\u0640]*"
_ARABIC_CLASSES = {
    "ا": "[اأإآ]",
    "أ": "[اأإآ]",
    "إ": "[اأإآ]",
    "آ": "[اأإآ]",
    "ى": "[ىي]",
    "ي": "[ىي]",
}
_ARABIC_CLASSES |= {"ة": "[ةه]", "ه": "[ةه]"}


def _arabic(body: str) -> str:
    """An Arabic word that matches with or without its short vowels and hamza forms."""
    out = []
    for ch in body:
        if "\u0621" <= ch <= "\u064a":
            out.append(_ARABIC_CLASSES.get(ch, ch) + _ARABIC_MARKS)
        else:
            out.append(ch)
    return "".join(out)


def _phrase(entry: str, proclitics: str) -> str:
    """Regex of one data phrase: '*' ends a stem or stands for up to five words (German
    brackets a clause with a separable verb: "wies die Darstellung im Fernsehen zurück")."""
    parts = []
    for word in entry.split():
        if word == "*":
            parts.append(r"(?:\S+\s+){0,5}?")
            continue
        if word == "~":  # one optional word: "a également déclaré"
            parts.append(r"(?:[^\s,.;:]+\s+)?")
            continue
        stem = word.endswith("*")
        body = re.escape(word.rstrip("*")).replace("'", _APOSTROPHES).replace("’", _APOSTROPHES)
        body = _arabic(body)
        parts.append(body + (r"\w*" if stem else "") + r"\s+")
    pattern = "".join(parts)
    pattern = pattern[: -len(r"\s+")] if pattern.endswith(r"\s+") else pattern
    pattern = pattern.replace(r"\s+(?:\S+\s+){0,5}?", r"\s+(?:\S+\s+){0,5}?")
    prefix = f"[{proclitics}]?" if proclitics else ""
    return rf"(?<!\w){prefix}{pattern}(?!\w)"


def _alternation(entries: list[str], proclitics: str = "") -> re.Pattern[str] | None:
    if not entries:
        return None
    ordered = sorted(set(entries), key=len, reverse=True)
    return re.compile("|".join(_phrase(e, proclitics) for e in ordered), re.IGNORECASE)


@lru_cache(maxsize=1)
def _files() -> dict[str, dict]:
    out = {}
    for entry in resources.files("extractor").joinpath("data").iterdir():
        if entry.name.startswith("speech_") and entry.name.endswith(".json"):
            raw = json.loads(entry.read_text("utf-8"))
            out[raw["language"]] = raw
    return out


def has_lexicon(language: str | None) -> bool:
    return (language or "en") in _files()


@lru_cache(maxsize=16)
def lexicon(language: str | None) -> Lexicon:
    """The words of ``language`` (English's when it has no file)."""
    files = _files()
    raw = files.get(language or "en") or files["en"]
    proclitics = "".join(raw.get("proclitics", []))
    forms = [
        f"{aux} ~ {participle}"
        for aux in raw.get("auxiliaries", [])
        for participle in raw.get("participles", [])
    ]
    verbs = _alternation([*forms, *raw["verbs"]], proclitics)
    assert verbs is not None
    single = {_fold(v) for v in raw["verbs"] if " " not in v}
    return Lexicon(
        language=raw["language"],
        verbs=verbs,
        according=_alternation(raw.get("according_to", []), proclitics),
        according_after=_alternation(raw.get("according_to_after", [])),
        inverted_pronoun=(
            re.compile("(?:" + "|".join(map(re.escape, raw["inverted_pronouns"])) + r")\b", re.I)
            if raw.get("inverted_pronouns")
            else None
        ),
        subject_after_verb=raw.get("subject_after_verb", False),
        verb_second=raw.get("verb_second", False),
        pronouns=frozenset(map(_fold, raw.get("pronouns", []))),
        determiners=frozenset(map(_fold, raw.get("determiners", []))),
        relatives=frozenset(map(_fold, raw.get("relatives", []))),
        clause_words=frozenset(map(_fold, raw.get("clause_words", []))),
        prepositions=frozenset(map(_fold, raw.get("prepositions", []))),
        finite_verbs=frozenset({*map(_fold, raw.get("finite_verbs", [])), *single})
        if raw["language"] != "en"
        else frozenset(map(_fold, raw.get("finite_verbs", []))),
        actor_nouns=frozenset(
            t.casefold()
            for noun in raw.get("actor_nouns", [])
            for t in actor_tokens(noun, raw["language"])
            if len(t) >= 3
        ),
        source_nouns=frozenset(map(_fold, raw.get("source_nouns", []))),
        source_links=tuple(raw.get("source_links", [])),
        complementisers=frozenset(map(_fold, raw.get("complementisers", []))),
        types=tuple(
            (kind, pattern)
            for kind, cues in raw.get("types", {}).items()
            if (pattern := _alternation(cues, proclitics)) is not None
        ),
        time_words=_alternation(raw.get("time_words", []), proclitics),
        after_stops=frozenset(map(_fold, raw.get("after_stops", []))),
        conjunctions=frozenset(map(_fold, raw.get("conjunctions", []))),
        definite_prefixes=tuple(raw.get("definite_prefixes", [])),
    )


def fold(word: str) -> str:
    """A word as the lexicon's sets hold it: case-folded, outer punctuation stripped."""
    return _fold(word)
