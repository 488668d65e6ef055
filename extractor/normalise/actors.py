"""Normalise an actor as written to an Actor (name, kind, country, role, organisation).

The alias tables live in ``extractor/data/actors.json``: organisations
(canonical name, kind, country, aliases; some aliases such as "Moscow" or
"Damascus" count only when they are the whole text) and known people (the
canonical spelling, their organisation; kind and country come from it).
Matching is case-, accent- and punctuation-insensitive and ignores a leading
"the", "a", "Britain-based" and similar.

* A known person anywhere in the text wins (a possessive such as "Mr Putin's
  spokesman Dmitry Peskov" is skipped for the person after it); the rest of the
  text, without honorifics (Mr, Mrs, Ms), becomes the role when none is given:
  "Major-General Igor Konashenkov" -> role "Major-General".
* Else an organisation in the text: the name is its canonical name. Words
  left over ("A Syrian military official") make an unnamed official: they
  become the role and the organisation is set too; the organisation itself
  has no organisation.
* Else the cleaned text is the name, with kind and country guessed from words
  such as "resident" or "Syrian" when they are plain.

The tables (``actor_tables``) hold every language's aliases, matched with the
document's language (``actor_keys``); bodies named after their place and
unnamed people of a kind come from language data (``language_actors``); a
description is resolved within its document by ``actor_context``.
"""

from __future__ import annotations

import functools
import re
from functools import lru_cache

from extractor.models import Actor, ActorKind
from extractor.normalise import written_actors
from extractor.normalise.actor_context import resolve_description, resolve_in_document
from extractor.normalise.actor_keys import actor_key, actor_tokens, language_data, strip_articles
from extractor.normalise.actor_tables import (
    Org,
    Person,
    aliases_by_language,
    armed_actor_names,
    clean,
    known_actor_end,
    names_known_actor,
    org_kind,
    tables,
)
from extractor.normalise.demonyms import country_of
from extractor.normalise.keys import find_phrases, name_key
from extractor.normalise.language_actors import group_words, is_group_in, templated
from extractor.normalise.roles import names_a_person, role_around, strip_titles, tidy_role
from extractor.normalise.titled_people import titled_person
from extractor.normalise.transliterated_names import transliterated_person

__all__ = [
    "aliases_by_language",
    "armed_actor_names",
    "known_actor_end",
    "names_known_actor",
    "normalise_actor",
    "resolve_description",
    "resolve_in_document",
]


_KIND_WORDS: list[tuple[ActorKind, str]] = [
    (ActorKind.monitor, r"monitor(ing group)?|activist group|observatory"),
    (
        ActorKind.civilian,
        r"residents?|activists?|witness(es)?|civilians?|villagers?|survivors?|father"
        r"|mother|relatives?",
    ),
    (
        ActorKind.ngo,
        r"rescue workers?|rescuers?|aid workers?|medics?|doctors?|charity|ngo"
        r"|humanitarian groups?",
    ),
    (
        ActorKind.media,
        r"news agency|newspaper|journalists?|reporters?|broadcaster|television|tv"
        r"|(?:news |media )?outlet|news website",
    ),
    (
        ActorKind.armed_group,
        r"rebels?|militants?|fighters?|jihadists?|insurgents?|militias?"
        r"|gunmen|armed groups?",
    ),
    (
        ActorKind.state_military,
        r"military|army|air force|troops|soldiers|armed forces"
        r"|warplanes?|jets?",
    ),
    (
        ActorKind.government,
        r"government|ministry|minister|officials?|president|ambassador"
        r"|diplomats?|spokes(man|woman)",
    ),
]


def normalise_actor(
    text: str | None,
    *,
    role: str | None = None,
    organisation: str | None = None,
    language: str | None = None,
) -> Actor:
    """Actor for a speaker or perpetrator as written; unknown text keeps its cleaned form.

    ``language`` is the document's (ISO 639-1), as `detect_language` gives it.

    The answer depends on the text and the tables only, and the same few
    actors recur in every article: it is computed once per distinct input
    and each caller gets its own copy (an Actor holds only plain values).
    """
    actor = _normalised(text, role, organisation, language)
    if role is None and actor.role and language not in (None, "en"):
        return actor.model_copy(update={"role": _bare_role(actor.role, language)})
    return actor.model_copy()


