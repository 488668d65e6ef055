"""Resolve one place name: the alias table, countries, first-level divisions, the gazetteer.

``extractor/data/places.json`` (the curated aliases, matched by ``place_key``
and, when close, by skeleton), country names in the languages of the
descriptor table, first-level divisions by name (``extractor/data/admin1.json``),
then the GeoNames index (``gazetteer``) within the countries in scope. A
place the table lacks keeps the Latin spelling the text gives, with the
gazetteer's admin1, country and coordinates.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extractor.models import LocationPrecision as LP
from extractor.normalise import gazetteer
from extractor.normalise.gazetteer import country_keys
from extractor.normalise.keys import name_key, without_article
from extractor.normalise.place_keys import is_arabic, place_key, place_skeleton
from extractor.normalise.place_phrase import descriptor_table
from extractor.normalise.place_variants import variants


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
def alias_table() -> tuple[dict[str, _Entry], int, dict[str, str]]:
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
def admin1_names() -> dict[str, dict[str, str]]:
    raw = json.loads(resources.files("extractor").joinpath("data/admin1.json").read_text("utf-8"))
    return {cc: codes for cc, codes in raw.items() if not cc.startswith("_")}


@lru_cache(maxsize=1)
def written_countries() -> dict[str, str]:
    """Country names in the languages of the descriptor table, by ``place_key``."""
    out: dict[str, str] = {}
    for lang, words in descriptor_table().items():
        if lang.startswith("_"):
            continue
        for written, iso3 in words.get("countries", {}).items():
            out.setdefault(place_key(written), iso3)
    return out


@dataclass(frozen=True)
class Place:
    name: str
    admin1: str | None
    country: str | None
    precision: LP  # the place's own level
    province: str | None = None  # the governorate a province word turns it into
    lat: float | None = None
    lon: float | None = None


_LARGE_PLACE = 50_000  # people: a place taken anywhere when the article names no country


@lru_cache(maxsize=4096)
def large_place(written: str) -> Place | None:
    """A place of 50,000+ people by its own name, for an article that names no country."""
    hit = gazetteer.lookup(written, countries=None)
    if hit is None or hit.is_country or hit.population < _LARGE_PLACE:
        return None
    admin1 = admin1_names().get(hit.country_code or "", {}).get(hit.admin1_code or "")
    return Place(hit.name, admin1, hit.country, LP.town, lat=hit.lat, lon=hit.lon)


def in_table(place: Place) -> bool:
    entry = _by_place_key()[0].get(place_key(place.name))
    return entry is not None and entry.name == place.name


def from_entry(entry: _Entry) -> Place:
    return Place(
        entry.name,
        entry.admin1,
        entry.country,
        entry.precision,
        entry.province,
        entry.lat,
        entry.lon,
    )


@lru_cache(maxsize=16384)
def resolve(
    written: str,
    allowed: frozenset[str] | None,
    *,
    admin1: str | None = None,
    country: str | None = None,
    region: bool = False,
    spelling: bool = True,
    language: str | None = None,
) -> Place | None:
    """The place a name (one mention) is: alias table, country, gazetteer, table skeleton.

    ``region``: the text calls it a province or region, so a first-level
    division of that name comes before a town. ``spelling``: a place the table
    lacks keeps the text's spelling when it is plain ASCII ("Saada", "Krasnopillia");
    else, and for "Járkov" or «إدلب», GeoNames' name. Outside English (``spelling``
    false) an ASCII spelling is kept only when it has GeoNames' consonants.
    ``language``: a name that neither the table nor GeoNames has as written is
    looked up, by exact key, in the English-style spellings of that language's
    outlets ("Schebekino" -> "Shebekino", ``place_variants``) before looser matches.
    """
    spelled = _respelled(written, allowed, admin1, country, region, language)
    if spelled is not None:
        return spelled
    for name in _spellings(written):
        place = _resolve_one(name, allowed, admin1, country, region, spelling, language=language)
        if place is not None:
            return place
    inner = _inner_name(written)
    if inner is None:
        return None
    return resolve(
        inner,
        allowed,
        admin1=admin1,
        country=country,
        region=region,
        spelling=spelling,
        language=language,
    )


def _inner_name(written: str) -> str | None:
    """The place a longer name is of: "Policía de Morales", "Epicentr de Járkov" (after
    "de"), "Syrias Idlib", "Kazakh capital Astana" (after a country word); else None."""
    tail = re.split(r" (?:de|del|da|do|dos|das|di|du|des) ", written)
    if len(tail) > 1:
        return tail[-1]
    head, _, rest = written.partition(" ")
    return rest if rest and _is_country_word(head) else None


def _respelled(
    written: str,
    allowed: frozenset[str] | None,
    admin1: str | None,
    country: str | None,
    region: bool,
    language: str | None,
) -> Place | None:
    """The place an English-style spelling names, when the name as written is no exact key.

    Of the spellings that match, one in the admin1 the text gives wins, else the first.
    """
    spellings = variants(written, language)
    if not spellings or _resolve_one(written, allowed, admin1, country, region, False, loose=False):
        return None
    first = None
    for name in spellings:
        place = _resolve_one(name, allowed, admin1, country, region, False, loose=False)
        if place is None or place.precision is LP.country:
            continue
        if admin1 is None or place.admin1 == admin1:
            return place
        first = first or place
    return first


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
    spelling: bool,
    *,
    loose: bool = True,
    language: str | None = None,
) -> Place | None:
    """One spelling's place; ``loose`` false: by exact keys only, under GeoNames' name."""
    keys, skeletons = _by_place_key()
    key = place_key(name)
    if len(key) < 3:
        return None
    entry = keys.get(key)
    if entry is not None:
        return from_entry(entry)
    iso3 = written_countries().get(key)
    hit = gazetteer.country(name) if iso3 is None else None
    if iso3 is not None or hit is not None:
        code = iso3 or (hit.country if hit else None)
        return Place(_country_name(code) or name, None, code, LP.country)
    division = admin1_by_key().get(key)
    if division is not None and (allowed is None or division[1] in allowed):
        division_place = Place(division[0], division[0], division[1], LP.province)
        if region:
            return division_place
    else:
        division_place = None
    code = _admin1_code(admin1, country)
    hit = gazetteer.lookup(name, country, countries=allowed, admin1_code=code, loose=loose)
    if hit is not None and not hit.is_country:
        entry = keys.get(place_key(hit.name))
        if entry is not None and entry.country == hit.country:
            return from_entry(entry)
        return Place(
            own_name(name)
            if loose
            and _own_spelling(name, hit.name, english=spelling)
            and not _respelling(name, hit, language)
            else hit.name,
            admin1_names().get(hit.country_code or "", {}).get(hit.admin1_code or ""),
            hit.country,
            LP.town,
            lat=hit.lat,
            lon=hit.lon,
        )
    if division_place is not None:  # "dans le Centre-Nord": a division, no town of that name
        return division_place
    if not loose:
        return None
    for other, entry in skeletons.get(place_skeleton(name), []):
        if difflib.SequenceMatcher(None, key, other).ratio() >= 0.8:
            return from_entry(entry)
    return None


def _respelling(written: str, hit: gazetteer.GazetteerHit, language: str | None) -> bool:
    """The text's spelling is its language's way of writing GeoNames' ('Schebekino', 'Shebekino')."""
    usual = place_key(hit.name)
    return any(place_key(v) == usual for v in variants(written, language))


