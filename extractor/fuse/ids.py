"""Stable event ids.

A new event's id is derived from its earliest member (publication date, then
doc id, then incident id): ``ev-`` and 12 hex digits of its SHA-256. An
event that shares members with an event of a previous run keeps that
event's id (the previous event with the most shared members wins; each
previous id is given once), so a rerun over more articles keeps the ids of
the events it already had.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence

from extractor.fuse.block import Mention

__all__ = ["assign_ids", "derived_id"]


def derived_id(members: Sequence[Mention]) -> str:
    first = min(members, key=lambda m: (m.published or dt.date.max, m.doc_id, m.incident.id))
    digest = hashlib.sha256(first.ref.encode("utf-8")).hexdigest()
    return f"ev-{digest[:12]}"


def assign_ids(
    clusters: Sequence[Sequence[Mention]], previous: Mapping[str, str] | None = None
) -> list[str]:
    """One id per cluster; ``previous`` maps doc_id#incident to an earlier run's event id."""
    previous = previous or {}
    ids: list[str | None] = [None] * len(clusters)
    wants: list[tuple[int, int, str]] = []
    for i, members in enumerate(clusters):
        counts: dict[str, int] = {}
        for m in members:
            if m.ref in previous:
                counts[previous[m.ref]] = counts.get(previous[m.ref], 0) + 1
        wants.extend((n, i, old) for old, n in counts.items())
    taken: set[str] = set()
    for _n, i, old in sorted(wants, key=lambda w: (-w[0], w[1], w[2])):
        if ids[i] is None and old not in taken:
            ids[i] = old
            taken.add(old)
    out = []
    for i, members in enumerate(clusters):
        new = ids[i]
        if new is None:
            base = new = derived_id(members)
            n = 2
            while new in taken:
                new, n = f"{base}-{n}", n + 1
        taken.add(new)
        out.append(new)
    return out
