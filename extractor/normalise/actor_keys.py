"""Matching keys for actor names in any language and script.

Latin-script text folds as `keys.name_tokens` does (accents, case,
apostrophes, a possessive 's as its own token), after an elided article is
split off ("l'Observatoire" -> "l observatoire", "d'Amnesty" -> "d amnesty").
Other scripts keep their letters: Arabic loses its short vowels and tatweel,
its alef, yeh and teh marbuta variants are folded, and the article ال (with a
proclitic و، ب، ف، ك or ل before it: "والمرصد", "للمرصد") is dropped from
every word, so "المرصد السوري" and "بحسب المرصد السوري" share the words
"مرصد سوري". Which articles and elisions a language has is data
(``extractor/data/actors_<language>.json``, key ``articles``); the code only
applies them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from extractor.normalise.keys import name_tokens

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
# any script without case folding to ASCII: Arabic, Cyrillic, Greek, Hebrew ...
_NON_LATIN_WORD = re.compile(r"[^\W\d_]+")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_ARABIC_ARTICLE = re.compile(r"^(?:[وفبك]?ال|لل)(?=\S{2,})")
_ELISION_MARKS = "'’ʼ`´"
_POSSESSIVE_END = re.compile(r"['’]s\W*$")


@lru_cache(maxsize=1)
def _languages() -> dict[str, dict]:
    base = resources.files("extractor").joinpath("data")
    out: dict[str, dict] = {}
    for entry in base.iterdir():
        if entry.name.startswith("actors_") and entry.name.endswith(".json"):
            raw = json.loads(entry.read_text("utf-8"))
            out[raw["language"]] = raw
    return out


def languages() -> list[str]:
    """The languages with an alias file (ISO 639-1)."""
    return sorted(_languages())


def language_data(language: str) -> dict:
    """The raw alias file of one language ({} when there is none)."""
    return _languages().get(language, {})


@lru_cache(maxsize=32)
def _articles(language: str | None) -> tuple[frozenset[str], re.Pattern[str] | None]:
    data = language_data(language or "en") or language_data("en")
    articles = frozenset(
        " ".join(_plain_tokens(a, None)) for a in data.get("articles", []) if a.strip()
    )
    elisions = data.get("elisions", [])
    pattern = None
    if elisions:
        alternatives = "|".join(re.escape(e) for e in sorted(elisions, key=len, reverse=True))
        pattern = re.compile(
            rf"(?<![^\W\d_])({alternatives})[{_ELISION_MARKS}](?=[^\W\d_])", re.IGNORECASE
        )
    return articles, pattern


def _arabic_tokens(chunk: str) -> list[str]:
    plain = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", chunk)).translate(_ARABIC_LETTERS)
    return [_ARABIC_ARTICLE.sub("", w) for w in re.findall(r"[\u0621-\u064a\u0671-\u06d3]+", plain)]


def _other_tokens(chunk: str) -> list[str]:
    """Words of a Latin chunk as `name_tokens` gives them; other scripts' letters kept."""
    tokens = name_tokens(chunk)
    if chunk.isascii() or not re.search(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]", chunk):
        return tokens
    out: list[str] = []
    for word in chunk.split():
        if re.search(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]", word):
            decomposed = unicodedata.normalize("NFKD", word.casefold())
            bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
            out.extend(_NON_LATIN_WORD.findall(bare))
        else:
            out.extend(name_tokens(word))
    return out


def _is_acronym(word: str) -> bool:
    """'WHO', 'U.N.', "SOHR's": capitals only (a possessive aside), two letters or more."""
    bare = _POSSESSIVE_END.sub("", word)
    letters = [c for c in bare if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _plain_tokens(text: str, elision: re.Pattern[str] | None) -> list[str]:
    """Tokens word by word; an acronym's tokens stay in capitals, so that "WHO" and
    "UN" never match "who" and the French "un"."""
    text = text.replace("ß", "ss")  # "Großbritannien": one word, as "Grossbritannien"
    if elision is not None:
        text = elision.sub(r"\1 ", text)
    out: list[str] = []
    for word in text.split():
        tokens = _word_tokens(word)
        if _is_acronym(word):
            possessive = bool(_POSSESSIVE_END.search(word)) and tokens[-1:] == ["s"]
            tokens = [t.upper() for t in (tokens[:-1] if possessive else tokens)] + (
                ["s"] if possessive else []
            )
        out.extend(tokens)
    return out


def _word_tokens(text: str) -> list[str]:
    if text.isascii():
        return name_tokens(text)
    out: list[str] = []
    cursor = 0
    for m in _ARABIC.finditer(text):
        out.extend(_other_tokens(text[cursor : m.start()]))
        out.extend(_arabic_tokens(m.group()))
        cursor = m.end()
    out.extend(_other_tokens(text[cursor:]))
    return [t for t in out if t]


def actor_tokens(text: str, language: str | None = None) -> list[str]:
    """Matching words of ``text`` in ``language``: 'l'Observatoire syrien' ->
    ['l', 'observatoire', 'syrien']; 'المرصد السوري' -> ['مرصد', 'سوري']."""
    _, elision = _articles(language)
    return _plain_tokens(text, elision)


def strip_articles(tokens: list[str], language: str | None = None) -> list[str]:
    """``tokens`` without the leading articles of ``language`` (and English's)."""
    articles, _ = _articles(language)
    english, _ = _articles("en")
    out = list(tokens)
    while len(out) > 1 and (out[0] in articles or out[0] in english):
        out = out[1:]
    return out


def actor_key(text: str, language: str | None = None) -> str:
    """The key an alias is stored under: its words without leading articles."""
    return " ".join(strip_articles(actor_tokens(text, language), language))
