"""Read a person's title or role from the words written around their name.

"Major-General Igor Konashenkov" -> "Major-General"; "Russia's Defence Ministry
spokesman Igor Konashenkov" -> "Defence Ministry spokesman"; "Rami Abdel
Rahman, head of the Syrian Observatory for Human Rights" -> "head"; "Russian
Ambassador Alexander Orlov" -> "Ambassador". The organisation and country
these words name are recorded on the Actor itself, so the role keeps only the
title. Honorifics (Mr, Mrs, Ms) are not roles.
"""

from __future__ import annotations

import re
from collections.abc import Callable

HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|mister|messrs)\.?(?:\s+|$)", re.IGNORECASE)
TITLE = re.compile(
    r"^(?:(?:deputy |vice |foreign |defen[cs]e |prime )?(?:president|minister|ambassador)"
    r"|major[- ]general|maj\.?\s?gen\.?|lieutenant[- ]general|lt\.?\s?gen\.?"
    r"|lieutenant[- ]colonel|lt\.?\s?col\.?|brigadier[- ]general|brig\.?\s?gen\.?|general|gen\."
    r"|colonel|col\.|major|maj\.|captain|capt\.|admiral|adm\.|dr\.?|prof\.?|sheikh|sir)\s+",
    re.IGNORECASE,
)
_ARTICLES = re.compile(r"^(?:(?:a|an|the|of|of the|who is|who is the)\s+)+", re.IGNORECASE)
_POSSESSOR = re.compile(r"^(?:\S+\s+){0,3}?\S+['’]s\s+(?=\S)")
_NATIONAL = re.compile(
    r"^(?:russian|turkish|syrian|iranian|iraqi|american|british|french|us|u\.s\.|un|u\.n\.)\s+"
    r"(?=\S)",
    re.IGNORECASE,
)
_PERSON_WORDS = re.compile(
    r"\b(?:officials?|spokes(?:man|woman|person)|head|chief|director|minister|ambassador|envoy"
    r"|commander|general|officer|workers?|members?|negotiator|adviser|representative|sources?"
    r"|president|chairman|leader|staff|diplomats?|monitors?)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"\s+(?:of|from|at|with|in)\s+", re.IGNORECASE)


def role_around(
    words: list[str],
    owner: list[int],
    span: tuple[int, int],
    names_organisation: Callable[[str], bool],
) -> str | None:
    """The title in ``words`` around the name tokens ``span`` (``owner``: token -> word)."""
    first, last = owner[span[0]], owner[span[1] - 1]
    before, after = words[:first], words[last + 1 :]
    if before and HONORIFIC.fullmatch(before[-1]):
        before = before[:-1]  # "Mr Konashenkov"
    rest = " ".join([*before, *after])
    rest = re.sub(r"^['’]s\b", "", rest.strip()).strip(" ,;:-–—")
    return tidy_role(rest, names_organisation)


def tidy_role(rest: str, names_organisation: Callable[[str], bool]) -> str | None:
    """Drop articles, a possessor, a leading nationality and an 'of <organisation>' clause."""
    rest = _ARTICLES.sub("", rest)
    rest = _POSSESSOR.sub("", rest)  # "Mr Putin's spokesman", "the UN's head of ..."
    rest = _NATIONAL.sub("", rest)
    for m in _CLAUSE.finditer(rest):
        if names_organisation(rest[m.end() :]):
            rest = rest[: m.start()]
            break
    rest = _ARTICLES.sub("", rest.strip(" ,;:-–—"))
    return rest or None


def names_a_person(role: str | None) -> bool:
    """Whether a role says a person ("spokesman"), not a description ("local activist group")."""
    return bool(role and _PERSON_WORDS.search(role))


def strip_titles(cleaned: str) -> tuple[str, str | None]:
    """'Lt. Gen. Sergei Rudskoi' -> ('Sergei Rudskoi', 'Lt. Gen.'); honorifics are dropped."""
    name, titles = cleaned, []
    while True:
        m = HONORIFIC.match(name)
        if m:
            name = name[m.end() :]
            continue
        m = TITLE.match(name)
        if not m or m.end() >= len(name):
            break
        titles.append(m.group().strip())
        name = name[m.end() :]
    return name.strip(), " ".join(titles) or None
