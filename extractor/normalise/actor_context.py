"""Actors in the context of their document: a description that names no one by itself
("the report", "the Ministry of Health", "el gobernador", "the rebels") is the actor of
the same document it refers to."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from extractor.models import Actor, ActorKind
from extractor.normalise import written_actors
from extractor.normalise.actor_keys import actor_key, actor_tokens, language_data, strip_articles
from extractor.normalise.actor_tables import canonical_names, clean
from extractor.normalise.keys import name_key
from extractor.normalise.language_actors import group_words


def _description_tokens(actor: Actor, language: str | None) -> list[str] | None:
    """The words of a description that names no one by itself ("the report", "the same
    outlet", "the Ministry of Health"), without articles and generic words; else None.

    A description is at most three words, and normalising it found no one: no
    name, or its own words back.
    """
    if not actor.text:
        return None
    cleaned = clean(actor.text)
    if actor.name is not None and not name_key(cleaned).endswith(name_key(actor.name)):
        return None  # a name read out of the words ("The al Qaeda-linked group" is none)
    if actor.name in canonical_names():
        return None
    words = _after_descriptors(cleaned.split(), language)
    tokens = _member_of(strip_articles(actor_tokens(" ".join(words), language), language), language)
    generic = {
        t
        for lang in {language or "en", "en"}
        for word in language_data(lang).get("generic_words", [])
        for t in actor_tokens(word, lang)
    }
    content = [_compound_head(t, language) for t in tokens if t not in generic and t != "s"]
    groups = group_words(language)[0] | group_words("en")[0]
    if content and content[-1].casefold() in groups:
        return None  # "local officials": people left unnamed on purpose
    return content if 0 < len(content) <= 3 else None


def _after_descriptors(words: list[str], language: str | None) -> list[str]:
    """'The al Qaeda-linked group' -> 'group', 'die in Großbritannien ansässige
    Organisation' -> 'Organisation': what a descriptor describes, without it (a word such as
    "PKK-linked", or data: ``descriptor_words``)."""
    listed = {name_key(w) for w in language_data(language or "en").get("descriptor_words", [])}
    cut = [
        n
        for n, w in enumerate(words[:-1])
        if written_actors.DESCRIPTOR.match(w) or name_key(w) in listed
    ]
    return words[cut[-1] + 1 :] if cut else words


def _member_of(tokens: list[str], language: str | None) -> list[str]:
    """'porta voz do comando provincial' -> 'comando provincial': the body a spokesperson
    speaks for (data: ``member_roles``, each followed by a ``links`` word or ending in one)."""
    links = group_words(language)[1] | group_words("en")[1]
    for lang in dict.fromkeys([language or "en", "en"]):
        for role in language_data(lang).get("member_roles", []):
            words = actor_tokens(role, lang)
            n = len(words)
            if len(tokens) > n and [t.casefold() for t in tokens[:n]] == words:
                rest = tokens[n:]
                if rest[0].casefold() in links:
                    rest = rest[1:]
                if rest and (n > 1 or rest is not tokens[n:]):
                    return strip_articles(rest, language)
    return tokens


def _compound_head(token: str, language: str | None) -> str:
    """'armeesprecher' -> 'armee': the body of a compound of a spokesperson's word
    (data: ``role_suffixes``)."""
    for suffix in language_data(language or "en").get("role_suffixes", []):
        if token.casefold().endswith(suffix) and len(token) > len(suffix) + 2:
            return token[: -len(suffix)]
    return token


@lru_cache(maxsize=16)
def _pronouns(language: str | None) -> frozenset[str]:
    """Personal pronouns that stand for a speaker (``pronouns`` in ``speech_<language>.json``)."""
    path = resources.files("extractor").joinpath(f"data/speech_{language or 'en'}.json")
    if not path.is_file():
        return frozenset()
    data = json.loads(path.read_text("utf-8"))
    return frozenset(p.casefold() for p in data.get("pronouns", []))


def _is_pronoun(actor: Actor, language: str | None) -> bool:
    text = (actor.text or "").strip().casefold()
    return bool(text) and actor.organisation is None and text in _pronouns(language)


def _generic_name(actor: Actor, language: str | None) -> bool:
    """Whether the actor was named from a generic word alone ("the rebels", "la coalition"),
    which the tables read as the most usual body of that kind (data: ``generic_names``)."""
    if not actor.text or actor.name is None:
        return False
    key = " ".join(strip_articles(actor_tokens(clean(actor.text), language), language))
    return any(
        key.casefold() == actor_key(word, lang).casefold()
        for lang in dict.fromkeys([language or "en", "en"])
        for word in language_data(lang).get("generic_names", [])
    )


def _head_word(role: str, language: str | None) -> str | None:
    """'gobernador de la región' -> 'gobernador': the role's noun before its complement."""
    links = group_words(language)[1] | group_words("en")[1]
    words = [w.casefold() for w in actor_tokens(role, language)]
    words = strip_articles(words, language)
    cut = next((n for n, w in enumerate(words) if n > 0 and w in links), len(words))
    if cut and language_data(language or "en").get("head_first"):
        return words[0]  # "gouverneur régional": the noun before its adjectives
    return words[cut - 1] if cut else None


