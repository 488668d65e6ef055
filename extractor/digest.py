"""The document fingerprint that results record and resume keys on."""

from __future__ import annotations

import hashlib


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 encoded text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
