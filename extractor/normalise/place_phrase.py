"""Read a place phrase as written into its mentions: the head place and what contains it.

"the vicinity of al-Bara village south of Idlib" has two mentions: al-Bara
(the head; a village, near it) and Idlib (after "south of": a reference that
gives the region). Words are classified with the per-language tables of
``extractor/data/place_descriptors.json`` (the document's language, English,
and words common to all); anything else capitalised (or any word, in scripts
without capitals) is part of a name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from extractor.models import LocationPrecision as LP
from extractor.normalise.demonyms import country_of
from extractor.normalise.gazetteer import country_keys
from extractor.normalise.keys import name_key

_BRACKETS = frozenset("()[]")
_TOKEN = re.compile(r"[^\W_][\w'’ʼ‘\-]*", re.UNICODE)
_ELISION = re.compile(r"^(?:[ldjnmst]|qu)['’]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ed|es|ez)-(?=\w)", re.IGNORECASE)
_INNER = frozenset(("de", "da", "do", "dos", "das", "del", "di", "du", "des", "la", "le"))


@dataclass
class Mention:
    """A run of name words, with what the words around it say."""

    start: int  # character offsets in the phrase
    end: int
    text: str
    type: LP | None = None  # precision the descriptor next to it says
    facility: bool = False  # "X Hospital": a building named, not a place
    near: bool = False  # "near X", "the vicinity of X"
    relative: bool = False  # "south of X", "the countryside of X": X's region
    central: bool = False  # "the centre of X": X itself when a town, else its region
    contained: bool = False  # "X in Y", "X, Y": X lies inside the next mention
    located: bool = False  # "in X", "à X": a locative word right before it
    type_word: str = ""  # the descriptor right after the name ("Gaza city")
    words: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Words:
    types: dict[str, LP]
    near: frozenset[str]
    regional: frozenset[str]
    directions: frozenset[str]
    links: frozenset[str]
    fillers: frozenset[str]
    particles: frozenset[str]
    units: frozenset[str]
    prefixes: tuple[str, ...]
    locatives: frozenset[str]
    within: frozenset[str]
    facilities: frozenset[str] = frozenset()
    locative_prefixes: tuple[str, ...] = ()
    city_parts: frozenset[str] = frozenset()  # "the city centre", by name_key
    centres: frozenset[str] = frozenset()  # "centre", "centro", «وسط»
    nouns_capitalised: bool = False  # German: a capitalised descriptor is still one
    stop_prefixes: tuple[str, ...] = ()  # «للنازحين»: ends the name before it
    name_starts: frozenset[str] = frozenset()  # «جبل»: begins a name, even after a prefix


@lru_cache(maxsize=1)
def descriptor_table() -> dict[str, Any]:
    path = resources.files("extractor").joinpath("data/place_descriptors.json")
    return json.loads(path.read_text("utf-8"))


@lru_cache(maxsize=32)
def words_for(language: str | None) -> Words:
    """The word tables of ``language`` merged with English's and the common ones."""
    table = descriptor_table()
    langs = [table["en"]]
    if language and language in table and language not in ("en", "any"):
        langs.append(table[language])
    common = table["any"]

    def merged(key: str) -> frozenset[str]:
        return frozenset(w.lower() for lang in langs for w in lang.get(key, []))

    types = {w.lower(): LP(p) for lang in langs for w, p in lang.get("types", {}).items()}
    return Words(
        types=types,
        near=merged("near"),
        regional=merged("regional"),
        directions=merged("directions"),
        links=merged("links"),
        fillers=merged("fillers"),
        particles=frozenset(common["name_particles"]),
        units=frozenset(common["units"]),
        prefixes=tuple(p for lang in langs for p in lang.get("prefixes", [])),
        locatives=merged("locatives"),
        within=merged("within"),
        facilities=merged("facilities"),
        locative_prefixes=tuple(p for lang in langs for p in lang.get("locative_prefixes", [])),
        city_parts=frozenset(name_key(w) for lang in langs for w in lang.get("city_parts", [])),
        centres=merged("centres"),
        nouns_capitalised=any(lang.get("nouns_capitalised", False) for lang in langs[1:]),
        stop_prefixes=tuple(p for lang in langs for p in lang.get("stop_prefixes", [])),
        name_starts=merged("name_starts"),
    )


