"""Matching keys for names: accents, case, apostrophes and punctuation folded."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable

_APOSTROPHE_CHARS = "'’‘`ʼʿʾ´"
_ASCII_APOSTROPHES = "'`"
# "Russia's" -> "russia s": one pattern per apostrophe, so each search starts from
# a literal (several times faster on an article than one ``['’]s\b`` class).
_POSSESSIVES = tuple((mark + "s", re.compile(mark + r"s\b")) for mark in "'’")
# Every byte but 0-9 and a-z becomes a space: after folding, ``encode("ascii",
# "replace")`` turns any other character into "?", so the words left are exactly
# the runs of ``[0-9a-z]`` (one translate instead of a regex sub over the text).
_SEPARATORS = bytes(
    c if chr(c) in "0123456789abcdefghijklmnopqrstuvwxyz" else 32 for c in range(256)
)
# Typographic characters every later step treats exactly as their ASCII stand-in
# (’ is a possessive apostrophe like ', ‘ an apostrophe that is not one, like `;
# the rest separate words, as NFKD or the final split makes them): replacing them
# first lets most English articles take the ASCII path, several times cheaper.
_ASCII_STANDINS = (
    ("’", "'"),
    ("‘", "`"),
    ("“", '"'),
    ("”", '"'),
    ("–", "-"),
    ("—", "-"),
    ("\u00a0", " "),
    ("…", "."),
)
# Combining marks (the blocks unicodedata.combining covers for Latin letters):
# one regex pass instead of a Python loop over every character of an article.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
ARTICLES = ("al", "el", "ar", "as", "ad", "ash", "az", "at", "an", "ad")


def name_key(text: str) -> str:
    """'Jisr al-Shughur' -> 'jisr al shughur'; "Dar'a" -> 'dara'; 'Çavuşoğlu' -> 'cavusoglu'.

    A possessive 's becomes its own token: "Russia's" -> 'russia s'.
    """
    return " ".join(name_tokens(text))


def name_tokens(text: str) -> list[str]:
    """The words of ``name_key(text)``: 'Jisr al-Shughur' -> ['jisr', 'al', 'shughur']."""
    if not text.isascii():
        for char, standin in _ASCII_STANDINS:
            if char in text:
                text = text.replace(char, standin)
    if text.isascii():
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = _COMBINING.sub("", decomposed)
        plain = plain.replace("ı", "i").replace("ø", "o").replace("ł", "l").lower()
    ascii_only = plain.isascii()
    for mark, possessive in _POSSESSIVES[:1] if ascii_only else _POSSESSIVES:
        if mark in plain:
            plain = possessive.sub(" s", plain)
    for apostrophe in _ASCII_APOSTROPHES if ascii_only else _APOSTROPHE_CHARS:
        if apostrophe in plain:
            plain = plain.replace(apostrophe, "")
    return plain.encode("ascii", "replace").translate(_SEPARATORS).decode("ascii").split()


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


def find_phrases(
    tokens: list[str], index: Container[str], max_len: int, starts: Iterable[int] | None = None
) -> list[tuple[int, int]]:
    """Leftmost-longest spans ``(i, j)`` of ``tokens`` whose joined words are in ``index``.

    A phrase grows one word at a time only while it is the start of some key,
    so a position whose word starts no key costs one set lookup: on a whole
    article that is most of them. ``index`` must not change once searched
    (the tables it is used with are built once). ``starts``, ascending, are the
    positions to try when the caller knows them: they must include every
    position whose word is the first word of a key (one scan of an article's
    tokens can then serve several indexes); by default they are found here.
    """
    spans: list[tuple[int, int]] = []
    prefixes = _prefixes(index)
    n = len(tokens)
    if prefixes is None:
        i = 0
        while i < n:
            for j in range(min(n, i + max_len), i, -1):
                if " ".join(tokens[i:j]) in index:
                    spans.append((i, j))
                    i = j
                    break
            else:
                i += 1
        return spans
    # Only a position whose word starts some key can start a span: find those in
    # one pass, then grow phrases from them alone, left to right.
    end = 0  # where the last span found ends; a span starts at or after it
    if starts is None:
        starts = [i for i, token in enumerate(tokens) if token in prefixes]
    for i in starts:
        if i < end:
            continue
        best = 0
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
            end = best
    return spans
