"""The first-level divisions an article names: the province of a village only another sentence gives.

"Maarat Hurmah" alone, in a report whose sentences speak of "Idleb's southern
countryside" and "south of Idlib", is a village of Idlib; "Amasrakad", in an
article on "le cercle de Gao" and "la région de Gao", one of Gao. The
guideline (seeds/ANNOTATION.md 7.1) gives an unknown village "the province
the text gives": when the place phrase names none, the article's is taken.

`named_divisions` scans an article once for the names of first-level divisions
(``extractor/data/admin1.json``, as ``admin1_by_key`` keys them: "South
Lebanon" and "south Lebanon", "Idleb" and "Idlib") and for the places of the
alias table (each counting for its admin1), within the article's countries.
A name counts when its last word is capitalised (or in a script without
case) and a single word is no descriptor ("Northern", "Central" lowercase in
"northern Israel" are directions, not divisions). Divisions come out most
named first, the first named first among equals.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from functools import lru_cache

from extractor.normalise.keys import name_key
from extractor.normalise.place_keys import place_key
from extractor.normalise.place_phrase import words_for
from extractor.normalise.place_resolve import Place, admin1_by_key, alias_table, resolve

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:-[^\W_]+)*")  # "d'Idleb": "d", "Idleb"
_CAPITALISED = re.compile(r"\b[A-Z][\w\-]+(?: [A-Z][\w\-]+)*")
_LONGEST = 3  # words in a division's name ("Deir ez-Zor", "Rif Dimashq", "North Darfur")

Division = tuple[str, str]  # (admin1, country ISO alpha-3)


@lru_cache(maxsize=8)
def named_divisions(text: str, countries: frozenset[str]) -> tuple[Division, ...]:
    """The divisions ``text`` names in ``countries`` (any, if empty), most named first."""
    by_key = admin1_by_key()
    index, _, _ = alias_table()
    words = _WORD.findall(text)
    counts: Counter[Division] = Counter()
    first: dict[Division, int] = {}
    for i in range(len(words)):
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            run = words[i : i + n]
            if not _named(run) or (n == 1 and _descriptor(run[0])):
                continue
            found = _division(" ".join(run), by_key, index)
            if found is not None and (not countries or found[1] in countries):
                counts[found] += 1
                first.setdefault(found, i)
                break
    return tuple(sorted(counts, key=lambda d: (-counts[d], first[d])))


def article_admin1(
    found: tuple[Division, ...], countries: Collection[str] | None = None
) -> Division | None:
    """The division an unknown place of the article lies in: the most named, in ``countries``."""
    for division in found:
        if not countries or division[1] in countries:
            return division
    return None


def _named(run: list[str]) -> bool:
    last = run[-1].lstrip("-")
    if not last:
        return False
    return last[:1].isupper() or last[:1].lower() == last[:1].upper()


@lru_cache(maxsize=4096)
def _descriptor(word: str) -> bool:
    low = word.lower()
    for lang in ("en", "fr", "es", "pt", "de"):
        words = words_for(lang)
        if low in words.types or low in words.directions or low in words.regional:
            return True
    return False


def _division(written: str, by_key: dict[str, tuple[str, str]], index: dict) -> Division | None:
    key = place_key(written)
    if len(key) >= 3 and key in by_key:
        return by_key[key]
    entry = index.get(name_key(written))
    if entry is not None and entry.admin1 and entry.country:
        return entry.admin1, entry.country
    return None


@lru_cache(maxsize=8)
def article_town(text: str, countries: frozenset[str]) -> Place | None:
    """The town the article names most ('Belgorod'), for 'the city centre' it leaves unnamed.

    Capitalised names resolved in ``countries`` (the region, if empty) to a town;
    a division's name ("Belgorod region") counts for its namesake town too.
    """
    counts: Counter[Place] = Counter()
    first: dict[Place, int] = {}
    allowed = countries or None
    for n, match in enumerate(_CAPITALISED.finditer(text)):
        if _descriptor(match.group()):
            continue
        place = resolve(match.group(), allowed)
        if place is None or place.precision.value != "town":
            continue
        counts[place] += 1
        first.setdefault(place, n)
    if not counts:
        return None
    return min(counts, key=lambda p: (-counts[p], first[p]))