def _is_a_name(name: str, actor: Actor) -> bool:
    """A name from the tables, or one read out of longer words, or capitalised throughout
    ("Nineveh Voices"), not words kept as written ("Civil defence officials and ...")."""
    if name in canonical_names() or name_key(name) != name_key(clean(actor.text or "")):
        return True
    return all(w[:1].isupper() for w in name.split() if len(w) > 3)


def _described_kinds(content: list[str], language: str | None) -> set[ActorKind]:
    """The kinds the longest description the content ends or starts with names ("the
    rights group": ngo or monitor; "the group": an armed group; "o comando provincial")."""
    found: dict[int, set[ActorKind]] = {}
    for lang in dict.fromkeys([language or "en", "en"]):
        for word, names in language_data(lang).get("descriptions", {}).items():
            words = actor_tokens(word, lang)
            written = " ".join(words).casefold()
            ends = {" ".join(content[-len(words) :]), " ".join(content[: len(words)])}
            if written in {e.casefold() for e in ends}:  # "the rights group", "o comando"
                found.setdefault(len(words), set()).update(ActorKind(k) for k in names)
    return found[max(found)] if found else set()


def _office(actor: Actor, language: str | None) -> str | None:
    """The office of an unnamed official of a body ("The United Nations special envoy
    for Yemen": envoy); None for officials and sources of no particular office."""
    if not (actor.organisation and actor.name == actor.organisation and actor.role):
        return None
    head = _head_word(actor.role, language)
    groups = group_words(language)[0] | group_words("en")[0]
    return None if head is None or head in groups else head  # "A Syrian military official"


def _named_official(actor: Actor, others: list[Actor], language: str | None) -> Actor | None:
    """An unnamed official of a body ("The United Nations special envoy for Yemen") is
    the person of that body the document names with the same office ("UN envoy Anders
    Holmqvist"); officials and sources of no particular office stay the body's."""
    head = _office(actor, language)
    if head is None:
        return None
    for other in others:
        if (
            other.organisation == actor.organisation
            and other.name not in (None, other.organisation)
            and other.role
            and _head_word(other.role, language) == head
        ):
            return other.model_copy(update={"text": actor.text, "role": actor.role})
    return None


def resolve_description(
    actor: Actor, others: list[Actor], *, language: str | None = None
) -> Actor | None:
    """The actor of ``others`` (nearest first) that a description refers to, or None.

    "the Ministry of Health" is the "Gaza Ministry of Health" named elsewhere
    in the document (its words are all in that name); "the report" and "the
    same outlet" are the nearest monitor and media outlet (the kinds a
    description names are data: ``descriptions`` in ``actors_<language>.json``).
    """
    if _is_pronoun(actor, language):  # "Er", «هو»: the nearest named actor before it
        for other in others:
            if other.name and not _is_pronoun(other, language):
                return other.model_copy(update={"text": actor.text})
        return None
    named = _named_official(actor, others, language)
    if named is not None:
        return named
    generic = _generic_name(actor, language)
    if generic:  # "les rebelles", "the coalition": the armed group or coalition the document names
        for other in others:
            for name in (other.organisation, other.name if other.organisation is None else None):
                named = name and other.kind is actor.kind
                plain = _description_tokens(other, language) is None
                if named and plain and not _generic_name(other, language):
                    if name == actor.name:
                        return None  # "the opposition" of an article about the Syrian one
                    return actor.model_copy(update={"name": name, "country": other.country})
        return None
    content = _description_tokens(actor, language)
    if content is None:
        return None
    kinds = _described_kinds(content, language)
    heads = {t.casefold() for t in content}
    # "o governador" is the governor named with that title, before any body so written
    titled = any(o.name and o.role and _head_word(o.role, language) in heads for o in others)
    for other in others:
        if other is actor or _description_tokens(other, language) is not None:
            continue
        # a body speaks without a role; "police spokesman Abdifatah Aden Hassan" is a person
        body = other.organisation is None and other.role is None
        names = [(other.organisation, True), (other.name, body)]
        for name, is_body in names:
            if not name or not _is_a_name(name, other):
                continue
            kind, country = other.kind, other.country
            words = {w.casefold() for w in actor_tokens(name, "en")} | set(name_key(name).split())
            role_head = _head_word(other.role, language) if other.role else None
            if name == other.name and role_head in {t.casefold() for t in content}:
                return actor.model_copy(  # "el gobernador": the governor named before
                    update={
                        "name": name,
                        "kind": kind,
                        "country": country,
                        "organisation": other.organisation,
                    }
                )
            written = (
                [w.casefold() for w in actor_tokens(other.text, language)] if other.text else []
            )
            # "a procuradoria regional": its full name; "el gobernador": the same words
            # shortened ("el gobernador de Norte de Santander" before it)
            shortened = not titled and _opens_with(written, content, language)
            if other.text and (len(content) >= 2 or (shortened and is_body)):
                words |= set(written)
            # "Das Ministerium", "Das Gesundheitsministerium": one word of its text as
            # written, a compound's head or inflected ("des libanesischen
            # Gesundheitsministeriums" before it)
            in_text = (
                is_body
                and not titled
                and len(content) == 1
                and any(_inflected(w, content[0]) for w in written)
            )
            if (
                all(t.casefold() in words for t in content)
                or in_text
                or (kinds and is_body and kind in kinds)
            ):
                return Actor(
                    name=name,
                    text=actor.text,
                    kind=kind,
                    country=country,
                    role=actor.role,
                    organisation=name if actor.role else None,
                )
    return None


