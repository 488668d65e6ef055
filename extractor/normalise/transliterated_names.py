"""Personal names written in another script, in the conventional English spelling that
the canonical names use: 'الناشط الإعلامي أحمد الخطيب' -> 'Ahmad al-Khatib', role
'الناشط الإعلامي'.

A name starts at a known given name (data: ``extractor/data/names_<language>.json``,
``given_names``) and runs over the name words after it: listed ones (``name_words``:
"بن", "أبو", common family names) or, in Arabic, a last word of letters that is no word
of speech (``not_names``), romanised letter by letter ("ال" as "al-"). The words before the name are the role. A language without a
names file has no such reading.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["romanised", "transliterated_person"]

_MAX_NAME_WORDS = 4
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]+$")
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})
# one Latin spelling per letter; long vowels written as vowels between consonants
_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "", "ئ": "", "ب": "b", "ت": "t",
    "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a",
    "و": "u", "ي": "i", "ى": "a",
}  # fmt: skip


def _fold(word: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFKC", word)).translate(_FOLD)


@lru_cache(maxsize=8)
def _names(language: str) -> tuple[dict[str, str], dict[str, str], frozenset[str]] | None:
    entry = resources.files("extractor").joinpath(f"data/names_{language}.json")
    if not entry.is_file():
        return None
    raw = json.loads(entry.read_text("utf-8"))

    def folded(table: dict[str, str]) -> dict[str, str]:
        return {" ".join(_fold(w) for w in k.split()): v for k, v in table.items()}

    not_names = frozenset(_fold(w) for w in raw.get("not_names", []))
    return folded(raw.get("given_names", {})), folded(raw.get("name_words", {})), not_names


def _romanised(word: str) -> str:
    """A name word no table lists, letter by letter: 'الحمصي' -> 'al-Hmsi'."""
    prefix = ""
    if word.startswith("ال") and len(word) > 3:
        prefix, word = "al-", word[2:]
    first = _LETTERS.get(word[0], "")
    if word[0] == "و":
        first = "w"
    elif word[0] == "ي":
        first = "y"
    latin = first + "".join(_LETTERS.get(ch, "") for ch in word[1:])
    return prefix + latin[:1].upper() + latin[1:] if latin else ""


def romanised(text: str) -> str:
    """Arabic-script words letter by letter ('حاس' -> 'Has'); other words as they are."""
    return " ".join(
        _romanised(_fold(w)) if _ARABIC_WORD.match(_fold(w)) else w for w in text.split()
    )


def _family_name(word: str, not_names: frozenset[str]) -> bool:
    """A word that may be a family name no table lists: letters, three at least, and no
    word of speech ("إن", "قال": data ``not_names``)."""
    return bool(_ARABIC_WORD.match(word)) and len(word) >= 3 and word not in not_names


def _longest(words: list[str], table: dict[str, str], at: int) -> tuple[str, int] | None:
    for n in (2, 1):
        key = " ".join(words[at : at + n])
        if len(words[at : at + n]) == n and key in table:
            return table[key], n
    return None


def transliterated_person(cleaned: str, language: str | None) -> tuple[str, str | None] | None:
    """(name, role) of a personal name written in ``language``'s script, or None."""
    tables = _names(language) if language else None
    if tables is None:
        return None
    given, name_words, not_names = tables
    words = cleaned.split()
    folded = [_fold(w) for w in words]
    for start in range(len(words)):
        first = _longest(folded, given, start)
        if first is None:
            continue
        parts, at = [first[0]], start + first[1]
        while at < len(words) and len(parts) < _MAX_NAME_WORDS:
            known = _longest(folded, name_words, at) or _longest(folded, given, at)
            if known is not None:
                parts.append(known[0])
                at += known[1]
            elif _family_name(folded[at], not_names) and at == len(words) - 1:
                parts.append(_romanised(folded[at]))  # a family name ending the text
                at += 1
            else:
                break
        if len(parts) < 2 or at < len(words):
            continue  # a given name alone, or words after the name: no one named
        role = " ".join(words[:start]).strip() or None
        return " ".join(parts), role
    return None
