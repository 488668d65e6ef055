"""Actors read from language data: bodies named after their place (``templates``) and
people of a kind with no name (``source_groups``), per ``actors_<language>.json``."""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.models import ActorKind
from extractor.normalise.actor_keys import actor_key, actor_tokens, language_data

_PLACE = r"(?P<place>[^\W\d_][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"


@lru_cache(maxsize=16)
def _templates(language: str | None) -> list[tuple[re.Pattern[str], str, ActorKind, str | None]]:
    """A language's written forms of bodies named after their place (data: ``templates``)."""
    out = []
    for lang in dict.fromkeys([language or "en", "en"]):
        for t in language_data(lang).get("templates", []):
            before, _, after = t["written"].partition("{place}")
            pattern = re.compile(
                rf"(?:^|\s)(?i:{re.escape(before)}){_PLACE}(?i:{re.escape(after)})(?=\s|$|,)"
                if before
                else rf"^{_PLACE}\s*(?i:{re.escape(after.strip())})$"
            )
            out.append((pattern, t["name"], ActorKind(t["kind"]), t.get("country")))
    return out


def templated(cleaned: str, language: str | None) -> tuple[str, ActorKind, str | None] | None:
    """'o governador da região de Dnipropetrovsk' -> 'Dnipropetrovsk Regional Military
    Administration'; 'the Kharkiv regional prosecutor's office' likewise."""
    for pattern, name, kind, country in _templates(language):
        m = pattern.search(cleaned)
        if m is not None and m["place"][:1].isupper():
            return name.replace("{place}", m["place"]), kind, country
    return None


@lru_cache(maxsize=16)
def group_words(
    language: str | None,
) -> tuple[frozenset[str], frozenset[str], frozenset[str], bool]:
    data = language_data(language or "en")

    def keys(field: str) -> frozenset[str]:
        return frozenset(actor_key(w, language).casefold() for w in data.get(field, []))

    return (
        keys("source_groups"),
        keys("links"),
        keys("group_modifiers"),
        bool(data.get("nouns_capitalised")),
    )


def is_group_in(cleaned: str, language: str | None) -> bool:
    """'Les habitants d'Amasrakad', 'um morador que fugiu', 'Ein Bewohner von Maarschurin':
    people of a kind, with no name (data: ``source_groups``, ``group_modifiers``, ``links``)."""
    if language in (None, "en"):
        return False
    groups, links, modifiers, capitalised = group_words(language)
    if not groups:
        return False
    head_words = cleaned.split(",")[0].split()
    tokens = [t.casefold() for w in head_words for t in actor_tokens(w, language)]
    cut = next((n for n, t in enumerate(tokens) if n > 0 and t in links), len(tokens))
    tokens = tokens[:cut]
    content = [t for t in tokens if t not in modifiers]
    if not content or (content[0] not in groups and " ".join(content[:2]) not in groups):
        return False
    if capitalised:
        return True
    if not any(has_case(w) for w in head_words):
        return len(tokens) <= 3  # no capitals to tell a name by: a short phrase only
    words = head_words[: len(tokens)]
    return not any(w[:1].isupper() for w in words[1:])


def has_case(word: str) -> bool:
    return any(c.lower() != c.upper() for c in word)