def _own_spelling(written: str, usual: str, *, english: bool) -> bool:
    """The text's spelling is kept unless it is GeoNames' with a letter doubled ('Abbs', 'Abs').

    Outside English (``english`` false) only a spelling with GeoNames' consonants is kept
    ("Kryvyi Rih" for "Kryvyy Rih"), not an exonym ("Charkiw", "Pokrowsk": "Kharkiv").
    """
    if not written.isascii():
        return False
    if not english and place_skeleton(written) != place_skeleton(usual):
        return False
    single = [re.sub(r"(\w)\1+", r"\1", n.casefold()) for n in (written, usual)]
    return single[0] != single[1] or written.casefold() == usual.casefold()


@lru_cache(maxsize=1)
def admin1_by_key() -> dict[str, tuple[str, str]]:
    """First-level division names by ``place_key`` -> (name, country ISO alpha-3)."""
    out: dict[str, tuple[str, str]] = {}
    iso3 = {gazetteer.alpha2(c): c for c in country_keys().values()}
    for cc, codes in admin1_names().items():
        for name in codes.values():
            bare = re.sub(r" (?:Oblast|State|Region|District|Governorate|Province)$", "", name)
            for written in {name, bare}:
                out.setdefault(place_key(written), (name, iso3.get(cc) or cc))
    return out


def _admin1_code(admin1: str | None, country: str | None) -> str | None:
    if not admin1:
        return None
    cc = gazetteer.alpha2(country) if country else None
    for code_cc, codes in admin1_names().items():
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


def own_name(written: str) -> str:
    """A name as written, its first letter capital in scripts that have them: 'al-Bara' -> 'Al-Bara'."""
    name = written.strip(" ,.;:'\"’")
    return name[:1].upper() + name[1:] if name[:1].islower() else name
