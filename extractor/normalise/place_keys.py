"""Matching keys for place names in any script.

Two keys per name, both without spaces so that "Kafrnuran" meets "Kafr Nuran":

- ``place_key``: accents, case, apostrophes (straight, curly, ayn and hamza
  marks) and punctuation folded; Arabic articles (al-, el-, an-, ...) dropped;
  doubled letters single. "Ma'arrat An Nu'man" and "Maarat al-Numan" both give
  "maratnuman". In Arabic script: short vowels and tatweel dropped, alef,
  teh marbuta and alef maksura forms folded, the article ال dropped.
- ``place_skeleton``: the Latin key's consonants (the first letter kept),
  with a few transliteration pairs folded (ou/u, ch/sh, q/k, dj/j) and a
  construct-state -at/-et of a first word read as -a: "Atareb" and
  "Atarib", "Sarqib" and "Saraqib", "Maaret" and "Maara al-Nu'man" meet. It is
  looser, so a match on it is checked for closeness by the caller.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARABIC = re.compile("[\u0600-\u06ff]")
_HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_APOSTROPHES = str.maketrans(dict.fromkeys("'’‘`ʼʿʾ´ʻ′", None))
_LATIN_FOLD = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "ß": "ss", "đ": "d", "æ": "ae"})
_ARTICLES = frozenset(("al", "el", "ar", "as", "ad", "ash", "az", "at", "an", "ed", "es", "ez"))
_DOUBLES = re.compile(r"(.)\1+")
_SKELETON_PAIRS = (("ou", "u"), ("ch", "sh"), ("dj", "j"), ("q", "k"), ("ck", "k"))
_VOWELS = re.compile("[aeiouyw]")


def is_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


@lru_cache(maxsize=65536)
def key_words(text: str) -> tuple[str, ...]:
    """The words of a name folded for matching, articles dropped (never all of them)."""
    if is_arabic(text):
        plain = _HARAKAT.sub("", text).translate(_ARABIC_FOLD)
        words = [w for w in re.split(r"[^\w]+", plain) if w]
        bare = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words]
        return tuple(bare)
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LATIN_FOLD))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.translate(_APOSTROPHES)
    words = [w for w in re.split(r"[^\w]+", plain) if w and w != "_"]
    kept = [w for w in words if w not in _ARTICLES]
    return tuple(kept or words)


def place_key(text: str) -> str:
    """'Ma'arrat An Nu'man' -> 'maratnuman'; 'قرية البارة' -> 'قريهباره'."""
    return _DOUBLES.sub(r"\1", "".join(key_words(text)))


def place_skeleton(text: str) -> str:
    """'Atareb', 'Atarib', 'Al Atarib' -> 'atrb'; empty for names in Arabic script."""
    words = key_words(text)
    if not words or is_arabic(text):
        return ""
    out = []
    for n, word in enumerate(words):
        for pair, single in _SKELETON_PAIRS:
            word = word.replace(pair, single)
        if n < len(words) - 1 and len(word) > 4 and word[-2:] in ("at", "et"):
            word = word[:-1]  # construct state: "Maarat al-Numan" as "Maara al-Numan"
        word = _DOUBLES.sub(r"\1", word)
        out.append(word[0] + _VOWELS.sub("", word[1:]) if n == 0 else _VOWELS.sub("", word))
    return _DOUBLES.sub(r"\1", "".join(out))