def _kind(word: str, words: Words) -> tuple[str, Any]:
    """('type', LP) | ('near'|'regional'|'direction'|'link'|'filler'|'unit'|'number', None)."""
    low = word.lower().strip("'’")
    for candidate in _variants(low, words):
        if candidate in words.types:
            return "type", words.types[candidate]
        for kind, group in (
            ("near", words.near),
            ("regional", words.regional),
            ("direction", words.directions),
            ("centre", words.centres),
            ("link", words.links),
            ("filler", words.fillers),
            ("unit", words.units),
        ):
            if candidate in group:
                return kind, None
    if country_of(low) and word[:1].isupper() and not _is_country(low):
        return "filler", None  # "Lebanese", "Israeli": a country's adjective, not a place
    if low.isdigit() or re.fullmatch(r"[\d٠-٩]+", low):
        return "number", None
    return "word", None


def _is_country(low: str) -> bool:
    return name_key(low) in country_keys()


def _variants(low: str, words: Words) -> list[str]:
    """The word, then (Arabic) without the article or a one-letter prefix: 'بريف' -> 'ريف'."""
    out = [low]
    if low.startswith("ال") and len(low) > 4:
        out.append(low[2:])
    for prefix in words.prefixes:
        if low.startswith(prefix) and len(low) > len(prefix) + 2:
            rest = low[len(prefix) :]
            out.append(rest)
            if rest.startswith("ال") and len(rest) > 4:
                out.append(rest[2:])
    return out


_OWN_WHEN_CAPITALISED = frozenset(("type", "regional", "filler"))


def _capitalised_in_name(word: str, following: str, has_case: bool, words: Words) -> bool:
    """A descriptor or article written with a capital before a name word is the name's own.

    Not in a language that capitalises every noun ("Dorf Kansafra": a village), nor for
    directions ("South Lebanon" is the south of Lebanon).
    """
    if not has_case or words.nouns_capitalised or not word[:1].isupper() or not following:
        return False
    return _kind(following, words)[0] == "word" and _is_name_word(following, True)


def _prefixed_name_start(word: str, words: Words) -> bool:
    """«بجبل»: a locative prefix joined to a word that begins a name."""
    return any(
        word.startswith(prefix) and word[len(prefix) :] in words.name_starts
        for prefix in words.locative_prefixes
    )


def _is_name_word(word: str, has_case: bool) -> bool:
    if not has_case:
        return True
    bare = _ARTICLE_PREFIX.sub("", word)
    return bare[:1].isupper() or bare[:1].isdigit()


def _tokens(phrase: str) -> list[tuple[int, int, str, bool]]:
    """Words with offsets; the flag marks a possessive ("Idleb's"), which ends a name."""
    out: list[tuple[int, int, str, bool]] = []
    for m in _TOKEN.finditer(phrase):
        start, word = m.start(), m.group()
        elided = _ELISION.match(word)
        if elided and len(word) > elided.end():
            out.append((start, start + elided.end(), word[: elided.end()], False))
            start += elided.end()
            word = word[elided.end() :]
        possessive = _POSSESSIVE.search(word)
        if possessive:
            word = word[: possessive.start()]
        word = word.rstrip("-'’")
        if word:
            out.append((start, start + len(word), word, possessive is not None))
    return out


