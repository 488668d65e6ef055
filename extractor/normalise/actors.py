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
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extractor.models import Actor, ActorKind
from extractor.normalise import written_actors
from extractor.normalise.actor_keys import (
    actor_key,
    actor_tokens,
    language_data,
    languages,
    strip_articles,
)
from extractor.normalise.demonyms import country_of
from extractor.normalise.keys import find_phrases, name_key
from extractor.normalise.roles import names_a_person, role_around, strip_titles, tidy_role

_LEADING = re.compile(
    r"^(?:(?:the|a|an)\s+|(?:britain|british|uk|london|us|u\.s\.|washington|moscow|turkey|"
    r"geneva|paris|beirut|coventry)[-\s]based\s+)+",
    re.IGNORECASE,
)
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


@dataclass(frozen=True)
class _Org:
    name: str
    kind: ActorKind
    country: str | None
    local_units: bool = False  # "the Kanbalu PDF" is a unit of its own, named after its place


@dataclass(frozen=True)
class _Person:
    name: str
    organisation: _Org | None
    kind: ActorKind
    country: str | None


def _raw() -> dict:
    return json.loads(resources.files("extractor").joinpath("data/actors.json").read_text("utf-8"))


def aliases_by_language() -> dict[str, dict[str, list[str]]]:
    """Every organisation alias, as ``{language: {canonical name: [alias, ...]}}``
    (English from ``actors.json``, the others from ``data/actors_<language>.json``)."""
    out: dict[str, dict[str, list[str]]] = {
        "en": {item["name"]: [item["name"], *item["aliases"]] for item in _raw()["organisations"]}
    }
    for language in languages():
        table = language_data(language).get("organisations", {})
        if table:
            out.setdefault(language, {})
            for name, aliases in table.items():
                out[language].setdefault(name, []).extend(aliases)
    return out


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, _Person], dict[str, _Org], dict[str, _Org], int]:
    raw = _raw()
    orgs: dict[str, _Org] = {}
    whole: dict[str, _Org] = {}
    by_name: dict[str, _Org] = {}
    for item in raw["organisations"]:
        org = _Org(
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
    people: dict[str, _Person] = {}
    for item in raw["people"]:
        org = by_name.get(item.get("organisation") or "")
        if item.get("kind"):
            kind, country = ActorKind(item["kind"]), item.get("country")
        else:
            kind, country = _org_kind(org), org.country if org else None
        person = _Person(item["name"], org, kind, country)
        for alias in [item["name"], *item["aliases"]]:
            people.setdefault(actor_key(alias, "en"), person)
    by_person = {p.name: p for p in people.values()}
    for language in languages():
        for name, aliases in language_data(language).get("people", {}).items():
            for alias in aliases:
                people.setdefault(actor_key(alias, language), by_person[name])
    longest = max(len(k.split()) for k in [*orgs, *people])
    return people, orgs, whole, longest


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
    people, orgs, whole, longest = _tables()
    cleaned = _clean(text)
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
            kind=person.kind if person.kind is not ActorKind.unknown else _org_kind(org),
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
        country=given.country if given else _guess_country(cleaned),
        role=role or title,
        organisation=given.name if given else organisation,
    )


def _clean(text: str) -> str:
    return _LEADING.sub("", " ".join(text.split()).strip(" ,;:.\"'“”‘’()")).strip()


def _person_span(
    tokens: list[str], people: dict[str, _Person], longest: int
) -> tuple[int, int] | None:
    spans = find_phrases(tokens, people, longest)
    for i, j in spans:
        if j < len(tokens) and tokens[j] == "s" and (i, j) != spans[-1]:
            continue  # "Mr Putin's spokesman Dmitry Peskov": the possessor is not the speaker
        return i, j
    return spans[0] if spans else None


def _org_span(tokens: list[str], orgs: dict[str, _Org], longest: int) -> tuple[int, int] | None:
    spans = find_phrases(tokens, orgs, longest)
    return max(spans, key=lambda s: s[1] - s[0]) if spans else None


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


