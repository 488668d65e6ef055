"""Several figures in one text: "23 people, including two children" is two figures.

`split_figures` cuts a figure entry into one text per figure, each as written,
for one claim each (seeds/ANNOTATION.md §4.1).
"""

from __future__ import annotations

import itertools
import re

from extractor.normalise.figures import (
    _ARTICLES,
    _QUALIFIERS,
    _is_code,
    _population,
    _population_in,
    _range_end_in,
    _words,
    parse_figure,
    range_end,
)
from extractor.normalise.lexicon import Lexicon, fold, lexicon
from extractor.normalise.numbers import NumberMatch, find_numbers

__all__ = ["split_figures"]


_EN_TRIM = re.compile(
    r"^(?:(?:including|among them|among whom|of whom|along with|as well as|together with"
    r"|with|and|plus|besides|in addition to)\b[\s,]*)+|(?:[\s,]*\b(?:including|among them"
    r"|along with|as well as|together with|with|and|plus))+$",
    re.IGNORECASE,
)
_EN_OF = {"of"}


def split_figures(text: str, language: str | None = None) -> list[str]:
    """The figures one text holds, each as written ("23 people, including two children"
    -> "23 people", "two children"); a text of one figure comes back whole.

    A number that ends a range ("between 8 and 10"), follows "of" ("32 members of
    three families", "a family of five") or glues to letters (Su-25) starts no figure,
    and neither does one that names no one ("her two daughters, aged six and nine":
    the ages stay with the daughters; "12 people in 3 villages").
    """
    lex = lexicon(language)
    starts = _figure_starts(text, lex)
    if len(starts) < 2:
        return [text.strip()] if text.strip() else []
    spans: list[list[int]] = []
    for a, b in itertools.pairwise([0, *starts[1:], len(text)]):
        figure = parse_figure(_trim(text[a:b], lex), language=language)
        names_someone = figure.population is not None or figure.outcome is not None
        if spans and not (names_someone and figure.value is not None):
            spans[-1][1] = b  # no figure of its own: it belongs to the one before
        else:
            spans.append([a, b])
    parts = [p for p in (_trim(text[a:b], lex) for a, b in spans) if p]
    return parts if len(parts) > 1 else [text.strip()]


def _figure_starts(text: str, lex: Lexicon | None) -> list[int]:
    language = lex.language if lex else None
    numbers = [n for n in find_numbers(text, language) if not _is_code(text, n)]
    of = lex.of if lex else _EN_OF
    starts: list[int] = []
    k = 0
    while k < len(numbers):
        n = numbers[k]
        upper = _range_end_in(text, numbers[k:], lex) if lex else range_end(text, numbers[k:])
        before = _words(text, 0, n.start)
        start = _figure_start(text, n.start, lex)
        if start < n.start or not (before and fold(before[-1].group()) in of):
            starts.append(start)
        k += 2 if upper is not None else 1
    starts += _one_person_starts(text, lex, numbers)
    return sorted(set(starts))


def _figure_start(text: str, at: int, lex: Lexicon | None) -> int:
    """Where the figure of the number at ``at`` starts: its qualifier, or a possessive
    ("her two daughters")."""
    before = _words(text, 0, at)
    if not before:
        return 0
    if lex is None:
        low = " ".join(text[:at].lower().split())
        for _, pattern in _QUALIFIERS:
            m = pattern.search(low.rstrip())
            if m:
                return _orig_offset(text, at, m.group())
        last = before[-1]
        if (
            last.group().lower() in ("her", "his", "their", "its")
            and not text[last.end() : at].strip()
        ):
            return last.start()
        return at
    words = [m.group() for m in before]
    while words and fold(words[-1]) in lex.articles:
        words.pop()
    found = next(
        (
            p
            for p, _, _ in lex.qualifiers
            if len(p) <= len(words) and tuple(fold(w) for w in words[-len(p) :]) == p
        ),
        None,
    )
    return before[len(words) - len(found)].start() if found else at


def _orig_offset(text: str, at: int, phrase: str) -> int:
    """Start of ``phrase`` (whitespace-normalised, lower case) ending right before ``at``."""
    n_words = len(phrase.split())
    words = _words(text, 0, at)
    return words[-n_words].start() if len(words) >= n_words else at


def _one_person_starts(text: str, lex: Lexicon | None, numbers: list[NumberMatch]) -> list[int]:
    """ "a woman", "un enfant", Arabic "طفل" (not the noun counted by a number before it)."""
    out = []
    words = _words(text)
    articles = lex.articles if lex else _ARTICLES
    for m in words:
        if any(n.start <= m.start() < n.end for n in numbers):
            continue
        folded = fold(m.group())
        if folded in articles and not any(n.start == m.start() for n in numbers):
            nxt = next((n.start for n in numbers if n.start >= m.end()), len(text))
            head = text[m.start() : nxt]
            if lex is None:
                one = _population(head, m.end() - m.start()) is not None
            else:
                one = _population_in(head, 0, lex, alone=True)[1]
            if one:
                out.append(m.start())
        elif lex is not None and any(w in lex.singulars for w in lex.forms(m.group())):
            after_number = any(
                n.end <= m.start() and not text[n.end : m.start()].strip() for n in numbers
            )
            if not after_number:
                out.append(m.start())
    return out


def _trim(part: str, lex: Lexicon | None) -> str:
    part = part.strip(" \t\n,;:()")
    if lex is None:
        return _EN_TRIM.sub("", part).strip(" ,;:")
    words = _words(part)
    changed = True
    while changed and words:
        changed = False
        folded = [fold(m.group()) for m in words]
        for p in lex.trim:
            if tuple(folded[: len(p)]) == p and len(p) < len(words):
                part = part[words[len(p)].start() :]
                changed = True
                break
            if tuple(folded[-len(p) :]) == p and len(p) < len(words):
                part = part[: words[-len(p)].start()]
                changed = True
                break
        part = part.strip(" \t\n,;:()")
        words = _words(part)
    return part
