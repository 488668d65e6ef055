"""Result caches for model calls: a SQLite file shared by threads and processes.

The LLM layer keys each call by a hash of model, messages, mode and response
schema, and stores the structured output with its token usage. A cache hit
costs no request, so rerunning a batch (into the same or a fresh output
folder) after a crash, an interruption or a post-processing change is free.

A second table holds whole document results (`extractor.doc_cache` makes the
key, over the text, its metadata, the settings and the code's fingerprint):
a rerun of unchanged documents with unchanged code skips grounding and
normalisation as well as the model.

A cache is an optimisation: when the file cannot be read or written at run
time (disk full, locked for too long), the failure is logged and the call goes
to the model as if the cache were empty. For the same reason writes are
behind: `SQLiteCache` hands them to one writer thread, which lets them gather
for a quarter of a second and commits them in one transaction, so that
neither SQLite's commits nor its WAL checkpoints (an fsync) hold up the
caller's event loop; reads see queued writes at once, and `flush` and
`close` commit what is left without waiting.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from extractor.errors import ConfigurationError

__all__ = ["NullCache", "SQLiteCache", "default_cache_path"]

log = logging.getLogger(__name__)

#: how long the writer lets entries gather before it commits them, and how
#: many make it commit at once
_LINGER_S = 0.25
_MOST_QUEUED = 256

_SCHEMA = """
CREATE TABLE IF NOT EXISTS llm_cache (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS document_cache (
    key TEXT PRIMARY KEY,
    calls INTEGER NOT NULL,
    value TEXT NOT NULL,
    created_at REAL NOT NULL
)
"""


def default_cache_path() -> Path:
    """``$XDG_CACHE_HOME/extractor/llm-cache.sqlite3`` (``~/.cache`` by default).

    One cache per user, shared by every output folder: rerunning into a fresh
    folder, or from another project, costs no request.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "extractor" / "llm-cache.sqlite3"


class NullCache:
    """A cache that never holds anything (``--no-cache``)."""

    def get(self, key: str) -> dict[str, Any] | None:
        return None

    def set(self, key: str, value: dict[str, Any]) -> None:
        return None

    def get_document(self, key: str) -> tuple[int, str] | None:
        return None

    def set_document(self, key: str, calls: int, value: str) -> None:
        return None

    def close(self) -> None:
        return None


class SQLiteCache:
    """A persistent key -> JSON-object cache in one SQLite file.

    WAL mode lets readers proceed while one process writes; a busy timeout
    makes concurrent writers from several processes wait their turn. Each
    thread gets its own connection (sqlite3 connections are not shared across
    threads). Values are stored as JSON text. Writes are queued for a writer
    thread (see the module's docstring); `flush` waits for them.
    """

    def __init__(self, path: str | Path, *, busy_timeout_s: float = 30.0) -> None:
        self.path = Path(path).expanduser()
        self._busy_timeout_s = busy_timeout_s
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._closed = False
        # write-behind: rows by (table, key), queued and being committed
        self._queue = threading.Condition()
        self._pending: dict[tuple[str, str], tuple[Any, ...]] = {}
        self._writing: dict[tuple[str, str], tuple[Any, ...]] = {}
        self._writer: threading.Thread | None = None
        self._flushing = 0  # callers waiting in flush(): commit without lingering
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._connection()
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as e:
            self.close()
            raise ConfigurationError(f"cannot open the result cache {self.path}: {e}") from e

    def _connection(self, *, writer: bool = False) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self._closed and not writer:  # the writer commits what was queued before
                raise sqlite3.ProgrammingError("cache is closed")
            conn = sqlite3.connect(
                self.path,
                timeout=self._busy_timeout_s,
                isolation_level=None,  # autocommit: each statement is its own transaction
                check_same_thread=False,
            )
            conn.execute(f"PRAGMA busy_timeout={int(self._busy_timeout_s * 1000)}")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    # -- write-behind -----------------------------------------------------------------

    def _queued(self, table: str, key: str) -> tuple[Any, ...] | None:
        with self._queue:
            return self._pending.get((table, key)) or self._writing.get((table, key))

    def _put(self, table: str, row: tuple[Any, ...]) -> None:
        with self._queue:
            if self._closed:
                log.warning("result cache %s: write failed: the cache is closed", self.path)
                return
            first = not self._pending
            self._pending[(table, row[0])] = row
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._write_behind, name="result-cache-writer", daemon=True
                )
                self._writer.start()
            if first or len(self._pending) >= _MOST_QUEUED:
                self._queue.notify_all()

    def _write_behind(self) -> None:
        while True:
            with self._queue:
                while not self._pending and not self._closed:
                    self._queue.wait()
                if not self._pending:  # closed, nothing left
                    self._writer = None
                    self._queue.notify_all()
                    return
                # Linger for more: one transaction for many entries, a few
                # wakings of this thread a second instead of one an entry.
                deadline = time.monotonic() + _LINGER_S
                while not self._closed and not self._flushing:
                    left = deadline - time.monotonic()
                    if left <= 0 or len(self._pending) >= _MOST_QUEUED:
                        break
                    self._queue.wait(left)
                self._writing, self._pending = self._pending, {}
            self._commit(list(self._writing.items()))
            with self._queue:
                self._writing = {}
                self._queue.notify_all()

    def _commit(self, rows: list[tuple[tuple[str, str], tuple[Any, ...]]]) -> None:
        calls = [row for (table, _), row in rows if table == "llm_cache"]
        documents = [row for (table, _), row in rows if table == "document_cache"]
        try:
            conn = self._connection(writer=True)
            conn.execute("BEGIN")
            try:
                conn.executemany(
                    "INSERT OR REPLACE INTO llm_cache (key, value, created_at) VALUES (?, ?, ?)",
                    calls,
                )
                conn.executemany(
                    "INSERT OR REPLACE INTO document_cache (key, calls, value, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    documents,
                )
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            log.warning("result cache %s: write of %d entries failed: %s", self.path, len(rows), e)

    def flush(self, timeout_s: float | None = None) -> None:
        """Wait until every queued write is committed (or failed and logged)."""
        with self._queue:
            self._flushing += 1
            self._queue.notify_all()
            try:
                self._queue.wait_for(lambda: not self._pending and not self._writing, timeout_s)
            finally:
                self._flushing -= 1

    # -- reads and writes ---------------------------------------------------------------

    def _row(self, select: str, key: str) -> tuple[Any, ...] | None:
        """The row ``select ... WHERE key = ?`` gives, or None (none, or the read failed)."""
        try:
            row = self._connection().execute(f"{select} WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as e:
            log.warning("result cache %s: read failed: %s", self.path, e)
            return None
        return tuple(row) if row is not None else None

    def get(self, key: str) -> dict[str, Any] | None:
        """The value stored under ``key``, or None (also when unreadable)."""
        queued = self._queued("llm_cache", key)
        row = (queued[1],) if queued else self._row("SELECT value FROM llm_cache", key)
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            log.warning("result cache %s: dropping a corrupt entry", self.path)
            return None
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        """Store ``value`` (a JSON-able dict) under ``key``, replacing any old one."""
        self.set_json(key, json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def set_json(self, key: str, text: str) -> None:
        """`set` for a value already encoded: ``text`` is a JSON object."""
        self._put("llm_cache", (key, text, time.time()))

    def get_document(self, key: str) -> tuple[int, str] | None:
        """A document result stored under ``key``: (model calls it took, its JSON text)."""
        queued = self._queued("document_cache", key)
        if queued is not None:
            return int(queued[1]), queued[2]
        row = self._row("SELECT calls, value FROM document_cache", key)
        if row is None or not isinstance(row[1], str):
            return None
        return int(row[0]), row[1]

    def set_document(self, key: str, calls: int, value: str) -> None:
        """Store a document result (its JSON text) and the model calls it took."""
        self._put("document_cache", (key, calls, value, time.time()))

    def __len__(self) -> int:
        self.flush()
        return int(self._connection().execute("SELECT COUNT(*) FROM llm_cache").fetchone()[0])

    def clear(self) -> None:
        """Drop every entry, call and document results alike."""
        self.flush()
        conn = self._connection()
        conn.execute("DELETE FROM llm_cache")
        conn.execute("DELETE FROM document_cache")

    def close(self) -> None:
        """Commit the queued writes, then close every connection this cache opened."""
        with self._queue:
            self._closed = True
            self._queue.notify_all()
            writer = self._writer
        if writer is not None and writer is not threading.current_thread():
            writer.join()
        with self._lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            with contextlib.suppress(sqlite3.Error):  # closing is best effort
                conn.close()
        self._local = threading.local()

    def __enter__(self) -> SQLiteCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteCache({str(self.path)!r})"