_INFLECTION = 2  # letters an inflected form may add ("Ministeriums")
_SHORTEST_HEAD = 5  # letters a compound's head needs ("ministerium", not "amt")


def _inflected(written: str, word: str) -> bool:
    """Whether ``written`` is ``word``, either inflected, or ``word`` the head of a compound:
    "gesundheitsministeriums" is "ministerium", "ministeriums" and "gesundheitsministerium"."""
    word = word.casefold()
    if written == word:
        return True
    endings = range(_INFLECTION + 1)
    stems = {word[: len(word) - j] for j in endings if len(word) - j >= _SHORTEST_HEAD}
    return any(written[: len(written) - k].endswith(stem) for k in endings for stem in stems)


def _opens_with(written: list[str], content: list[str], language: str | None) -> bool:
    """Whether a body's text as written opens with all of ``content``, articles aside:
    "el gobernador de Norte de Santander" opens with "gobernador"."""
    bare = strip_articles(written, language)
    head = [t.casefold() for t in content]
    return len(bare) > len(head) and bare[: len(head)] == head


def resolve_in_document(actors: list[Actor], *, language: str | None = None) -> list[Actor]:
    """Each description of ``actors`` (in document order) replaced by the actor it refers
    to: the nearest one before it, else the nearest after it (`resolve_description`)."""
    out = []
    for n, actor in enumerate(actors):
        others = [*reversed(actors[:n]), *actors[n + 1 :]]
        out.append(resolve_description(actor, others, language=language) or actor)
    return out


def resolve_at(
    actor: Actor,
    span: tuple[int, int],
    mentions: Sequence[tuple[int, Actor, bool]],
    *,
    language: str | None,
    text: str | None = None,
) -> Actor | None:
    """The actor of ``mentions`` (character offset in ``text``, actor, whether it speaks
    there) that a description written in the evidence ``span`` (start, end) refers to.

    Sources come first: an actor that speaks somewhere in the article before one only
    named ("the report" is the monitor quoted, not the UN Security Council it mentions);
    among each, one named in the evidence itself ("The SNHR report says"), else the
    nearest before it, else the nearest after it.
    """
    start, end = span

    def order(m: tuple[int, Actor, bool]) -> tuple[int, int, int]:
        at, _, speaking = m
        where = (0, at) if start <= at < end else (1, -at) if at < start else (2, at)
        return (0 if speaking else 1, *where)

    others = [a for _, a, _ in sorted(mentions, key=order) if a is not actor]
    found = resolve_description(actor, others, language=language)
    if found is None and text is not None:
        found = _introduced_after(actor, end, mentions, text, language)
    return found


_NEXT_SENTENCE = 200  # characters after an official's words that may introduce them


def _introduced_after(
    actor: Actor,
    end: int,
    mentions: Sequence[tuple[int, Actor, bool]],
    text: str,
    language: str | None,
) -> Actor | None:
    """An official of a particular office named right after, by name alone: "The United
    Nations special envoy for Yemen on Thursday urged ... Anders Holmqvist told
    reporters" (the first speaker after it, a personal name with no descriptor that
    opens its sentence)."""
    if _office(actor, language) is None:
        return None
    for at, other, speaking in sorted(mentions, key=lambda m: m[0]):
        if at < end or not speaking:
            continue
        if at - end > _NEXT_SENTENCE:
            break
        bare = other.organisation is None and other.role is None and other.name
        opens = not text[:at].strip() or text[:at].rstrip(" ")[-1:] in ("\n", ".")
        if bare and opens and other.text and written_actors.is_personal_name(clean(other.text)):
            return actor.model_copy(update={"name": other.name})
        return None  # someone else speaks first
    return None
