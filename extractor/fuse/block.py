"""Mentions (one incident of one result) and the blocking rule that picks pairs to compare.

Blocking: two mentions are compared only when they share the country and
admin1 where both know them (admin1: one name's words within the other's),
and their date ranges lie within ``WINDOW_DAYS`` of each other (undated
mentions are compared with every mention of their block). Everything else
is never a candidate pair, nor can it end in one event.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlparse

from extractor.models import DateSpec, DocumentRecords, Incident, Perpetrator
from extractor.normalise import resolve_date

__all__ = ["WINDOW_DAYS", "Mention", "candidate_pairs", "key", "mentions", "outlet_of"]

WINDOW_DAYS = 7  # wide enough to report the same place a few days later as a near miss
_DROP = {"\u2019", "'", "\u02bf", "\u02be", "`", "\u2018", "\u02bc"}


@lru_cache(maxsize=65536)
def key(value: str | None) -> str:
    """A comparison key: accents, apostrophes, case and punctuation removed."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKD", value)
    text = "".join(c for c in text if not unicodedata.combining(c) and c not in _DROP)
    text = "".join(c if c.isalnum() else " " for c in text.casefold())
    return " ".join(text.split())


def outlet_of(doc: DocumentRecords) -> str:
    """Who speaks in the article's own voice: its site (URL host), else the document."""
    metadata = getattr(doc, "metadata", {}) or {}
    for name in ("outlet", "publisher", "site"):
        if metadata.get(name):
            return str(metadata[name])
    for candidate in (metadata.get("url"), doc.source):
        host = urlparse(candidate or "").netloc
        if host:
            return host.removeprefix("www.")
    return doc.doc_id


def day_range(spec: DateSpec) -> tuple[dt.date, dt.date] | None:
    if spec.start is None:
        return None
    end = spec.end or spec.start
    return (spec.start, end) if end >= spec.start else (end, spec.start)


def perpetrator_keys(perpetrators: Iterable[Perpetrator]) -> frozenset[str]:
    """Canonical names of the actors said to have done it (a denied attribution included)."""
    return frozenset(key(p.name or p.text) for p in perpetrators if p.name or p.text)


@dataclass(frozen=True)
class Mention:
    """One incident of one result, reduced for comparison."""

    ref: str  # doc_id#incident
    doc_id: str
    order: int  # position of the result in the input, then of the incident in it
    incident: Incident
    doc: DocumentRecords
    outlet: str
    published: dt.date | None
    place: str
    admin1: str
    country: str
    days: tuple[dt.date, dt.date] | None
    relative: bool
    perpetrators: frozenset[str] = field(default_factory=frozenset)

    @property
    def day_precise(self) -> bool:
        return self.days is not None and self.days[0] == self.days[1]


def mentions(results: Iterable[DocumentRecords]) -> list[Mention]:
    """Every incident of every result, in input order."""
    out: list[Mention] = []
    for r, doc in enumerate(results):
        published = doc.published.start if doc.published else None
        outlet = outlet_of(doc)
        for i, inc in enumerate(doc.incidents):
            loc = inc.location
            out.append(
                Mention(
                    ref=f"{doc.doc_id}#{inc.id}",
                    doc_id=doc.doc_id,
                    order=r * 10_000 + i,
                    incident=inc,
                    doc=doc,
                    outlet=outlet,
                    published=published,
                    place=key(loc.name or loc.text),
                    admin1=key(loc.admin1),
                    country=(loc.country or "").upper(),
                    days=day_range(inc.date),
                    relative=from_the_day_before(inc.date, published, doc.language),
                    perpetrators=perpetrator_keys(inc.perpetrators),
                )
            )
    return out


def from_the_day_before(date: DateSpec, published: dt.date | None, language: str | None) -> bool:
    """The day before the page's, written relative to it ("yesterday", "hier", «أمس»).

    Such a date moves with the page date (a page dated a day late, a report filed after
    midnight); a weekday or a calendar date does not, so "on Monday" one day from
    another report's "today" is another day (a village struck on two days running).
    """
    if date.source != "resolved" or published is None:
        return False
    if not date.text:
        return True  # resolved from the page date, its words not kept: it may move with it
    if date.start is None or date.start != date.end or (published - date.start).days != 1:
        return False
    later = resolve_date(date.text, published + dt.timedelta(days=1), language=language)
    return later.start == published


def gap_days(a: Mention, b: Mention) -> int | None:
    """Days between two date ranges: 0 when they overlap, None when either is undated."""
    if a.days is None or b.days is None:
        return None
    if a.days[1] < b.days[0]:
        return (b.days[0] - a.days[1]).days
    if b.days[1] < a.days[0]:
        return (a.days[0] - b.days[1]).days
    return 0


@lru_cache(maxsize=65536)
def same_admin1(a: str, b: str) -> bool:
    """Equal keys, or one's words within the other's ("kharkiv" and "kharkiv oblast")."""
    ta, tb = set(a.split()), set(b.split())
    return a == b or ta <= tb or tb <= ta


def blocked_together(a: Mention, b: Mention) -> bool:
    """The blocking rule: country and admin1 agree where known, dates within the window."""
    if a.country and b.country and a.country != b.country:
        return False
    if a.admin1 and b.admin1 and not same_admin1(a.admin1, b.admin1):
        return False
    gap = gap_days(a, b)
    return gap is None or gap <= WINDOW_DAYS


def _window_pairs(block: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Pairs of one block within the date window: dated ones by a sweep, undated with all."""
    dated = sorted((m for m in block if m.days is not None), key=lambda m: m.days[0])  # type: ignore[index]
    undated = [m for m in block if m.days is None]
    for i, a in enumerate(dated):
        for b in dated[i + 1 :]:
            if (b.days[0] - a.days[1]).days > WINDOW_DAYS:  # type: ignore[index]
                break  # every later b starts later still
            yield a, b
    for i, a in enumerate(undated):
        for b in [*undated[i + 1 :], *dated]:
            yield a, b


def candidate_pairs(items: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Pairs that pass the blocking rule, each once, the earlier mention first."""
    by_country: dict[str, list[Mention]] = defaultdict(list)
    for m in items:
        by_country[m.country].append(m)
    unknown = by_country.pop("", [])
    for block in by_country.values():
        for a, b in _window_pairs(block + unknown):
            if (a.country or b.country) and blocked_together(a, b):
                yield (a, b) if a.order < b.order else (b, a)
    for a, b in _window_pairs(unknown):  # neither knows its country
        if blocked_together(a, b):
            yield (a, b) if a.order < b.order else (b, a)
