"""Normalise a place as written to a Location (name, admin1, country, precision, geo-precision).

The phrase is read into mentions (``place_phrase``): "the vicinity of al-Bara
village south of Idlib" is al-Bara (the head: a village, near it) and Idlib
(a reference: "south of"). The head is the place resolved:

- through the curated alias table (``extractor/data/places.json``: the places
  of docs/canonical-names.md, the Syrian governorates and places frequent in
  reporting), then the GeoNames index (``gazetteer``; spelling variants by
  key and skeleton, names in Arabic and Cyrillic script), a place in the
  admin1 the later mentions give preferred;
- a head the gazetteer does not know keeps its own name (descriptors
  stripped), the precision its descriptor says, the admin1 and country the
  later mentions give, and no coordinates: it is never replaced by them;
- a head named relative to another ("south of Idlib", "the western
  countryside of Aleppo", «ريف إدلب») gives that place's region: its admin1,
  precision province, geo-precision 2.

Geo-precision (ACLED): 1 the place itself, 2 near it ("near", "the vicinity
of") or part of a region, 3 a province named as such.

Given the article's countries, a gazetteer match is taken only in them: those
the place text names, those ``article_countries`` finds in the article, or,
when it names none, Syria and its neighbours. Elsewhere the place stays
unresolved (see ``is_unresolved``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from extractor.models import Location
from extractor.models import LocationPrecision as LP
from extractor.normalise.demonyms import country_of
from extractor.normalise.gazetteer import REGION_ISO3, country_keys
from extractor.normalise.keys import find_phrases, name_key, name_tokens
from extractor.normalise.place_context import (
    Division,
    article_admin1,
    article_town,
    named_divisions,
)
from extractor.normalise.place_keys import place_key
from extractor.normalise.place_phrase import (
    Mention,
    is_city_part,
    mentions,
    uncapitalised,
    words_for,
)
from extractor.normalise.place_resolve import (
    Place,
    admin1_by_key,
    alias_table,
    from_entry,
    in_table,
    large_place,
    own_name,
    resolve,
    written_countries,
)


class ArticleCountries(frozenset[str]):
    """An article's countries, with the first-level divisions it names (``divisions``).

    Passed as ``countries`` to `normalise_place`, it also gives a village no
    table knows, whose phrase names no province, the article's (see
    ``place_context``).
    """

    divisions: tuple[Division, ...] = ()
    text: str = ""  # the article, for the town "the city centre" leaves unnamed


@lru_cache(maxsize=8)
def article_countries(text: str) -> ArticleCountries:
    """ISO alpha-3 codes of the countries an article names or has places of.

    Country names in English (``country_keys``) and in the descriptor table's
    languages, places of the alias table, and first-level divisions named by
    a capitalised word ("Cauca", "Sahel") of five letters or more that is no
    descriptor word. The divisions the article names in them ride along.
    """
    found = set(table_countries(text))
    written = written_countries()
    divisions = admin1_by_key()
    for word in set(re.findall(r"[^\W\d_]{4,}", text)):
        if not word.isascii() or word[:1].isupper():
            key = place_key(word)
            iso3 = written.get(key)
            if iso3:
                found.add(iso3)
            elif len(key) >= 5 and key in divisions and not _descriptor_word(word):
                found.add(divisions[key][1])
    out = ArticleCountries(c for c in found if c)
    out.divisions = named_divisions(text, frozenset(out))
    out.text = text
    return out


def table_countries(text: str) -> frozenset[str]:
    """The countries of the alias table's places and the English country names in ``text``."""
    tokens = name_tokens(text)
    index, longest, _ = alias_table()
    names, longest_name = _country_names()
    first_words = _first_words()  # one scan of the article for both tables
    starts = [i for i, token in enumerate(tokens) if token in first_words]
    spans = find_phrases(tokens, index, longest, starts)
    found = {index[" ".join(tokens[i:j])].country for i, j in spans}
    spans = find_phrases(tokens, names, longest_name, starts)
    found |= {names[" ".join(tokens[i:j])] for i, j in spans}
    return frozenset(c for c in found if c)


