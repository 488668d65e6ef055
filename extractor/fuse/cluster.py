"""Clustering matched pairs into events.

Candidate pairs (blocking) are compared; matching pairs are taken best score
first, and two groups are joined only when no pair across them is vetoed or
blocked apart (so two incidents of one article never meet, and a chain of
matches cannot join the same place on two different days).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.fuse.block import Mention, blocked_together, candidate_pairs
from extractor.fuse.compare import Comparison, compare

__all__ = ["Clustering", "cluster"]


@dataclass
class Clustering:
    groups: list[list[Mention]]
    # a joined group's first member -> (the member matched to, the member that matched, why)
    links: dict[str, tuple[str, str, Comparison]] = field(default_factory=dict)
    misses: list[tuple[Mention, Mention, Comparison, str]] = field(default_factory=list)


def _conflict(a: list[Mention], b: list[Mention]) -> str | None:
    for x in a:
        for y in b:
            if not blocked_together(x, y):
                return f"{x.ref} and {y.ref} are blocked apart"
            c = compare(x, y)
            if c.vetoed:
                return f"{x.ref} and {y.ref}: {c.why_not()}"
    return None


def _near(comparison: Comparison) -> bool:
    """Worth showing as a near miss: the place or the date agreed at least in part.

    Two incidents of one article are shown only when their place agreed.
    """
    fields = (
        ("place",)
        if any(lv.level == "same_article" for lv in comparison.levels)
        else (
            "place",
            "date",
        )
    )
    return any(lv.weight > 0 for lv in comparison.levels if lv.field in fields)


def cluster(items: list[Mention]) -> Clustering:
    compared = [(a, b, compare(a, b)) for a, b in candidate_pairs(items)]
    group_of: dict[str, int] = {m.ref: i for i, m in enumerate(items)}
    groups: dict[int, list[Mention]] = {i: [m] for i, m in enumerate(items)}
    result = Clustering(groups=[])
    refused: dict[tuple[str, str], str] = {}
    order = sorted(
        (t for t in compared if t[2].match), key=lambda t: (-t[2].score, t[0].order, t[1].order)
    )
    for a, b, comparison in order:
        ga, gb = group_of[a.ref], group_of[b.ref]
        if ga == gb:
            continue
        conflict = _conflict(groups[ga], groups[gb])
        if conflict:
            refused[(a.ref, b.ref)] = f"a match, but joining would put together {conflict}"
            continue
        first_a = min(m.order for m in groups[ga])
        keep, gone = (ga, gb) if first_a <= min(m.order for m in groups[gb]) else (gb, ga)
        joiner, anchor = (b, a) if gone == gb else (a, b)
        root = min(groups[gone], key=lambda m: m.order)
        result.links[root.ref] = (anchor.ref, joiner.ref, comparison)
        for m in groups.pop(gone):
            group_of[m.ref] = keep
            groups[keep].append(m)
    for a, b, comparison in compared:
        if group_of[a.ref] != group_of[b.ref] and _near(comparison):
            reason = refused.get((a.ref, b.ref)) or comparison.why_not()
            result.misses.append((a, b, comparison, reason))
    result.groups = [sorted(g, key=lambda m: m.order) for g in groups.values()]
    result.groups.sort(key=lambda g: g[0].order)
    return result