def _bare_role(role: str, language: str | None) -> str:
    """'El ministro del Interior' -> 'ministro del Interior': no leading article."""
    words = role.split()
    articles = {a.casefold() for a in language_data(language or "en").get("articles", [])}
    while len(words) > 1 and words[0].casefold() in articles:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=8192)
def _normalised(
    text: str | None, role: str | None, organisation: str | None, language: str | None = None
) -> Actor:
    if text is None or not text.strip():
        org = _find_org(organisation, language) if organisation else None
        if org is None:
            return Actor(text=text, role=role, organisation=organisation)
        return Actor(
            text=text, kind=org.kind, country=org.country, role=role, organisation=org.name
        )
    people, orgs, whole, longest = tables()
    cleaned = clean(text)
    mission = written_actors.mission(cleaned)
    if mission is not None:  # "Russia's mission to the UN in Geneva": Russia's, not the UN
        name, country = mission
        return Actor(name=name, text=text, kind=ActorKind.government, country=country, role=role)
    words, owner = _words(cleaned, language)
    tokens = [t for w in words for t in actor_tokens(w, language)]
    names_org = functools.partial(_names_org, language=language)
    person_span = _person_span(tokens, people, longest)
    org_span = _org_span(tokens, orgs, longest)
    if (
        person_span is not None
        and org_span is not None
        and org_span[0] <= person_span[0]
        and person_span[1] <= org_span[1]
        and org_span != person_span
    ):
        person_span = None  # "Assad forces", "the Assad regime": the name is the body's
    if person_span is not None:
        i, j = person_span
        person = people[" ".join(tokens[i:j])]
        org = person.organisation or (_find_org(organisation, language) if organisation else None)
        return Actor(
            name=person.name,
            text=text,
            kind=person.kind if person.kind is not ActorKind.unknown else org_kind(org),
            country=person.country or (org.country if org else None),
            role=role or role_around(words, owner, person_span, names_org),
            organisation=org.name if org else organisation,
        )
    org = whole.get(" ".join(strip_articles(tokens, language))) or _find_org(cleaned, language)
    span = _org_span(tokens, orgs, longest) if org is not None else None
    if span is not None and _only_describes(words, owner, span):
        org = None  # "The PKK-linked Sinjar Resistance Units": the PKK only describes them
    if org is not None:
        if span is not None and _joined_with_group(words, owner, span):
            # "the Palestinian Civil Defense and hospital officials": several sources, no one name
            return Actor(text=text, kind=org.kind, country=org.country, role=role)
        alias = " ".join(tokens[span[0] : span[1]]) if span else ""
        place = words[: owner[span[0]]] if span and org.local_units else []
        if place and all(w[:1].isupper() for w in place):
            return Actor(
                name=f"{' '.join(place)} {org.name}", text=text, kind=org.kind, country=org.country
            )
        named = _named_member(text, cleaned, role, org, alias, language)
        if named is not None:
            return named
        if span is not None and span[1] < len(tokens) - 1 and tokens[span[1]] == "s":
            rest = " ".join(words[owner[span[1]] + 1 :])
            if rest[:1].isupper():  # "Al-Shabab's Radio Andalus": the owner is not the speaker
                inner = _normalised(rest, role, organisation, language)
                return inner.model_copy(update={"text": text})
        if role is None and span is not None:
            around = role_around(words, owner, span, names_org)
            role = around if names_a_person(around) else None
        # an organisation speaking is no member of an organisation; an official of it is
        return Actor(
            name=org.name,
            text=text,
            kind=org.kind,
            country=org.country,
            role=role,
            organisation=org.name if role else None,
        )
    given = _find_org(organisation, language) if organisation else None
    written = _written(text, cleaned, role, given, language)
    if written is not None:
        return written
    name, title = strip_titles(cleaned)
    return Actor(
        name=name or cleaned,
        text=text,
        kind=given.kind if given else _guess_kind(f"{cleaned} {role or ''}"),
        country=given.country if given else _guess_country(cleaned, proper=True),
        role=role or title,
        organisation=given.name if given else organisation,
    )