def _descriptor_word(word: str) -> bool:
    return any(
        low in group
        for words in (words_for(lang) for lang in ("en", "fr", "es", "pt", "de"))
        for low in (word.lower(),)
        for group in (words.types, words.directions, words.fillers, words.links, words.near)
    )


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first word of every key of the place table and of the country names."""
    index, _, _ = alias_table()
    names, _ = _country_names()
    return frozenset(key.split(" ")[0] for key in [*index, *names])


@lru_cache(maxsize=1)
def _country_names() -> tuple[dict[str, str], int]:
    names = country_keys()
    return names, max(len(k.split()) for k in names)


def normalise_place(
    text: str | None,
    *,
    countries: Collection[str] | None = None,
    language: str | None = None,
) -> Location:
    """Location for a place as written; unknown places keep only their text.

    ``language`` is the document's (ISO 639-1), as `detect_language` gives it:
    it chooses the descriptor words ("the village of", "une localité de",
    «قرية») read around the names.

    ``countries`` (ISO alpha-3) are the article's (see `article_countries`):
    a gazetteer match outside them, and outside the countries the place text
    names, is not taken; empty means Syria and its neighbours, ``None`` no
    limit (a place with no article around it). Computed once per distinct
    text, countries and language; each caller gets its own copy.
    """
    scope = frozenset(countries) if countries is not None else None
    named = getattr(countries, "divisions", ())
    if text and scope is not None and is_city_part(text, language):
        town = article_town(getattr(countries, "text", ""), scope)
        if town is not None:  # "the city centre": the article's city
            return _located(text, town, None, near=False)
    return _normalised(text, scope, language, named).model_copy()


@lru_cache(maxsize=8192)
def _normalised(
    text: str | None,
    countries: frozenset[str] | None,
    language: str | None,
    named: tuple[Division, ...] = (),
) -> Location:
    if text is None or not text.strip():
        return Location(text=text)
    allowed: frozenset[str] | None = None
    if countries is not None:  # the article's, else its region; plus what the place text names
        allowed = frozenset(countries or REGION_ISO3) | article_countries(text)
    whole = _whole_alias(text)
    if whole is not None:
        return _located(text, whole, None, near=False)
    found = mentions(text, language)
    if not found:
        return Location(text=text)
    # the Latin spelling of an English text ("Saada", not GeoNames' "Sa'dah"); other languages
    # write exonyms ("Charkiw", "Pokrowsk", "Alep"): GeoNames' name is the usual English one
    spelling = language in (None, "en")
    resolved = [
        resolve(
            m.text,
            allowed,
            region=m.type is LP.province,
            spelling=spelling,
            language=language,
        )
        for m in found
    ]
    if countries is not None and allowed == REGION_ISO3:  # the article names no country
        resolved = [p or large_place(m.text) for m, p in zip(found, resolved, strict=True)]
    head = _head(found, resolved)
    inside = found[head].contained or any(
        m.relative or m.type in (LP.province, LP.district) for m in found[head + 1 :]
    )
    context = _context(resolved[head + 1 :]) if inside else _Context()
    mention, place = found[head], resolved[head]
    if mention.type_word:  # "Gaza city", "Kuwait City": the type word may be the name's
        with_type = resolve(
            f"{mention.text} {mention.type_word}", allowed, spelling=spelling, language=language
        )
        place = with_type if with_type is not None and with_type.name != "" else place
    if place is not None and context.admin1 and place.admin1 != context.admin1:
        # a namesake in the admin1 the text gives ("al-Bara ... south of Idlib")
        again = resolve(
            mention.text,
            allowed,
            admin1=context.admin1,
            country=context.country,
            spelling=spelling,
            language=language,
        )
        if again is not None and again.admin1 == context.admin1:
            place = again
        elif place.precision not in (LP.country, LP.province) and not in_table(place):
            place = None  # another place of that name elsewhere: not this one
    wide = place is not None and place.precision in (LP.province, LP.country, LP.district)
    if mention.relative or (mention.central and wide):
        return _region(text, mention, place)  # "south of Idlib", "le centre du Mali"
    if place is not None:
        return _located(text, place, mention.type, near=mention.near)
    said = mention.type is not None or mention.contained or mention.near or mention.located
    said = said or mention.central
    bare = len(found) == 1 and _only_name(text, mention)  # "Maarat Hurmah": a name alone
    if not (said or bare or context.admin1) or uncapitalised(text):
        return Location(text=text)  # a word among others, nothing says it is a place
    if context.admin1 is None and named and resolve(mention.text, None) is None:
        # the province only another sentence of the article gives, for a place known nowhere
        # (a namesake elsewhere, "Numan" in Nigeria, is not made a village of the article's)
        division = article_admin1(named, _said_countries(text, context.country))
        if division is not None:  # its admin1 only: no table knows the place, it stays unresolved
            context = _Context(division[0], None)
    return Location(
        text=text,
        name=own_name(mention.text),
        admin1=context.admin1,
        country=context.country,
        precision=mention.type or LP.town,
        geo_precision=2 if mention.near else (3 if mention.type is LP.province else 1),
    )


def _said_countries(text: str, country: str | None) -> frozenset[str]:
    """The countries the phrase itself says: a later mention's, else a demonym ('Lebanese')."""
    if country:
        return frozenset((country,))
    said = {country_of(w.lower()) for w in re.findall(r"[^\W\d_]+", text)}
    return frozenset(c for c in said if c)


