"""A person named after their title, read from per-language data (``person_titles.json``).

"Gouverneur Wjatscheslaw Gladkow" -> ("Wjatscheslaw Gladkow", "Gouverneur"); "le
président Emmanuel Macron" -> ("Emmanuel Macron", "président"); "UN-Generalsekretär
António Guterres": the title ends the compound. In a language that capitalises every
noun the title is what tells a name from the nouns before it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from extractor.normalise.actor_keys import language_data

_PARTICLES = frozenset(("al", "el", "de", "da", "do", "dos", "del", "von", "van", "bin", "ibn"))
_MAX_NAME_WORDS = 4


@lru_cache(maxsize=1)
def _titles() -> dict[str, tuple[tuple[str, ...], ...]]:
    raw = resources.files("extractor").joinpath("data/person_titles.json").read_text("utf-8")
    data = json.loads(raw)
    return {
        lang: tuple(tuple(t.casefold().split()) for t in titles)
        for lang, titles in data.items()
        if not lang.startswith("_")
    }


def _title_end(words: list[str], language: str) -> int | None:
    """Index after the last title among ``words`` (a title may end a compound)."""
    folded = [w.casefold().strip(",;:") for w in words]
    found = None
    for title in _titles().get(language, ()):
        n = len(title)
        for i in range(len(folded) - n + 1):
            head, rest = folded[i : i + n - 1], folded[i + n - 1]
            last = title[-1]
            if list(title[:-1]) == head and (rest == last or rest.endswith(("-" + last, last))):
                compound = n == 1 and rest != last and not rest.endswith("-" + last)
                if compound and not language_data(language).get("nouns_capitalised"):
                    continue  # a compound title is German's, not "ministro" in "exministro"
                found = max(found or 0, i + n)
    return found


def titled_person(cleaned: str, language: str | None) -> tuple[str, str] | None:
    """(name, title as written) when ``cleaned`` is a title followed by a personal name."""
    if not language or language not in _titles():
        return None
    words = cleaned.split()
    end = _title_end(words, language)
    if end is None or end >= len(words):
        return None
    name = words[end:]
    if len(name) > _MAX_NAME_WORDS or len(name) < 2:
        return None
    if not all(w[:1].isupper() or w.casefold() in _PARTICLES for w in name):
        return None
    if not name[0][:1].isupper() or not name[-1][:1].isupper():
        return None
    articles = {a.casefold() for a in language_data(language).get("articles", [])}
    before = words[:end]
    while len(before) > 1 and before[0].casefold() in articles:
        before = before[1:]
    return " ".join(name), " ".join(before)
