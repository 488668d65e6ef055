"""Matching keys for names: accents, case, apostrophes and punctuation folded."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable

_APOSTROPHES = re.compile(r"['’‘`ʼʿʾ´]")
_POSSESSIVE = re.compile(r"['’]s\b")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Combining marks (the blocks unicodedata.combining covers for Latin letters):
# one regex pass instead of a Python loop over every character of an article.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
ARTICLES = ("al", "el", "ar", "as", "ad", "ash", "az", "at", "an", "ad")


def name_key(text: str) -> str:
    """'Jisr al-Shughur' -> 'jisr al shughur'; "Dar'a" -> 'dara'; 'Çavuşoğlu' -> 'cavusoglu'.

    A possessive 's becomes its own token: "Russia's" -> 'russia s'.
    """
    if text.isascii():
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = _COMBINING.sub("", decomposed)
        plain = plain.replace("ı", "i").replace("ø", "o").replace("ł", "l").lower()
    plain = _POSSESSIVE.sub(" s", plain)  # "Russia's" -> "russia s": the name stays a token
    plain = _APOSTROPHES.sub("", plain)
    return _NON_ALNUM.sub(" ", plain).strip()


def without_article(key: str) -> str | None:
    """'al shafah' -> 'shafah'; None when the key has no leading Arabic article."""
    head, _, rest = key.partition(" ")
    return rest if head in ARTICLES and len(rest) >= 4 else None


_FIRST_WORDS: dict[int, tuple[Container[str], frozenset[str]]] = {}


def _first_words(index: Container[str]) -> frozenset[str] | None:
    """The first words of an iterable index's keys (cached per index), else None."""
    found = _FIRST_WORDS.get(id(index))
    if found is not None and found[0] is index:
        return found[1]
    if not isinstance(index, Iterable):
        return None
    words = frozenset(key.split(" ", 1)[0] for key in index)
    _FIRST_WORDS[id(index)] = (index, words)
    return words


def find_phrases(tokens: list[str], index: Container[str], max_len: int) -> list[tuple[int, int]]:
    """Leftmost-longest spans ``(i, j)`` of ``tokens`` whose joined words are in ``index``.

    Positions whose word starts no key are skipped without joining anything:
    on a whole article that is most of them. ``index`` must not change once
    searched (the tables it is used with are built once).
    """
    spans: list[tuple[int, int]] = []
    first = _first_words(index)
    i = 0
    while i < len(tokens):
        if first is not None and tokens[i] not in first:
            i += 1
            continue
        for j in range(min(len(tokens), i + max_len), i, -1):
            if " ".join(tokens[i:j]) in index:
                spans.append((i, j))
                i = j
                break
        else:
            i += 1
    return spans