def _only_name(text: str, mention: Mention) -> bool:
    """The phrase is the name alone (an article aside): 'Maarat Hurmah', 'the Amasrakad'."""
    rest = (text[: mention.start] + " " + text[mention.end :]).strip(" ,.;:'\"").lower()
    return rest in ("", "the", "la", "le", "el", "al")


def is_unresolved(location: Location) -> bool:
    """A place given in words that no table or gazetteer entry in scope matched.

    An unknown village keeps its own name (and the admin1 the text gives) but
    no country: it is still unresolved.
    """
    return bool(location.text and location.text.strip()) and location.country is None


def _whole_alias(text: str) -> Place | None:
    """A table alias that is the whole phrase ('rural Damascus', 'Hatay province')."""
    key = name_key(text)
    index, _, _ = alias_table()
    entry = index.get(key) or index.get(re.sub(r"^the ", "", key))
    return from_entry(entry) if entry is not None and " " in key else None


def _head(found: list[Mention], resolved: list[Place | None]) -> int:
    """The mention the phrase is about: the first that is a place and not a container's part."""
    last = len(found) - 1
    for i, (m, place) in enumerate(zip(found, resolved, strict=True)):
        if i == last:
            return i
        if m.facility and place is None:
            continue  # "the Saudi Hospital in El Fasher": the building's town
        if place is not None and place.precision is LP.country:
            if found[i + 1].type is not None or not in_table(place):
                continue  # "Syria's Idlib province", "Myanmar's Sagaing"
            return i  # "fired from Russia's Belgorod": the country the table names
        if place is None and m.type is None and not (m.contained or m.near or m.located):
            continue  # "the IS stronghold of Raqqa"
        return i
    return last


@dataclass(frozen=True)
class _Context:
    admin1: str | None = None
    country: str | None = None


def _context(resolved: list[Place | None]) -> _Context:
    """The admin1 and country the mentions after the head give."""
    admin1 = country = None
    for place in resolved:
        if place is None:
            continue
        country = country or place.country
        if admin1 is None and place.precision is not LP.country:
            admin1 = place.admin1 or (place.name if place.precision is LP.province else None)
        if admin1 and country:
            break
    return _Context(admin1, country)


def _region(text: str, mention: Mention, place: Place | None) -> Location:
    """'south of Idlib', 'the western countryside of Aleppo': the region, not the place."""
    if place is not None and place.precision is LP.country:
        return Location(
            text=text, name=place.name, country=place.country, precision=LP.country, geo_precision=3
        )
    if place is None:
        return Location(
            text=text, name=own_name(mention.text), precision=LP.province, geo_precision=2
        )
    region = place.province or place.admin1 or place.name
    return Location(
        text=text,
        name=place.name if place.precision is not LP.province else region,
        admin1=region,
        country=place.country,
        precision=LP.province,
        geo_precision=2,
    )


def _located(text: str, place: Place, said: LP | None, *, near: bool) -> Location:
    if place.precision is LP.country:
        return Location(
            text=text, name=place.name, country=place.country, precision=LP.country, geo_precision=3
        )
    if said is LP.province and (place.province or place.admin1 or place.precision is LP.province):
        province = place.province or (place.name if place.precision is LP.province else None)
        province = province or place.admin1 or place.name
        return Location(
            text=text,
            name=province,
            admin1=place.admin1 or province,
            country=place.country,
            precision=LP.province,
            geo_precision=3,
        )
    precision = place.precision
    refinable = precision in (LP.town, LP.neighbourhood)
    if said is not None and refinable and said not in (LP.province, LP.point):
        precision = said
    keep_point = precision in (LP.town, LP.point) or precision is place.precision
    geo = 2 if near else (3 if precision is LP.province else 1)
    return Location(
        text=text,
        name=place.name,
        admin1=place.admin1,
        country=place.country,
        precision=precision,
        geo_precision=geo,
        lat=place.lat if keep_point else None,
        lon=place.lon if keep_point else None,
    )
