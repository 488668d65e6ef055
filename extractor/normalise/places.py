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

import difflib
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extractor.models import Location
from extractor.models import LocationPrecision as LP
from extractor.normalise import gazetteer
from extractor.normalise.gazetteer import REGION_ISO3, country_keys
from extractor.normalise.keys import find_phrases, name_key, name_tokens, without_article
from extractor.normalise.place_keys import is_arabic, place_key, place_skeleton
from extractor.normalise.place_phrase import Mention, descriptor_table, mentions


@dataclass(frozen=True)
class _Entry:
    name: str
    admin1: str | None
    country: str | None
    precision: LP
    province: str | None = None
    lat: float | None = None
    lon: float | None = None


@lru_cache(maxsize=1)
def _raw() -> dict:
    return json.loads(resources.files("extractor").joinpath("data/places.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, _Entry], int, dict[str, str]]:
    """Alias table by ``name_key`` (the article scan), its longest key, Syria's admin1 codes."""
    raw = _raw()
    index: dict[str, _Entry] = {}
    for item, entry in _entries():
        for alias in [item["name"], *item["aliases"]]:
            key = name_key(alias)
            index.setdefault(key, entry)
            bare = without_article(key)
            if bare:
                index.setdefault(bare, entry)
    longest = max(len(k.split()) for k in index)
    return index, longest, raw["syria_admin1_codes"]


@lru_cache(maxsize=1)
def _entries() -> list[tuple[dict, _Entry]]:
    out = []
    for item in _raw()["places"]:
        entry = _Entry(
            name=item["name"],
            admin1=item.get("admin1"),
            country=item.get("country"),
            precision=LP(item["precision"]),
            province=item.get("province"),
            lat=item.get("lat"),
            lon=item.get("lon"),
        )
        out.append((item, entry))
    return out


@lru_cache(maxsize=1)
def _by_place_key() -> tuple[dict[str, _Entry], dict[str, list[tuple[str, _Entry]]]]:
    """Alias table by ``place_key``, and by skeleton (with the key, to check closeness)."""
    keys: dict[str, _Entry] = {}
    skeletons: dict[str, list[tuple[str, _Entry]]] = {}
    for item, entry in _entries():
        for alias in [item["name"], *item["aliases"]]:
            key = place_key(alias)
            if len(key) >= 3:
                keys.setdefault(key, entry)
                skeletons.setdefault(place_skeleton(alias), []).append((key, entry))
    return keys, skeletons


@lru_cache(maxsize=1)
def _admin1_names() -> dict[str, dict[str, str]]:
    raw = json.loads(resources.files("extractor").joinpath("data/admin1.json").read_text("utf-8"))
    return {cc: codes for cc, codes in raw.items() if not cc.startswith("_")}


@lru_cache(maxsize=1)
def _written_countries() -> dict[str, str]:
    """Country names in the languages of the descriptor table, by ``place_key``."""
    out: dict[str, str] = {}
    for lang, words in descriptor_table().items():
        if lang.startswith("_"):
            continue
        for written, iso3 in words.get("countries", {}).items():
            out.setdefault(place_key(written), iso3)
    return out


@lru_cache(maxsize=8)
def article_countries(text: str) -> frozenset[str]:
    """ISO alpha-3 codes of the countries an article names or has places of."""
    tokens = name_tokens(text)
    index, longest, _ = _table()
    names, longest_name = _country_names()
    first_words = _first_words()  # one scan of the article for both tables
    starts = [i for i, token in enumerate(tokens) if token in first_words]
    spans = find_phrases(tokens, index, longest, starts)
    found = {index[" ".join(tokens[i:j])].country for i, j in spans}
    spans = find_phrases(tokens, names, longest_name, starts)
    found |= {names[" ".join(tokens[i:j])] for i, j in spans}
    written = _written_countries()
    for word in set(re.findall(r"[^\W\d_]{4,}", text)):
        if not word.isascii() or word[:1].isupper():
            iso3 = written.get(place_key(word))
            if iso3:
                found.add(iso3)
    return frozenset(c for c in found if c)


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first word of every key of the place table and of the country names."""
    index, _, _ = _table()
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
    return _normalised(text, scope, language).model_copy()


@dataclass(frozen=True)
class _Place:
    name: str
    admin1: str | None
    country: str | None
    precision: LP  # the place's own level
    province: str | None = None  # the governorate a province word turns it into
    lat: float | None = None
    lon: float | None = None


@lru_cache(maxsize=8192)
def _normalised(
    text: str | None, countries: frozenset[str] | None, language: str | None
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
    resolved = [_resolve(m.text, allowed, region=m.type is LP.province) for m in found]
    if countries is not None and allowed == REGION_ISO3:  # the article names no country
        resolved = [p or _large_place(m.text) for m, p in zip(found, resolved, strict=True)]
    head = _head(found, resolved)
    inside = found[head].contained or any(
        m.relative or m.type in (LP.province, LP.district) for m in found[head + 1 :]
    )
    context = _context(resolved[head + 1 :]) if inside else _Context()
    mention, place = found[head], resolved[head]
    if mention.type_word:  # "Gaza city", "Kuwait City": the type word may be the name's
        with_type = _resolve(f"{mention.text} {mention.type_word}", allowed)
        place = with_type if with_type is not None and with_type.name != "" else place
    if place is not None and context.admin1 and place.admin1 != context.admin1:
        # a namesake in the admin1 the text gives ("al-Bara ... south of Idlib")
        again = _resolve(mention.text, allowed, admin1=context.admin1, country=context.country)
        if again is not None and again.admin1 == context.admin1:
            place = again
        elif place.precision not in (LP.country, LP.province) and not _in_table(place):
            place = None  # another place of that name elsewhere: not this one
    if mention.relative:
        return _region(text, mention, place)
    if place is not None:
        return _located(text, place, mention.type, near=mention.near)
    said = mention.type is not None or mention.contained or mention.near or mention.located
    bare = len(found) == 1 and _only_name(text, mention)  # "Maarat Hurmah": a name alone
    if not (said or bare or context.admin1):
        return Location(text=text)  # a word among others, nothing says it is a place
    return Location(
        text=text,
        name=_own_name(mention.text),
        admin1=context.admin1,
        country=context.country,
        precision=mention.type or LP.town,
        geo_precision=2 if mention.near else (3 if mention.type is LP.province else 1),
    )


def _only_name(text: str, mention: Mention) -> bool:
    """The phrase is the name alone (an article aside): 'Maarat Hurmah', 'the Amasrakad'."""
    rest = (text[: mention.start] + " " + text[mention.end :]).strip(" ,.;:'\"").lower()
    return rest in ("", "the", "la", "le", "el", "al")


_LARGE_PLACE = 50_000  # people: a place taken anywhere when the article names no country


@lru_cache(maxsize=4096)
def _large_place(written: str) -> _Place | None:
    """A place of 50,000+ people by its own name, for an article that names no country."""
    hit = gazetteer.lookup(written, countries=None)
    if hit is None or hit.is_country or hit.population < _LARGE_PLACE:
        return None
    admin1 = _admin1_names().get(hit.country_code or "", {}).get(hit.admin1_code or "")
    return _Place(hit.name, admin1, hit.country, LP.town, lat=hit.lat, lon=hit.lon)


def _in_table(place: _Place) -> bool:
    entry = _by_place_key()[0].get(place_key(place.name))
    return entry is not None and entry.name == place.name


def is_unresolved(location: Location) -> bool:
    """A place given in words that no table or gazetteer entry in scope matched.

    An unknown village keeps its own name (and the admin1 the text gives) but
    no country: it is still unresolved.
    """
    return bool(location.text and location.text.strip()) and location.country is None


def _whole_alias(text: str) -> _Place | None:
    """A table alias that is the whole phrase ('rural Damascus', 'Hatay province')."""
    key = name_key(text)
    index, _, _ = _table()
    entry = index.get(key) or index.get(re.sub(r"^the ", "", key))
    return _from_entry(entry) if entry is not None and " " in key else None


def _head(found: list[Mention], resolved: list[_Place | None]) -> int:
    """The mention the phrase is about: the first that is a place and not a container's part."""
    last = len(found) - 1
    for i, (m, place) in enumerate(zip(found, resolved, strict=True)):
        if i == last:
            return i
        if m.facility and place is None:
            continue  # "the Saudi Hospital in El Fasher": the building's town
        if place is not None and place.precision is LP.country:
            continue  # "Syria's Idlib province"
        if place is None and m.type is None and not (m.contained or m.near or m.located):
            continue  # "the IS stronghold of Raqqa"
        return i
    return last


@dataclass(frozen=True)
class _Context:
    admin1: str | None = None
    country: str | None = None


def _context(resolved: list[_Place | None]) -> _Context:
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


def _region(text: str, mention: Mention, place: _Place | None) -> Location:
    """'south of Idlib', 'the western countryside of Aleppo': the region, not the place."""
    if place is not None and place.precision is LP.country:
        return Location(
            text=text, name=place.name, country=place.country, precision=LP.country, geo_precision=3
        )
    if place is None:
        return Location(
            text=text, name=_own_name(mention.text), precision=LP.province, geo_precision=2
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


def _located(text: str, place: _Place, said: LP | None, *, near: bool) -> Location:
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


def _from_entry(entry: _Entry) -> _Place:
    return _Place(
        entry.name,
        entry.admin1,
        entry.country,
        entry.precision,
        entry.province,
        entry.lat,
        entry.lon,
    )


@lru_cache(maxsize=16384)
def _resolve(
    written: str,
    allowed: frozenset[str] | None,
    *,
    admin1: str | None = None,
    country: str | None = None,
    region: bool = False,
) -> _Place | None:
    """The place a name (one mention) is: alias table, country, gazetteer, table skeleton.

    ``region``: the text calls it a province or region, so a first-level
    division of that name comes before a town.
    """
    for name in _spellings(written):
        place = _resolve_one(name, allowed, admin1, country, region)
        if place is not None:
            return place
    tail = re.split(r" (?:de|del|da|do|dos|das|di|du|des) ", written)
    if len(tail) > 1:  # "Policía de Morales", "Epicentr de Járkov": of a place
        return _resolve(tail[-1], allowed, admin1=admin1, country=country, region=region)
    head, _, rest = written.partition(" ")
    if rest and _is_country_word(head):  # "Syrias Idlib", "Kazakh capital Astana"
        return _resolve(rest, allowed, admin1=admin1, country=country, region=region)
    return None


def _is_country_word(word: str) -> bool:
    """A country's name or its adjective ('Syrias', 'Syrian', 'Kazakh') leading a name."""
    key = name_key(word)
    keys = country_keys()
    return any(k in keys for k in (key, key.rstrip("s"), key.removesuffix("n"), key + "stan"))


def _spellings(written: str) -> list[str]:
    """The name, then (Arabic script) without a one-letter prefix: 'بإدلب' -> 'إدلب'."""
    out = [written]
    if is_arabic(written):
        for prefix in ("وب", "ب", "و", "ل", "ف"):
            if written.startswith(prefix) and len(written) > len(prefix) + 2:
                out.append(written[len(prefix) :])
    return out


def _resolve_one(
    name: str,
    allowed: frozenset[str] | None,
    admin1: str | None,
    country: str | None,
    region: bool,
) -> _Place | None:
    keys, skeletons = _by_place_key()
    key = place_key(name)
    if len(key) < 3:
        return None
    entry = keys.get(key)
    if entry is not None:
        return _from_entry(entry)
    iso3 = _written_countries().get(key)
    hit = gazetteer.country(name) if iso3 is None else None
    if iso3 is not None or hit is not None:
        code = iso3 or (hit.country if hit else None)
        return _Place(_country_name(code) or name, None, code, LP.country)
    division = _admin1_by_key().get(key)
    if division is not None and (allowed is None or division[1] in allowed):
        division_place = _Place(division[0], division[0], division[1], LP.province)
        if region:
            return division_place
    else:
        division_place = None
    code = _admin1_code(admin1, country)
    hit = gazetteer.lookup(name, country, countries=allowed, admin1_code=code)
    if hit is None and division_place is not None:
        return division_place
    if hit is not None and not hit.is_country:
        entry = keys.get(place_key(hit.name))
        if entry is not None and entry.country == hit.country:
            return _from_entry(entry)
        return _Place(
            hit.name if is_arabic(name) or not name.isascii() else _own_name(name),
            _admin1_names().get(hit.country_code or "", {}).get(hit.admin1_code or ""),
            hit.country,
            LP.town,
            lat=hit.lat,
            lon=hit.lon,
        )
    for other, entry in skeletons.get(place_skeleton(name), []):
        if difflib.SequenceMatcher(None, key, other).ratio() >= 0.8:
            return _from_entry(entry)
    return None


@lru_cache(maxsize=1)
def _admin1_by_key() -> dict[str, tuple[str, str]]:
    """First-level division names by ``place_key`` -> (name, country ISO alpha-3)."""
    out: dict[str, tuple[str, str]] = {}
    iso3 = {gazetteer.alpha2(c): c for c in country_keys().values()}
    for cc, codes in _admin1_names().items():
        for name in codes.values():
            bare = re.sub(r" (?:Oblast|State|Region|District|Governorate|Province)$", "", name)
            for written in {name, bare}:
                out.setdefault(place_key(written), (name, iso3.get(cc) or cc))
    return out


def _admin1_code(admin1: str | None, country: str | None) -> str | None:
    if not admin1:
        return None
    cc = gazetteer.alpha2(country) if country else None
    for code_cc, codes in _admin1_names().items():
        if cc and code_cc != cc:
            continue
        for code, name in codes.items():
            if name == admin1:
                return code
    return None


@lru_cache(maxsize=256)
def _country_name(iso3: str | None) -> str | None:
    for key, code in country_keys().items():
        if code == iso3:
            hit = gazetteer.country(key)
            return hit.name if hit else None
    return None


def _own_name(written: str) -> str:
    """A name as written, its first letter capital in scripts that have them: 'al-Bara' -> 'Al-Bara'."""
    name = written.strip(" ,.;:'\"’")
    return name[:1].upper() + name[1:] if name[:1].islower() else name