def _person_span(
    tokens: list[str], people: dict[str, Person], longest: int
) -> tuple[int, int] | None:
    spans = find_phrases(tokens, people, longest)
    for i, j in spans:
        if j < len(tokens) and tokens[j] == "s" and (i, j) != spans[-1]:
            continue  # "Mr Putin's spokesman Dmitry Peskov": the possessor is not the speaker
        return i, j
    return spans[0] if spans else None


def _org_span(tokens: list[str], orgs: dict[str, Org], longest: int) -> tuple[int, int] | None:
    spans = find_phrases(tokens, orgs, longest)
    return max(spans, key=lambda s: s[1] - s[0]) if spans else None


def _only_describes(words: list[str], owner: list[int], span: tuple[int, int]) -> bool:
    word = owner[span[1] - 1]
    later = words[word + 1 :]
    return (
        bool(written_actors.DESCRIPTOR.match(words[word]))
        and bool(later)
        and later[0][:1].isupper()
    )


def _joined_with_group(words: list[str], owner: list[int], span: tuple[int, int]) -> bool:
    last = owner[span[1] - 1]
    if last + 1 >= len(words) or words[last + 1].lower() != "and":
        return False
    rest = " ".join(words[last + 2 :])
    return bool(rest) and written_actors.is_source_group(rest)


def _find_org(text: str, language: str | None = None) -> Org | None:
    _, orgs, whole, longest = tables()
    tokens = actor_tokens(clean(text), language)
    bare = " ".join(strip_articles(tokens, language))
    if bare in whole:
        return whole[bare]
    span = _org_span(tokens, orgs, longest)
    return orgs[" ".join(tokens[span[0] : span[1]])] if span else None


def _names_org(text: str, language: str | None = None) -> bool:
    return _find_org(text, language) is not None


def _words(cleaned: str, language: str | None = None) -> tuple[list[str], list[int]]:
    """Whitespace words and, for each matching token, the index of its word."""
    words = cleaned.split()
    owner = [n for n, w in enumerate(words) for _ in actor_tokens(w, language)]
    return words, owner


_KIND_PATTERNS = [(k, re.compile(rf"\b({words})\b", re.I)) for k, words in _KIND_WORDS]


def _guess_kind(text: str) -> ActorKind:
    found = (k for k, pattern in _KIND_PATTERNS if pattern.search(text))
    return next(found, ActorKind.unknown)


def _guess_country(text: str, *, proper: bool = False) -> str | None:
    """The country a demonym in ``text`` names ("Syrian activists" -> SYR); with
    ``proper``, none for a proper name ("the Kuwaiti Hospital" in Rafah is no Kuwaiti
    body: a demonym in a name says nothing of where it is)."""
    words = text.split()
    if proper and len(words) > 1 and all(w[:1].isupper() for w in words):
        return None
    return next(filter(None, map(country_of, name_key(text).split())), None)


_OF_BODY = re.compile(r"^(?P<role>.+?)\s+(?:for|of|from|with)\s+(?:the\s+)?(?P<body>.+)$", re.I)


def nouns_capitalised(language: str | None) -> bool:
    """German: every noun has a capital, so capitals do not tell a name."""
    return bool(language) and bool(language_data(language or "en").get("nouns_capitalised"))


