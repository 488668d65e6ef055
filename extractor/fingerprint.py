"""A fingerprint of the code and data that turn model answers into records.

The document cache (`extractor.doc_cache`) keys on it, so that a change to
post-processing, normalisation tables or prompts never serves a result made
by the old code. It is a SHA-256 over every ``.py`` and data file of the
installed package and the default prompt folder, computed once per process
(a few milliseconds) and only when a cache asks for it.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from .templates import default_prompt_dir

__all__ = ["code_fingerprint"]

_SUFFIXES = {".py", ".json", ".j2", ".txt"}


def _files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in _SUFFIXES and "__pycache__" not in p.parts and p.is_file()
    )


@functools.cache
def code_fingerprint() -> str:
    """Hex digest over the package's sources, data files and default prompts."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for root in (package, default_prompt_dir()):
        for path in _files(root):
            digest.update(str(path.relative_to(root)).encode("utf-8"))
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()
