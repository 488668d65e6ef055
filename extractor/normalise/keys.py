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


_PREFIXES: dict[int, tuple[Container[str], frozenset[str]]] = {}


def _prefixes(index: Container[str]) -> frozenset[str] | None:
    """Every leading run of words of an iterable index's keys (cached per index), else None.

    'jisr al shughur' gives 'jisr', 'jisr al' and 'jisr al shughur': a search
    extends a phrase only while it is still the start of some key.
    """
    found = _PREFIXES.get(id(index))
    if found is not None and found[0] is index:
        return found[1]
    if not isinstance(index, Iterable):
        return None
    prefixes: set[str] = set()
    for key in index:
        words = key.split(" ")
        prefixes.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
    frozen = frozenset(prefixes)
    _PREFIXES[id(index)] = (index, frozen)
    return frozen


def find_phrases(tokens: list[str], index: Container[str], max_len: int) -> list[tuple[int, int]]:
    """Leftmost-longest spans ``(i, j)`` of ``tokens`` whose joined words are in ``index``.

    A phrase grows one word at a time only while it is the start of some key,
    so a position whose word starts no key costs one set lookup: on a whole
    article that is most of them. ``index`` must not change once searched
    (the tables it is used with are built once).
    """
    spans: list[tuple[int, int]] = []
    prefixes = _prefixes(index)
    n = len(tokens)
    i = 0
    while i < n:
        best = 0
        if prefixes is None:
            for j in range(min(n, i + max_len), i, -1):
                if " ".join(tokens[i:j]) in index:
                    best = j
                    break
        else:
            phrase = tokens[i]
            j = i + 1
            while phrase in prefixes:
                if phrase in index:
                    best = j
                if j >= n or j - i >= max_len:
                    break
                phrase = f"{phrase} {tokens[j]}"
                j += 1
        if best:
            spans.append((i, best))
            i = best
        else:
            i += 1
    return spans
