"""The alias tables of actors, built once: organisations and people with their aliases in
every language (``extractor/data/actors.json`` and ``actors_<language>.json``), and the
lookups other modules share (the canonical names, a table name at the start of a text).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extractor.models import ActorKind
from extractor.normalise.actor_keys import actor_key, actor_tokens, language_data, languages
from extractor.normalise.keys import find_phrases

_LEADING = re.compile(
    r"^(?:(?:the|a|an)\s+|(?:britain|british|uk|london|us|u\.s\.|washington|moscow|turkey|"
    r"geneva|paris|beirut|coventry)[-\s]based\s+)+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Org:
    name: str
    kind: ActorKind
    country: str | None
    local_units: bool = False  # "the Kanbalu PDF" is a unit of its own, named after its place


@dataclass(frozen=True)
class Person:
    name: str
    organisation: Org | None
    kind: ActorKind
    country: str | None


def raw_tables() -> dict:
    return json.loads(resources.files("extractor").joinpath("data/actors.json").read_text("utf-8"))


def aliases_by_language() -> dict[str, dict[str, list[str]]]:
    """Every organisation alias, as ``{language: {canonical name: [alias, ...]}}``
    (English from ``actors.json``, the others from ``data/actors_<language>.json``)."""
    out: dict[str, dict[str, list[str]]] = {
        "en": {
            item["name"]: [item["name"], *item["aliases"]] for item in raw_tables()["organisations"]
        }
    }
    for language in languages():
        table = language_data(language).get("organisations", {})
        if table:
            out.setdefault(language, {})
            for name, aliases in table.items():
                out[language].setdefault(name, []).extend(aliases)
    return out


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, Person], dict[str, Org], dict[str, Org], int]:
    raw = raw_tables()
    orgs: dict[str, Org] = {}
    whole: dict[str, Org] = {}
    by_name: dict[str, Org] = {}
    for item in raw["organisations"]:
        org = Org(
            item["name"],
            ActorKind(item["kind"]),
            item.get("country"),
            item.get("local_units", False),
        )
        by_name[org.name] = org
        for alias in [item["name"], *item["aliases"]]:
            orgs.setdefault(actor_key(alias, "en"), org)
        for alias in item.get("whole_text_aliases", []):
            whole.setdefault(actor_key(alias, "en"), org)
    for language in languages():
        data = language_data(language)
        for field, index in (("organisations", orgs), ("whole_text_organisations", whole)):
            for name, aliases in data.get(field, {}).items():
                org = by_name[name]  # a language file names only canonical organisations
                for alias in aliases:
                    key = actor_key(alias, language)
                    if key:
                        index.setdefault(key, org)
    people: dict[str, Person] = {}
    for item in raw["people"]:
        org = by_name.get(item.get("organisation") or "")
        if item.get("kind"):
            kind, country = ActorKind(item["kind"]), item.get("country")
        else:
            kind, country = org_kind(org), org.country if org else None
        person = Person(item["name"], org, kind, country)
        for alias in [item["name"], *item["aliases"]]:
            people.setdefault(actor_key(alias, "en"), person)
    by_person = {p.name: p for p in people.values()}
    for language in languages():
        for name, aliases in language_data(language).get("people", {}).items():
            for alias in aliases:
                people.setdefault(actor_key(alias, language), by_person[name])
    longest = max(len(k.split()) for k in [*orgs, *people])
    return people, orgs, whole, longest


def org_kind(org: Org | None) -> ActorKind:
    return org.kind if org else ActorKind.unknown


def clean(text: str) -> str:
    return _LEADING.sub("", " ".join(text.split()).strip(" ,;:.\"'“”‘’()")).strip()


@lru_cache(maxsize=1)
def canonical_names() -> frozenset[str]:
    people, orgs, _, _ = tables()
    return frozenset({o.name for o in orgs.values()} | {p.name for p in people.values()})


@lru_cache(maxsize=1)
def armed_actor_names() -> tuple[str, ...]:
    """Names and aliases of the armed groups and state forces in the alias table, longest
    first (for rules that look for an attacker named in a sentence)."""
    raw = raw_tables()
    names = {
        alias
        for item in raw["organisations"]
        if item["kind"] in ("armed_group", "state_military")
        for alias in [item["name"], *item["aliases"]]
        if len(alias) >= 3
    }
    return tuple(sorted(names, key=len, reverse=True))


def names_known_actor(text: str, language: str | None = None) -> bool:
    """Whether ``text`` holds an organisation or person of the tables."""
    return known_actor_end(text, language, anywhere=True) is not None


def known_actor_end(
    text: str, language: str | None = None, *, anywhere: bool = False
) -> int | None:
    """Where in ``text`` the table organisation or person it starts with ends (within its
    first two words; anywhere with ``anywhere``): 'المرصد السوري لحقوق الإنسان استشهادهم'
    -> the end of 'الإنسان'. None when it starts with none."""
    people, orgs, _, longest = tables()
    words = text.split()
    tokens: list[str] = []
    owner: list[int] = []
    for n, word in enumerate(words):
        for t in actor_tokens(word, language):
            tokens.append(t)
            owner.append(n)
    best: int | None = None
    for index in (orgs, people):
        for i, j in find_phrases(tokens, index, longest):
            if anywhere or owner[i] <= 1:
                best = max(best or 0, owner[j - 1])
    if best is None:
        return None
    end = 0
    for n, word in enumerate(words):
        end = text.index(word, end) + len(word)
        if n == best:
            return end
    return None
