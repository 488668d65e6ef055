"""Place mentions in any language: names after the language's locative words and descriptors.

The words come from ``extractor/data/place_descriptors.json`` (the language's
and the common ones, never English alone). A span runs from the locative's
descriptors ("le village de", «قرية») through the name and a place-type word
right after it ("X province", «X الجنوبي» is left to the normaliser). Where the
script has capitals a name is a run of capitalised words (with particles such
as "al-", "de"); where it has none (Arabic) the next words are tried, longest
first, and kept when the gazetteer knows them or a descriptor says they are a
place. A list after one locative ("à A, B et C", «في A و B») gives each.
"""

from __future__ import annotations

import re

from extractor.models import Location, LocationPrecision
from extractor.normalise import normalise_place
from extractor.normalise.actor_tables import known_actor_end
from extractor.normalise.place_phrase import Words, words_for

_WORD = re.compile(r"[^\W_][\w'’\-]*")
_MAX_UNCASED = 3  # words tried as one name in a script without capitals
_JOINS = frozenset(("et", "y", "e", "und", "and", "و", "i", "ve", "та", "і", "и"))


def find_places_in(text: str, language: str) -> list[tuple[int, int, str, Location]]:
    """(start, end, written, location) of each place named in ``text``, left to right."""
    words = words_for(language)
    tokens = _tokens(text)
    has_case = any(c.isupper() for c in text)
    out: list[tuple[int, int, str, Location]] = []
    i = 0
    n = len(tokens)
    while i < n:
        low = _bare(tokens[i][2].lower(), words.prefixes)
        raw = tokens[i][2].lower()
        attached = not has_case and raw[:1] in words.locative_prefixes and len(raw) > 3
        if not (low in words.locatives or low in words.types or attached):
            i += 1
            continue
        lead = i if low in words.types or attached else i + 1
        j = i if attached else i + 1
        said = low in words.types
        while j < n and _descriptor(tokens[j][2], words) and not _punctuated(text, tokens, j):
            # "la ville de", «ريف»
            said = said or _bare(tokens[j][2].lower(), words.prefixes) in words.types
            j += 1
        if _punctuated(text, tokens, j):  # "vor Ort, die Raketen": the phrase ended
            i += 1
            continue
        found = _names_from(text, tokens, j, lead, said, has_case, language)
        if not found:
            i += 1
            continue
        for item in found:
            out.append(item)
        i = max(i + 1, _token_after(tokens, found[-1][1]))
    return out


