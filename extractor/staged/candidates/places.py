"""Place mentions: names in a locative position that the gazetteer knows or the text calls places.

English: a capitalised name counts when it follows a locative word ("in",
"near", "on", "against", "the town of", "shelling", a list "X and Y" after one
of those) or is followed by "province"/"governorate"; the span given to the
normaliser runs from the descriptor ("the central province of Hama", "the
village of Al-Shafah") to the name. Other languages (``find_places`` with
their ``language``): the locative words and descriptors of
``extractor/data/place_descriptors.json`` ("à", "dans", "près de", "en",
"em", "bei", «في», «قرب», "le village de", «قرية»); in scripts without
capitals (Arabic) the words after one of those are tried as names, longest
first, against the gazetteer's names in that script. Country-level places are
kept but marked: an incident needs a place below the country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.models import Location, LocationPrecision
from extractor.normalise import normalise_place
from extractor.normalise.calendar import MONTHS_PATTERN, WEEKDAYS_PATTERN
from extractor.normalise.demonyms import demonyms
from extractor.normalise.place_phrase import words_for
from extractor.staged.candidates.places_multilingual import find_places_in
from extractor.staged.candidates.sentences import Sentence

_NAME = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*)"
    r"(?:\s+(?:(?:al|el|ez|ad|as|ash|ar|an|az|ed|es|bin|ibn|de|du)[- ])?[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*)*"
)
_DEMONYMS = "|".join(re.escape(d) for d in sorted(demonyms(), key=len, reverse=True))
_DESCRIPTOR = re.compile(
    r"(?:\bthe\s+)?(?:(?:northern|southern|eastern|western|central|north-?western|north-?eastern"
    r"|south-?western|south-?eastern|nearby|besieged|rebel-held|opposition-held|government-held"
    rf"|embattled|{_DEMONYMS}|neighbouring|neighboring|city's|town's)\s+)*"
    r"(?:(?:city|cities|town|towns|village|villages|province|governorate|district|region|area"
    r"|neighbou?rhood|suburb|outskirts|countryside|camp)\s+of\s+)?$",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(
    r"\b(?:" + "|".join(sorted(words_for("en").locatives, key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"(?:,\s*|\s+and\s+|\s+or\s+)$")
_AFTER = re.compile(
    r"\s+(?:province|governorate|countryside|neighbou?rhood|district|city|town|village)\b",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*▪·]|\d{1,2}[.)])\s+$")
_NOT_PLACES = {"the", "mr", "mrs", "ms", "dr", "president", "un", "us", "u.s."}
_CALENDAR = re.compile(rf"^(?:{MONTHS_PATTERN}|{WEEKDAYS_PATTERN})$", re.IGNORECASE)


@dataclass(frozen=True)
class PlaceMention:
    sentence: int
    start: int
    end: int
    text: str
    location: Location

    @property
    def below_country(self) -> bool:
        return self.location.precision not in (
            LocationPrecision.country,
            LocationPrecision.unknown,
        )


def _locative(text: str, start: int, names: list[tuple[int, int]]) -> tuple[bool, int]:
    """Whether the name at ``start`` is in a locative position, and where its descriptor starts."""
    d = _DESCRIPTOR.search(text, 0, start)
    lead = d.start() if d and d.end() == start else start
    before = text[:lead]
    if _LOCATIVE.search(before):
        return True, lead
    join = _LIST_JOIN.search(before)
    if join and names:
        prev_start, prev_end = names[-1]
        if prev_end == join.start():
            return _locative(text, prev_start, names[:-1])[0], lead
    return False, lead


_SAID_LEVEL = {
    **dict.fromkeys(
        ("village", "villages", "town", "towns", "city", "cities"), LocationPrecision.town
    ),
    **dict.fromkeys(("district", "region", "area"), LocationPrecision.district),
    **dict.fromkeys(
        ("neighbourhood", "neighborhood", "suburb", "outskirts"), LocationPrecision.neighbourhood
    ),
    **dict.fromkeys(("province", "governorate", "countryside"), LocationPrecision.province),
    "camp": LocationPrecision.point,
}
_PLAIN_LOCATIVE = re.compile(r"\b(?:in|near|outside|at)\s+$", re.IGNORECASE)


def _unlisted(written: str, name: str, before: str) -> Location | None:
    """A place the gazetteer lacks, kept when the text itself says it is one:
    "the village of Al Raqw", "Khogyani district", or a name right after "in"/"near"."""
    words = re.findall(r"[a-z]+", written.lower())
    said = next((_SAID_LEVEL[w] for w in reversed(words) if w in _SAID_LEVEL), None)
    if said is None and not _PLAIN_LOCATIVE.search(before):
        return None
    return Location(text=written, name=name, precision=said or LocationPrecision.town)


def find_places(sentence: Sentence, *, language: str | None = None) -> list[PlaceMention]:
    """Places named in one sentence in a locative position, left to right."""
    if language not in (None, "en"):
        found = find_places_in(sentence.text, language)
        return [
            PlaceMention(sentence.index, sentence.start + a, sentence.start + b, w, loc)
            for a, b, w, loc in found
        ]
    text = sentence.text
    out: list[PlaceMention] = []
    seen: list[tuple[int, int]] = []
    for m in _NAME.finditer(text):
        start, end = m.start(), m.end()
        head, _, rest = m.group().partition(" ")
        if rest and head.lower() in words_for("en").locatives and _LIST_ITEM.match(text[:start]):
            # "- In Kafr Nabl, an air strike ...": a list item's place, not the name "In Kafr"
            # (a sentence of prose opening "In Paris, the ambassador said" is where one spoke)
            start += len(head) + 1
        name = text[start:end]
        if name.lower() in _NOT_PLACES or _CALENDAR.match(name):
            continue
        after = _AFTER.match(text, end)
        if after and name in demonyms():
            continue  # "the Sudanese city of Omdurman": an adjective, the place comes after
        ok, lead = _locative(text, start, seen)
        seen.append((start, end))
        if not ok and not after:
            continue
        span_end = after.end() if after else end
        written = text[lead:span_end]
        location = normalise_place(written, language=language)
        if location.name is None or location.country is None:  # no known place: the text's word
            location = _unlisted(written, name, text[:lead])
        if location is None:
            continue
        out.append(
            PlaceMention(
                sentence.index, sentence.start + lead, sentence.start + span_end, written, location
            )
        )
    return out