def mentions(phrase: str, language: str | None = None) -> list[Mention]:
    """The name runs of ``phrase``, left to right, with their descriptors and relations."""
    words = words_for(language)
    tokens = _tokens(phrase)
    has_case = any(c.isupper() for c in phrase)
    out: list[Mention] = []
    pending: dict[str, Any] = {}  # what the words since the last mention said
    current: Mention | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            out.append(current)
            current = None

    for i, (start, end, word, possessive) in enumerate(tokens):
        kind, value = _kind(word, words)
        low = word.lower()
        nxt = tokens[i + 1][2].lower().strip("'’") if i + 1 < len(tokens) else ""
        raw_next = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        own = current is None and kind in _OWN_WHEN_CAPITALISED  # not "Rakhine State's"
        if own and _capitalised_in_name(word, raw_next, has_case, words):
            kind = "word"  # "vereda Campo Dos", "corregimiento de La Gabarra"
        particle = low in words.particles and _kind(raw_next, words)[0] == "word"
        if current is not None and has_case and low in _INNER and _is_name_word(raw_next, True):
            particle = True  # "Mocímboa da Praia", "Rio de Janeiro"
        if kind == "word" and low in words.facilities:
            close()
            pending["facility"] = True  # «منزل», "road": a building or work, not a name
            continue
        if current is not None and not has_case and word.startswith(words.stop_prefixes):
            close()  # «مخيم زمزم للنازحين»: "for the displaced" is no part of the name
            continue
        if current is not None and not has_case and _prefixed_name_start(word, words):
            close()  # «كنصفرة بجبل الزاوية»: "in Jabal al-Zawiya" contains the village
            out[-1].contained = True
        if current is not None and _BRACKETS.intersection(phrase[current.end : start]):
            close()  # "La Gabarra (Tibú)": the bracket holds the place it is in
        name_word = kind == "word" and _is_name_word(word, has_case)
        if name_word or (particle and (current is not None or _is_name_word(raw_next, has_case))):
            if current is None:
                previous = tokens[i - 1][2].lower() if i else ""
                current = Mention(start, end, word, words=[word], **pending)
                current.located = previous in words.within or previous in words.locatives
                pending = {}
            else:
                current.end = end
                current.text = phrase[current.start : end]
                current.words.append(word)
            if possessive:
                close()
            continue
        if kind == "type" and current is not None:
            # "al-Bara village", "Hama province": the type of the name just read
            if low in words.facilities:
                current.facility = True
            else:
                current.type = value
                current.type_word = word
            close()
            continue
        if kind == "filler" and current is not None and _kind(nxt, words)[0] == "type":
            continue  # "the Abu Shouk displacement camp": the type still to come is the name's
        close()
        if kind == "type":
            if low in words.facilities:
                pending["facility"] = True
            else:
                pending["type"] = value
                pending.pop("facility", None)
        elif kind == "near":
            pending["near"] = True
            pending.pop("facility", None)  # "the road near the town of X": X is no building
        elif (
            kind == "regional"
            and pending.get("type") is LP.town
            and i
            and _kind(tokens[i - 1][2], words)[0] == "type"
        ):
            continue  # "la commune rurale de Dablo": a rural town, not the country around it
        elif kind == "regional":
            if nxt in words.links or not out or (raw_next and _kind(raw_next, words)[0] == "word"):
                pending["relative"] = True  # "the countryside of Aleppo", "ريف إدلب"
            else:
                out[-1].relative = True  # "Aleppo countryside", "Idleb's southern countryside"
                pending.pop("relative", None)
        elif kind == "direction":
            if not has_case and low.startswith("ال") and not out:
                pass  # «الأطراف الشرقية لـ...»: the adjective of a word before any name
            elif not has_case and low.startswith("ال"):
                last = out[-1]
                if not last.relative and i and last.end == tokens[i - 1][1]:
                    last.end = end  # «الدير الشرقي»: the adjective is the name's own
                    last.text = phrase[last.start : end]
                    last.words.append(word)
                else:
                    last.relative = True  # «ريف إدلب الجنوبي»: the region's adjective
            elif nxt in words.links or nxt in words.regional or not has_case:
                pending["relative"] = True  # "south of Idlib", "au nord de Gao", "جنوب إدلب"
        elif kind == "centre":
            pending["central"] = True  # "the centre of Sumy", «وسط مدينة معرة النعمان»
        elif kind == "unit":
            pending["relative"] = True  # "50 km north of Gao"
        elif kind == "word" and low in words.facilities:
            pending["facility"] = True
    close()
    for before, after in pairwise(out):
        gap = phrase[before.end : after.start]
        gap_words = {w.lower() for w in re.findall(r"[^\W_]+", gap)}
        said = "," in gap or bool(gap_words & words.within) or "،" in gap or "(" in gap
        before.contained = before.contained or said
    return out


def uncapitalised(phrase: str) -> bool:
    """Several words in a cased script, none capitalised ('the city centre'): no name written."""
    cased = any(c.lower() != c.upper() for c in phrase)
    return cased and not any(c.isupper() for c in phrase) and len(_tokens(phrase)) > 1


def is_city_part(phrase: str, language: str | None) -> bool:
    """The centre of a city the phrase does not name: 'the city centre', 'le centre-ville'."""
    return name_key(phrase.strip(" ,.;:")) in words_for(language).city_parts


def is_locative(word: str, language: str | None) -> bool:
    """A word after which a place is expected ('in', 'à', 'في', ...)."""
    return word.lower() in words_for(language).locatives