_ELISION = re.compile(r"(?<![\w'’])([dl])['’](?=[A-ZÀ-Þ])")  # "d'Odessa", "l'Ukraine"
_ELIDED = {"d": "de", "l": "le"}


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` with their offsets; an elided "d'" or "l'" before a capital is
    a word of its own, read as "de" or "le" ("un quartier résidentiel d'Odessa")."""
    out = []
    for m in _WORD.finditer(text):
        e = _ELISION.match(text, m.start())
        if e is not None and e.end() < m.end():
            out.append((m.start(), e.end(), _ELIDED[e.group(1)]))
            out.append((e.end(), m.end(), text[e.end() : m.end()]))
        else:
            out.append((m.start(), m.end(), m.group()))
    return out


def _names_from(
    text: str,
    tokens: list[tuple[int, int, str]],
    j: int,
    lead: int,
    said: bool,
    has_case: bool,
    language: str,
) -> list[tuple[int, int, str, Location]]:
    """The name at token ``j`` and those listed after it ("A, B et C")."""
    out = []
    start_at = lead
    joined = False  # the list reached "et C"
    while j < len(tokens):
        item = _name_at(text, tokens, j, start_at, said, has_case, language, listed=bool(out))
        if item is None:
            break
        out.append(item)
        k = _token_after(tokens, item[1])
        between = text[item[1] : tokens[k][0]] if k < len(tokens) else ""
        if k < len(tokens) and ("," in between or "،" in between or tokens[k][2].lower() in _JOINS):
            if tokens[k][2].lower() in _JOINS:
                joined, k = True, k + 1
            j = start_at = k
            continue
        break
    if not joined:  # "de Donetsk, Vadym Filashkin": an apposition, not a list of places
        while len(out) > 1 and out[-1][3].country is None:
            out.pop()
    return out


def _name_at(
    text: str,
    tokens: list[tuple[int, int, str]],
    j: int,
    lead: int,
    said: bool,
    has_case: bool,
    language: str,
    *,
    listed: bool = False,
) -> tuple[int, int, str, Location] | None:
    """The name at token ``j``; ``listed``: it follows another in a list after one
    locative ("en A, B y C"), whose word applies to it too."""
    words = words_for(language)
    if j >= len(tokens):
        return None
    if has_case:
        k = j
        while (
            k < len(tokens)
            and (k == j or not text[tokens[k - 1][1] : tokens[k][0]].strip())
            and (
                _capital(tokens[k][2])
                or (
                    k > j
                    and tokens[k][2].lower() in words.particles | {"de", "da", "do", "del"}
                    and k + 1 < len(tokens)
                    and _capital(tokens[k + 1][2])
                )
            )
        ):
            k += 1
        if k == j:
            return None
        if (
            k < len(tokens)
            and tokens[k][2].lower() in words.types
            and not _punctuated(text, tokens, k)
        ):
            k += 1  # "X province" (not "Sanmatenga (région")
        spans = [k]
    else:
        run = j
        while run < min(len(tokens), j + _MAX_UNCASED) and (
            run == j or not _descriptor(tokens[run][2], words)
        ):
            run += 1
        spans = list(range(run, j, -1))
    for k in spans:
        start, end = tokens[lead][0], tokens[k - 1][1]
        written = text[start:end]
        name_words = [t[2] for t in tokens[j:k]]
        if not has_case and any(_descriptor(w, words) for w in name_words[:1]):
            continue
        location = normalise_place(written, language=language)
        if location.country is not None and location.precision is not LocationPrecision.unknown:
            return start, end, written, location  # a place the tables or the gazetteer know
        plain = (
            has_case
            and not words.nouns_capitalised  # German: a capitalised word after "in" is no name
            and (listed or _after_within(tokens, j, words))
        )
        if known_actor_end(text[tokens[j][0] :], language) is not None:
            return None  # "au Groupe de soutien à l'islam": an organisation, not a place
        if (said or plain) and (has_case or k == j + 1):  # "le village de X", "en X"
            name = " ".join(name_words)
            return (
                start,
                end,
                written,
                Location(text=written, name=name, precision=LocationPrecision.town),
            )
    return None


def _punctuated(text: str, tokens: list[tuple[int, int, str]], j: int) -> bool:
    """Whether punctuation stands between token ``j`` and the one before it."""
    return 0 < j < len(tokens) and bool(text[tokens[j - 1][1] : tokens[j][0]].strip())


def _after_within(tokens: list[tuple[int, int, str]], j: int, words: Words) -> bool:
    """The name follows a word that puts a place inside another ("en", "à", "dans")."""
    return j > 0 and tokens[j - 1][2].lower() in words.within


def _descriptor(word: str, words: Words) -> bool:
    return any(_known(low, words) for low in {word.lower(), _bare(word.lower(), words.prefixes)})


def _known(low: str, words: Words) -> bool:
    return (
        low in words.types
        or low in words.fillers
        or low in words.links
        or low in words.near
        or low in words.regional
        or low in words.directions
        or low in words.units
        or low.isdigit()
    )


def _bare(low: str, prefixes: tuple[str, ...]) -> str:
    """A word without a one-letter prefix (Arabic): 'بريف' -> 'ريف', for the tables' look-ups."""
    for prefix in prefixes:
        if low.startswith(prefix) and len(low) > len(prefix) + 2:
            return low[len(prefix) :]
    return low


def _capital(word: str) -> bool:
    bare = re.sub(r"^(?:al|el|ad|an|ar|as|ash|at|az)-", "", word, flags=re.IGNORECASE)
    return bare[:1].isupper()


def _token_after(tokens: list[tuple[int, int, str]], offset: int) -> int:
    for k, (start, _, _) in enumerate(tokens):
        if start >= offset:
            return k
    return len(tokens)
