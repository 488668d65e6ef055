"""Find the article text a document's records point into.

The text is read from the records' ``source`` path, tried in this order: as
given when absolute; relative to the ``texts`` folder, and by file name there;
relative to the working folder; relative to the repository root. Failing
those, by document id: ``<doc_id>.txt`` in the ``texts`` folder, then
``seeds/<doc_id>.txt`` in the working folder and the repository root. Texts
are read once and cached.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractor.models import DocumentRecords

REPO_ROOT = Path(__file__).resolve().parents[2]


class TextResolver:
    """Resolves and caches the source texts of documents."""

    def __init__(self, texts_dir: str | Path | None = None) -> None:
        self.texts_dir = Path(texts_dir) if texts_dir is not None else None
        self._cache: dict[Path, str | None] = {}
        self._sha: dict[Path, str] = {}
        self._by_source: dict[str, Path | None] = {}
        self._by_doc_id: dict[str, Path | None] = {}

    def source_candidates(self, source: str) -> list[Path]:
        """Where a record's ``source`` path may point, in the order tried."""
        if not source:
            return []
        path = Path(source)
        if path.is_absolute():
            return [path] + ([self.texts_dir / path.name] if self.texts_dir else [])
        out = [self.texts_dir / path, self.texts_dir / path.name] if self.texts_dir else []
        return [*out, Path.cwd() / path, REPO_ROOT / path]

    def doc_id_candidates(self, doc_id: str) -> list[Path]:
        """Where a text may lie by its document id, in the order tried."""
        out = [self.texts_dir / f"{doc_id}.txt"] if self.texts_dir else []
        return [*out, Path.cwd() / "seeds" / f"{doc_id}.txt", REPO_ROOT / "seeds" / f"{doc_id}.txt"]

    def path(self, doc: DocumentRecords) -> Path | None:
        """The file holding the document's text, or None when none is found."""
        source, doc_id = doc.source, doc.doc_id
        if source not in self._by_source:
            self._by_source[source] = _first_file(self.source_candidates(source))
        found = self._by_source[source]
        if found is None:
            if doc_id not in self._by_doc_id:
                self._by_doc_id[doc_id] = _first_file(self.doc_id_candidates(doc_id))
            found = self._by_doc_id[doc_id]
        return found

    def text(self, doc: DocumentRecords) -> str | None:
        """The document's text as decoded UTF-8, or None when it cannot be read."""
        path = self.path(doc)
        if path is None:
            return None
        if path not in self._cache:
            try:
                self._cache[path] = path.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                self._cache[path] = None
        return self._cache[path]

    def sha256(self, doc: DocumentRecords) -> str | None:
        """SHA-256 of the text's UTF-8 bytes, or None without a text."""
        text = self.text(doc)
        path = self.path(doc)
        if text is None or path is None:
            return None
        if path not in self._sha:
            self._sha[path] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return self._sha[path]


def _first_file(paths: list[Path]) -> Path | None:
    return next((p for p in paths if p.is_file()), None)
