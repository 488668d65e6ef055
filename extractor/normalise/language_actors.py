"""Actors read from language data: bodies named after their place (``templates``) and
people of a kind with no name (``source_groups``), per ``actors_<language>.json``."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

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
def _bare_templates(language: str | None) -> dict[str, list[tuple[str, ActorKind, str | None]]]:
    """A language's templates without their place: 'procuradoria regional de {place}' ->
    'procuradoria regional', '{place} regional military administration' -> 'regional
    military administration' (keys as `actor_key` gives them); one written form may name
    bodies of several countries ("o governador regional" of Kharkiv or of Belgorod)."""
    out: dict[str, list[tuple[str, ActorKind, str | None]]] = {}
    for lang in dict.fromkeys([language or "en", "en"]):
        links = group_words(lang)[1]
        for t in language_data(lang).get("templates", []):
            before, _, after = t["written"].partition("{place}")
            words = before.split()
            while words and actor_key(words[-1], lang).casefold() in links:
                words = words[:-1]  # "de", "der Region": the place's link goes with it
            key = actor_key(" ".join([*words, *after.split()]), lang).casefold()
            entry = (t["name"], ActorKind(t["kind"]), t.get("country"))
            if key and entry not in out.get(key, []):
                out.setdefault(key, []).append(entry)
    return out


def bare_template(cleaned: str, language: str | None) -> list[tuple[str, ActorKind, str | None]]:
    """The templates a body written without its place follows ("a procuradoria regional",
    "the regional military administration"): each name with ``{place}``, kind, country."""
    return _bare_templates(language).get(actor_key(cleaned, language).casefold(), [])


@lru_cache(maxsize=1)
def _region_forms() -> dict[str, str]:
    raw = resources.files("extractor").joinpath("data/actors.json").read_text("utf-8")
    return json.loads(raw).get("region_forms", {})


def region_place(admin1: str | None, country: str | None) -> str | None:
    """The place a body is named after, from the province it serves: 'Sumy Oblast' ->
    'Sumy' (data: ``region_forms`` in ``actors.json``, per country)."""
    if not admin1:
        return None
    before, _, after = _region_forms().get(country or "", "{place}").partition("{place}")
    if admin1.startswith(before) and admin1.endswith(after):
        return admin1[len(before) : len(admin1) - len(after)].strip() or None
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
