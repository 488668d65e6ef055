"""Spellings of a place name as another language's outlets write it, the English way.

German outlets write "Schebekino", "Antoniwka", "Bint Dschbeil" where
GeoNames and English reporting have "Shebekino", "Antonivka", "Bint Jbeil".
``extractor/data/place_spellings.json`` holds, per language, the spelling
correspondences ([pattern, replacement]); `variants` applies each of them or
not, in order, and gives the spellings that differ from the name, those with
fewest changes first. The caller looks each one up by its exact key only, so
that a variant never matches by a loose skeleton.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

_MOST = 96  # spellings tried for one name
_SHORTEST = 4  # letters: a shorter name is too often a word


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    path = resources.files("extractor").joinpath("data/place_spellings.json")
    raw = json.loads(path.read_text("utf-8"))
    return {
        lang: tuple((re.compile(p), r) for p, r in pairs if p != r)
        for lang, pairs in raw.items()
        if not lang.startswith("_")
    }


@lru_cache(maxsize=4096)
def variants(name: str, language: str | None) -> tuple[str, ...]:
    """English-style spellings of ``name`` for a text in ``language`` (ISO 639-1); none for others."""
    rules = _table().get(language or "")
    if not rules or len(name) < _SHORTEST or not re.search(r"[^\W\d_]", name):
        return ()
    lowered = name.lower()
    found: dict[str, int] = {lowered: 0}  # spelling -> changes made
    for pattern, replacement in rules:
        for spelling, changes in list(found.items()):
            if len(found) >= _MOST:
                break
            changed = pattern.sub(replacement, spelling)
            if changed != spelling and changed not in found:
                found[changed] = changes + 1
    ordered = sorted((s for s in found if s != lowered), key=lambda s: found[s])
    return tuple(_cased(s, name) for s in ordered)


def _cased(spelling: str, written: str) -> str:
    """The variant with the capitals the name has: word by word, a capital first letter."""
    words = re.split(r"(\W+)", spelling)
    originals = re.split(r"(\W+)", written)
    if len(words) != len(originals):
        return spelling.title()
    return "".join(
        w[:1].upper() + w[1:] if o[:1].isupper() else w
        for w, o in zip(words, originals, strict=True)
    )
