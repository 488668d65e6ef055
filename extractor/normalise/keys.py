"""Matching keys for names: accents, case, apostrophes and punctuation folded."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

_APOSTROPHES = re.compile(r"['’‘`ʼʿʾ´]")
_POSSESSIVE = re.compile(r"['’]s\b")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
ARTICLES = ("al", "el", "ar", "as", "ad", "ash", "az", "at", "an", "ad")


def name_key(text: str) -> str:
    """'Jisr al-Shughur' -> 'jisr al shughur'; "Dar'a" -> 'dara'; 'Çavuşoğlu' -> 'cavusoglu'.

    A possessive 's becomes its own token: "Russia's" -> 'russia s'.
    """
    if text.isascii():
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        plain = plain.replace("ı", "i").replace("ø", "o").replace("ł", "l").lower()
    plain = _POSSESSIVE.sub(" s", plain)  # "Russia's" -> "russia s": the name stays a token
    plain = _APOSTROPHES.sub("", plain)
    return _NON_ALNUM.sub(" ", plain).strip()


def without_article(key: str) -> str | None:
    """'al shafah' -> 'shafah'; None when the key has no leading Arabic article."""
    head, _, rest = key.partition(" ")
    return rest if head in ARTICLES and len(rest) >= 4 else None


def find_phrases(tokens: list[str], index: Container[str], max_len: int) -> list[tuple[int, int]]:
    """Leftmost-longest spans ``(i, j)`` of ``tokens`` whose joined words are in ``index``."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + max_len), i, -1):
            if " ".join(tokens[i:j]) in index:
                spans.append((i, j))
                i = j
                break
        else:
            i += 1
    return spans