def _templated(cleaned: str, language: str | None) -> tuple[str, ActorKind, str | None] | None:
    """'o governador da região de Dnipropetrovsk' -> 'Dnipropetrovsk Regional Military
    Administration'; 'the Kharkiv regional prosecutor's office' likewise."""
    for pattern, name, kind, country in _templates(language):
        m = pattern.search(cleaned)
        if m is not None and m["place"][:1].isupper():
            return name.replace("{place}", m["place"]), kind, country
    return None


@lru_cache(maxsize=16)
def _group_words(
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


def _is_group_in(cleaned: str, language: str | None) -> bool:
    """'Les habitants d'Amasrakad', 'um morador que fugiu', 'Ein Bewohner von Maarschurin':
    people of a kind, with no name (data: ``source_groups``, ``group_modifiers``, ``links``)."""
    if language in (None, "en"):
        return False
    groups, links, modifiers, capitalised = _group_words(language)
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
    if not any(_has_case(w) for w in head_words):
        return len(tokens) <= 3  # no capitals to tell a name by: a short phrase only
    words = head_words[: len(tokens)]
    return not any(w[:1].isupper() for w in words[1:])


def _has_case(word: str) -> bool:
    return any(c.lower() != c.upper() for c in word)


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


def _find_org(text: str, language: str | None = None) -> _Org | None:
    _, orgs, whole, longest = _tables()
    tokens = actor_tokens(_clean(text), language)
    bare = " ".join(strip_articles(tokens, language))
    if bare in whole:
        return whole[bare]
    span = _org_span(tokens, orgs, longest)
    return orgs[" ".join(tokens[span[0] : span[1]])] if span else None


def _names_org(text: str, language: str | None = None) -> bool:
    return _find_org(text, language) is not None


def _org_kind(org: _Org | None) -> ActorKind:
    return org.kind if org else ActorKind.unknown


def _words(cleaned: str, language: str | None = None) -> tuple[list[str], list[int]]:
    """Whitespace words and, for each matching token, the index of its word."""
    words = cleaned.split()
    owner = [n for n, w in enumerate(words) for _ in actor_tokens(w, language)]
    return words, owner


_KIND_PATTERNS = [(k, re.compile(rf"\b({words})\b", re.I)) for k, words in _KIND_WORDS]


def _guess_kind(text: str) -> ActorKind:
    found = (k for k, pattern in _KIND_PATTERNS if pattern.search(text))
    return next(found, ActorKind.unknown)


def _guess_country(text: str) -> str | None:
    return next(filter(None, map(country_of, name_key(text).split())), None)


_OF_BODY = re.compile(r"^(?P<role>.+?)\s+(?:for|of|from|with)\s+(?:the\s+)?(?P<body>.+)$", re.I)


def _written(
    text: str, cleaned: str, role: str | None, given: _Org | None, language: str | None = None
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
    if given is None and _is_group_in(cleaned, language):
        return Actor(
            text=text,
            kind=_guess_kind(f"{cleaned} {role or ''}"),
            country=_guess_country(cleaned),
            role=role,
        )
    person = written_actors.person(cleaned)
    if person is not None:
        name, around = person
        org = given or (_find_org(around, language) if around else None)
        if org is None and around:
            inst = written_actors.institution(around.split(",")[0])
            org_name, kind, country = inst if inst else (None, ActorKind.unknown, None)
        else:
            org_name = org.name if org else None
            kind, country = _org_kind(org), org.country if org else None
        return Actor(
            name=name,
            text=text,
            kind=kind if kind is not ActorKind.unknown else _guess_kind(around or ""),
            country=country or _guess_country(around or ""),
            role=role or (tidy_role(around, names_org) if around else None),
            organisation=org_name,
        )
    templated = _templated(cleaned, language)
    if templated is not None:
        name, kind, country = templated
        return Actor(name=name, text=text, kind=kind, country=country, role=role)
    of_body = _OF_BODY.match(cleaned)
    if of_body and names_a_person(of_body["role"]):
        body = _normalised(of_body["body"], None, None, language)
        if body.name and body.name != _clean(of_body["body"]):
            return Actor(
                name=body.name,
                text=text,
                kind=body.kind,
                country=body.country,
                role=role or of_body["role"],
                organisation=body.name,
            )
    trimmed = written_actors.trimmed_name(cleaned)
    if trimmed is not None and actor_key(trimmed, language) in _tables()[2]:
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


def _named_member(
    text: str, cleaned: str, role: str | None, org: _Org, alias: str, language: str | None
) -> Actor | None:
    """A person named after their organisation: "Huthi military spokesman ... Abdullah al-Murtada"."""
    names_org = functools.partial(_names_org, language=language)
    person = written_actors.person(cleaned)
    if person is None or _find_org(person[0], language) is not None or name_key(person[0]) in alias:
        return None  # "Raqqa is Being Slaughtered Silently": the name is the organisation's
    name, around = person
    return Actor(
        name=name,
        text=text,
        kind=org.kind,
        country=org.country,
        role=role or (tidy_role(around, names_org) if around else None),
        organisation=org.name,
    )


@lru_cache(maxsize=1)
def armed_actor_names() -> tuple[str, ...]:
    """Names and aliases of the armed groups and state forces in the alias table, longest
    first (for rules that look for an attacker named in a sentence)."""
    raw = _raw()
    names = {
        alias
        for item in raw["organisations"]
        if item["kind"] in ("armed_group", "state_military")
        for alias in [item["name"], *item["aliases"]]
        if len(alias) >= 3
    }
    return tuple(sorted(names, key=len, reverse=True))


def _description_tokens(actor: Actor, language: str | None) -> list[str] | None:
    """The words of a description that names no one by itself ("the report", "the same
    outlet", "the Ministry of Health"), without articles and generic words; else None.

    A description is at most three words, and normalising it found no one: no
    name, or its own words back.
    """
    if not actor.text:
        return None
    cleaned = _clean(actor.text)
    if actor.name is not None and name_key(actor.name) != name_key(cleaned):
        return None
    if actor.name in _canonical_names():
        return None
    tokens = strip_articles(actor_tokens(cleaned, language), language)
    generic = {
        t
        for lang in {language or "en", "en"}
        for word in language_data(lang).get("generic_words", [])
        for t in actor_tokens(word, lang)
    }
    content = [t for t in tokens if t not in generic and t != "s"]
    groups = _group_words(language)[0] | _group_words("en")[0]
    if content and content[-1].casefold() in groups:
        return None  # "local officials": people left unnamed on purpose
    return content if 0 < len(content) <= 3 else None


def _generic_name(actor: Actor, language: str | None) -> bool:
    """Whether the actor was named from a generic word alone ("the rebels", "la coalition"),
    which the tables read as the most usual body of that kind (data: ``generic_names``)."""
    if not actor.text or actor.name is None:
        return False
    key = " ".join(strip_articles(actor_tokens(_clean(actor.text), language), language))
    return any(
        key.casefold() == actor_key(word, lang).casefold()
        for lang in dict.fromkeys([language or "en", "en"])
        for word in language_data(lang).get("generic_names", [])
    )


def _head_word(role: str, language: str | None) -> str | None:
    """'gobernador de la región' -> 'gobernador': the role's noun before its complement."""
    links = _group_words(language)[1] | _group_words("en")[1]
    words = [w.casefold() for w in actor_tokens(role, language)]
    words = strip_articles(words, language)
    cut = next((n for n, w in enumerate(words) if n > 0 and w in links), len(words))
    return words[cut - 1] if cut else None


def _is_a_name(name: str, actor: Actor) -> bool:
    """A name from the tables, or one read out of longer words, or capitalised throughout
    ("Nineveh Voices"), not words kept as written ("Civil defence officials and ...")."""
    if name in _canonical_names() or name_key(name) != name_key(_clean(actor.text or "")):
        return True
    return all(w[:1].isupper() for w in name.split() if len(w) > 3)


@lru_cache(maxsize=1)
def _canonical_names() -> frozenset[str]:
    people, orgs, _, _ = _tables()
    return frozenset({o.name for o in orgs.values()} | {p.name for p in people.values()})


def _described_kinds(content: list[str], language: str | None) -> set[ActorKind]:
    kinds: set[ActorKind] = set()
    for lang in {language or "en", "en"}:
        for word, names in language_data(lang).get("descriptions", {}).items():
            written = " ".join(actor_tokens(word, lang)).casefold()
            if written == " ".join(content[-len(word.split()) :]).casefold():
                kinds.update(ActorKind(k) for k in names)
    return kinds


def resolve_description(
    actor: Actor, others: list[Actor], *, language: str | None = None
) -> Actor | None:
    """The actor of ``others`` (nearest first) that a description refers to, or None.

    "the Ministry of Health" is the "Gaza Ministry of Health" named elsewhere
    in the document (its words are all in that name); "the report" and "the
    same outlet" are the nearest monitor and media outlet (the kinds a
    description names are data: ``descriptions`` in ``actors_<language>.json``).
    """
    generic = _generic_name(actor, language)
    if generic:  # "les rebelles", "the coalition": the armed group or coalition the document names
        for other in others:
            for name in (other.organisation, other.name if other.organisation is None else None):
                named = name and name != actor.name and other.kind is actor.kind
                plain = _description_tokens(other, language) is None
                if named and plain and not _generic_name(other, language):
                    return actor.model_copy(update={"name": name, "country": other.country})
        return None
    content = _description_tokens(actor, language)
    if content is None:
        return None
    kinds = _described_kinds(content, language)
    for other in others:
        if other is actor or _description_tokens(other, language) is not None:
            continue
        names = [(other.organisation, True), (other.name, other.organisation is None)]
        for name, is_body in names:
            if not name or not _is_a_name(name, other):
                continue
            kind, country = other.kind, other.country
            words = {w.casefold() for w in actor_tokens(name, "en")} | set(name_key(name).split())
            role_head = _head_word(other.role, language) if other.role else None
            if name == other.name and role_head == content[-1].casefold():
                return actor.model_copy(  # "el gobernador": the governor named before
                    update={
                        "name": name,
                        "kind": kind,
                        "country": country,
                        "organisation": other.organisation,
                    }
                )
            if other.text and len(content) >= 2:  # "a procuradoria regional": its full name
                words |= {w.casefold() for w in actor_tokens(other.text, language)}
            if all(t.casefold() in words for t in content) or (kinds and is_body and kind in kinds):
                return Actor(
                    name=name,
                    text=actor.text,
                    kind=kind,
                    country=country,
                    role=actor.role,
                    organisation=name if actor.role else None,
                )
    return None


def resolve_in_document(actors: list[Actor], *, language: str | None = None) -> list[Actor]:
    """Each description of ``actors`` (in document order) replaced by the actor it refers
    to: the nearest one before it, else the nearest after it (`resolve_description`)."""
    out = []
    for n, actor in enumerate(actors):
        others = [*reversed(actors[:n]), *actors[n + 1 :]]
        out.append(resolve_description(actor, others, language=language) or actor)
    return out


def names_known_actor(text: str, language: str | None = None) -> bool:
    """Whether ``text`` holds an organisation or person of the tables."""
    return known_actor_end(text, language, anywhere=True) is not None


def known_actor_end(
    text: str, language: str | None = None, *, anywhere: bool = False
) -> int | None:
    """Where in ``text`` the table organisation or person it starts with ends (within its
    first two words; anywhere with ``anywhere``): 'المرصد السوري لحقوق الإنسان استشهادهم'
    -> the end of 'الإنسان'. None when it starts with none."""
    people, orgs, _, longest = _tables()
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
