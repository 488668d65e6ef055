"""The article text a result's offsets index, found from its ``source``.

A result of ``extractor run`` names its input: a text file (``.txt``,
``.md``), an HTML file (offsets index the text taken from it), or a line of
a JSONL file (``path:line``). A service job keeps its documents in its
``input.jsonl``; those texts are given directly. A text is used only when
its SHA-256 equals the result's ``text_sha256``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from extractor.batch.html_text import html_to_text
from extractor.digest import text_sha256

HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


def _read_file(path: Path) -> str | None:
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if path.suffix.lower() in HTML_SUFFIXES:
        return html_to_text(raw)[1]
    return raw


def _jsonl_line(path: Path, lineno: int) -> str | None:
    try:
        with path.open("rb") as fh:
            for n, raw in enumerate(fh, start=1):
                if n == lineno:
                    text = json.loads(raw).get("text")
                    return text if isinstance(text, str) else None
    except (OSError, ValueError, AttributeError):
        return None
    return None


def _candidates(source: str, bases: list[Path]) -> list[tuple[Path, int | None]]:
    path_part, sep, line = source.rpartition(":")
    out: list[tuple[Path, int | None]] = []
    for base in bases:
        if sep and line.isdigit() and Path(path_part).suffix.lower() in JSONL_SUFFIXES:
            out.append((base / path_part, int(line)))
        out.append((base / source, None))
    return out


def find_text(
    source: str,
    sha256: str,
    *,
    bases: list[Path],
    given: Mapping[str, str] | None = None,
    doc_id: str | None = None,
) -> str | None:
    """The text whose SHA-256 is ``sha256``: given by doc id, else found from ``source``."""
    if given is not None and doc_id is not None and doc_id in given:
        text = given[doc_id]
        return text if text_sha256(text) == sha256 else None
    for path, line in _candidates(source, bases):
        text = _jsonl_line(path, line) if line is not None else _read_file(path)
        if text is not None and text_sha256(text) == sha256:
            return text
    return None


def job_texts(input_file: Path) -> dict[str, str]:
    """Every document text of a service job's ``input.jsonl``, by doc id."""
    out: dict[str, str] = {}
    try:
        with input_file.open("rb") as fh:
            for raw in fh:
                try:
                    rec = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(rec, dict) and isinstance(rec.get("text"), str):
                    out[str(rec.get("id"))] = rec["text"]
    except OSError:
        return out
    return out
