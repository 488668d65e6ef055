"""Find the article text a document's records point into.

The text is read from the records' ``source`` path, tried in this order:
as given when absolute; relative to the ``texts`` folder (also by file name and
as ``<doc_id>.txt``); relative to the working folder and to the repository
root; finally ``seeds/<doc_id>.txt`` there. Texts are read once and cached.
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
        self._paths: dict[tuple[str, str], Path | None] = {}

    def candidates(self, doc: DocumentRecords) -> list[Path]:
        source = Path(doc.source) if doc.source else None
        out: list[Path] = []
        if source is not None and source.is_absolute():
            out.append(source)
        if self.texts_dir is not None:
            if source is not None and not source.is_absolute():
                out.append(self.texts_dir / source)
            if source is not None:
                out.append(self.texts_dir / source.name)
            out.append(self.texts_dir / f"{doc.doc_id}.txt")
        for root in (Path.cwd(), REPO_ROOT):
            if source is not None and not source.is_absolute():
                out.append(root / source)
            out.append(root / "seeds" / f"{doc.doc_id}.txt")
        return out

    def path(self, doc: DocumentRecords) -> Path | None:
        """The file holding the document's text, or None when none is found."""
        key = (doc.doc_id, doc.source)
        if key not in self._paths:
            self._paths[key] = next((p for p in self.candidates(doc) if p.is_file()), None)
        return self._paths[key]

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