def _written(
    text: str, cleaned: str, role: str | None, given: Org | None, language: str | None = None
) -> Actor | None:
    """An actor no table names, read from how it is written (see ``written_actors``)."""
    names_org = functools.partial(_names_org, language=language)
    found = written_actors.institution(cleaned)
    if found is not None:
        name, kind, country = found
        if kind is ActorKind.unknown:
            kind = _guess_kind(name)
        return Actor(name=name, text=text, kind=kind, country=country, role=role)
    at = written_actors.at_institution(cleaned)
    if at is not None:
        name, around = at
        return Actor(name=name, text=text, kind=_guess_kind(name), role=role or around)
    foreign = transliterated_person(cleaned, language)
    if foreign is not None:  # "الناشط الإعلامي أحمد الخطيب": Ahmad al-Khatib
        name, around = foreign
        return Actor(
            name=name,
            text=text,
            kind=given.kind if given else ActorKind.unknown,
            country=given.country if given else None,
            role=role or around,
            organisation=given.name if given else None,
        )
    if given is None and is_group_in(cleaned, language):
        return Actor(
            text=text,
            kind=_guess_kind(f"{cleaned} {role or ''}"),
            country=_guess_country(cleaned),
            role=role,
        )
    titled = titled_person(cleaned, language)
    if titled is not None:  # "Gouverneur Wjatscheslaw Gladkow", "le président Emmanuel Macron"
        name, title = titled
        return Actor(
            name=name,
            text=text,
            kind=given.kind if given else _guess_kind(title),
            country=given.country if given else _guess_country(title),
            role=role or title,
            organisation=given.name if given else None,
        )
    if language not in (None, "en") and "," not in cleaned:  # "o governador ..., Vadym X": his
        by_template = templated(cleaned, language)  # before a name: German nouns are capitalised
        if by_template is not None:
            name, kind, country = by_template
            return Actor(name=name, text=text, kind=kind, country=country, role=role)
    # German capitalises every noun: only "der Gouverneur des Gebiets, Wadym X" tells a name
    plain = "," in cleaned or not nouns_capitalised(language)
    person = written_actors.person(cleaned) if plain else None
    if person is not None:
        name, around = person
        org = given or (_find_org(around, language) if around else None)
        if org is None and around:
            inst = written_actors.institution(around.split(",")[0])
            org_name, kind, country = inst if inst else (None, ActorKind.unknown, None)
        else:
            org_name = org.name if org else None
            kind, country = org_kind(org), org.country if org else None
        return Actor(
            name=name,
            text=text,
            kind=kind if kind is not ActorKind.unknown else _guess_kind(around or ""),
            country=country or _guess_country(around or ""),
            role=role or (tidy_role(around, names_org) if around else None),
            organisation=org_name,
        )
    by_template = templated(cleaned, language)
    if by_template is not None:
        name, kind, country = by_template
        return Actor(name=name, text=text, kind=kind, country=country, role=role)
    of_body = _OF_BODY.match(cleaned)
    if of_body and names_a_person(of_body["role"]):
        body = _normalised(of_body["body"], None, None, language)
        if body.name and body.name != clean(of_body["body"]):
            return Actor(
                name=body.name,
                text=text,
                kind=body.kind,
                country=body.country,
                role=role or of_body["role"],
                organisation=body.name,
            )
    trimmed = written_actors.trimmed_name(cleaned)
    if trimmed is not None and _after_link(cleaned, trimmed, language):
        trimmed = None  # "o administrador de Macomia": a person of a place, not the place
    if trimmed is not None and actor_key(trimmed, language) in tables()[2]:
        # "Gaza's Civil Defence": an alias that counts only as the whole text does not count here
        return Actor(name=trimmed, text=text, kind=_guess_kind(trimmed), role=role)
    if trimmed is not None:
        inner = _normalised(trimmed, role, given.name if given else None, language)
        if inner.kind is ActorKind.unknown:  # "The local news outlet Nineveh Voices"
            inner = inner.model_copy(update={"kind": _guess_kind(cleaned)})
        return inner.model_copy(update={"text": text})
    if given is None and written_actors.is_source_group(cleaned):
        return Actor(
            text=text,
            kind=_guess_kind(f"{cleaned} {role or ''}"),
            country=_guess_country(cleaned),
            role=role,
        )
    return None


def _after_link(cleaned: str, name: str, language: str | None) -> bool:
    """Whether ``name`` follows a preposition of the document's language ("de", "em")."""
    if language in (None, "en"):
        return False
    at = cleaned.rfind(name)
    before = cleaned[:at].split()
    links = group_words(language)[1]
    return bool(before) and any(t.casefold() in links for t in actor_tokens(before[-1], language))


def _named_member(
    text: str, cleaned: str, role: str | None, org: Org, alias: str, language: str | None
) -> Actor | None:
    """A person named after their organisation: "Huthi military spokesman ... Abdullah al-Murtada"."""
    names_org = functools.partial(_names_org, language=language)
    person = written_actors.person(cleaned)
    if person is None or _find_org(person[0], language) is not None or name_key(person[0]) in alias:
        return None  # "Raqqa is Being Slaughtered Silently": the name is the organisation's
    name, around = person
    if _after_link(cleaned, name, language):
        return None  # "A Polícia ... (PRM) em Cabo Delgado": a place, not a member
    return Actor(
        name=name,
        text=text,
        kind=org.kind,
        country=org.country,
        role=role or (tidy_role(around, names_org) if around else None),
        organisation=org.name,
    )
