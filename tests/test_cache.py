"""The SQLite result cache: round trips, persistence, threads, processes."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from pathlib import Path

import pytest

from extractor.cache import NullCache, SQLiteCache
from extractor.errors import ConfigurationError

VALUE = {
    "content": {"incidents": [], "statements": [{"speaker": "Ministry — ù"}]},
    "usage": {"t": 3},
}


def test_round_trip_and_miss(tmp_path: Path) -> None:
    with SQLiteCache(tmp_path / "c.sqlite3") as cache:
        assert cache.get("k") is None
        cache.set("k", VALUE)
        assert cache.get("k") == VALUE
        cache.set("k", {"content": 1})
        assert cache.get("k") == {"content": 1}, "a later set replaces"
        assert len(cache) == 1


def test_persists_across_instances_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "c.sqlite3"
    with SQLiteCache(path) as cache:
        cache.set("k", VALUE)
    with SQLiteCache(path) as cache:
        assert cache.get("k") == VALUE
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_corrupt_entry_reads_as_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with SQLiteCache(path) as cache:
        cache.set("k", VALUE)
    conn = sqlite3.connect(path)
    try:
        conn.execute("UPDATE llm_cache SET value = '{not json'")
        conn.commit()
    finally:
        conn.close()
    with SQLiteCache(path) as cache:
        assert cache.get("k") is None


def test_unusable_path_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "dir.sqlite3").mkdir()
    with pytest.raises(ConfigurationError, match="cache"):
        SQLiteCache(tmp_path / "dir.sqlite3")


def test_closed_cache_degrades_to_misses(tmp_path: Path) -> None:
    cache = SQLiteCache(tmp_path / "c.sqlite3")
    cache.set("k", VALUE)
    cache.close()
    assert cache.get("k") is None
    cache.set("k2", VALUE)  # logged, not raised


def test_null_cache_holds_nothing() -> None:
    cache = NullCache()
    cache.set("k", VALUE)
    assert cache.get("k") is None


def test_many_threads_share_one_cache(tmp_path: Path) -> None:
    errors: list[BaseException] = []
    with SQLiteCache(tmp_path / "c.sqlite3") as cache:

        def work(t: int) -> None:
            try:
                for i in range(100):
                    cache.set(f"{t}-{i}", {"t": t, "i": i})
                    assert cache.get(f"{t}-{i}") == {"t": t, "i": i}
            except BaseException as e:
                errors.append(e)

        threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert not errors
        assert len(cache) == 800


def _writer(path: str, worker: int, n: int) -> None:
    with SQLiteCache(path) as cache:
        for i in range(n):
            cache.set(f"{worker}-{i}", {"worker": worker, "i": i})
            cache.get(f"{(worker + 1) % 4}-{i}")


def test_many_processes_share_one_file(tmp_path: Path) -> None:
    path = str(tmp_path / "c.sqlite3")
    SQLiteCache(path).close()
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    procs = [ctx.Process(target=_writer, args=(path, w, 150)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    with SQLiteCache(path) as cache:
        assert len(cache) == 600
        assert cache.get("3-149") == {"worker": 3, "i": 149}


def test_writes_are_behind_but_read_at_once_and_committed_by_close(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "c.sqlite3"
    cache = SQLiteCache(path)
    for i in range(200):
        cache.set(f"k{i}", {"i": i})
        cache.set_document(f"d{i}", 1, f"doc {i}")
        assert cache.get(f"k{i}") == {"i": i}  # queued or committed, it reads back
        assert cache.get_document(f"d{i}") == (1, f"doc {i}")
    cache.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM llm_cache").fetchone()[0] == 200
        assert conn.execute("SELECT COUNT(*) FROM document_cache").fetchone()[0] == 200
    finally:
        conn.close()


def test_a_write_that_fails_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import sqlite3

    path = tmp_path / "c.sqlite3"
    with SQLiteCache(path) as cache:
        conn = sqlite3.connect(path)
        conn.execute("DROP TABLE llm_cache")
        conn.commit()
        conn.close()
        cache.set("k", VALUE)
        cache.flush()
    assert "write of 1 entries failed" in caplog.text
