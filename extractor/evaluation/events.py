"""Event-level scores: how well fused events group the incidents of many articles.

Gold (``events.json``)::

    {"annotations": ["dev/annotations", "test/annotations"],   # relative to the file
     "events": [{"id": "E1", "low": 33, "high": 39,
                 "members": [{"doc_id": "...", "incident": "I1"}, ...]}, ...]}

Every gold incident that is no event's member is an event of its own. The
items scored are the gold incidents of the documents the prediction holds;
each predicted incident is aligned to its document's gold incidents
(`match.align_incidents`), and a predicted event stands for the gold
incidents aligned to its members.

- pairwise merge precision / recall: over pairs of items in one event;
  ``group_pairwise_*`` the same over the items of the listed events only (the
  set's multi-article groups and distractors: a merge of two incidents that
  no event lists is not counted there).
- B-cubed precision / recall: per item, the overlap of its predicted and
  gold events, averaged over the items.
- low/high match share: of the gold events with figures whose every member
  the prediction holds, the share whose predicted event (the one holding
  most of its items) has the same ``fatalities.low`` and ``fatalities.high``.
  An event only partly held (one split of a set holds some of its articles)
  is not scored on figures, since the gold's figures are those of all its
  articles; ``figures_partial`` counts them.
- same-article merges: predicted events holding two incidents of one article.

``wrong_merges`` and ``missed_merges`` list the pairs behind the pairwise scores.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from extractor.errors import InputError
from extractor.evaluation.features import incident_features
from extractor.evaluation.load import load_gold
from extractor.evaluation.match import align_incidents
from extractor.fuse.records import Event
from extractor.models import DocumentRecords

__all__ = [
    "EventGold",
    "EventScores",
    "GoldEvent",
    "GoldMember",
    "load_event_gold",
    "score_events",
]

Item = tuple[str, str]  # (doc_id, gold incident id)


class GoldMember(BaseModel):
    model_config = ConfigDict(extra="forbid")
    doc_id: str
    incident: str


class GoldEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    low: int | None = None
    high: int | None = None
    members: list[GoldMember] = Field(default_factory=list)


class EventGold(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str | None = None
    annotations: list[str] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)


def load_event_gold(path: str | Path) -> tuple[EventGold, dict[str, DocumentRecords]]:
    """The event gold and the gold documents its ``annotations`` folders hold."""
    file = Path(path)
    try:
        gold = EventGold.model_validate_json(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(f"not an event gold file: {str(e).splitlines()[0]}", path=str(file)) from e
    docs: dict[str, DocumentRecords] = {}
    for folder in gold.annotations:
        docs.update(load_gold(file.parent / folder).records())
    return gold, docs


@dataclass
class EventScores:
    items: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    pairwise_precision: float = 1.0
    pairwise_recall: float = 1.0
    pairwise_f1: float = 1.0
    group_pairwise_precision: float = 1.0
    group_pairwise_recall: float = 1.0
    bcubed_precision: float = 1.0
    bcubed_recall: float = 1.0
    bcubed_f1: float = 1.0
    low_high_match: float = 1.0
    low_match: float = 1.0
    high_match: float = 1.0
    figures_scored: int = 0
    figures_partial: int = 0
    same_article_merges: int = 0
    unaligned_predicted_incidents: int = 0
    figures: list[dict[str, Any]] = field(default_factory=list)
    wrong_merges: list[str] = field(default_factory=list)
    missed_merges: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(groups: Iterable[Iterable[Item]]) -> set[frozenset[Item]]:
    out = set()
    for group in groups:
        members = sorted(set(group))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                out.add(frozenset((a, b)))
    return out


def _describe(pairs: set[frozenset[Item]]) -> list[str]:
    return sorted(" ~ ".join(sorted(f"{d}#{i}" for d, i in pair)) for pair in pairs)


def _alignment(
    gold_docs: dict[str, DocumentRecords], predicted: Sequence[DocumentRecords]
) -> tuple[dict[tuple[str, str], Item], int]:
    """(doc_id, predicted incident id) -> gold item, and the count left unaligned."""
    out: dict[tuple[str, str], Item] = {}
    unaligned = 0
    for doc in predicted:
        gold = gold_docs.get(doc.doc_id)
        if gold is None:
            unaligned += len(doc.incidents)
            continue
        pf = [incident_features(i, x) for i, x in enumerate(doc.incidents)]
        gf = [incident_features(i, x) for i, x in enumerate(gold.incidents)]
        pairs = align_incidents(pf, gf).pred_to_gold()
        for p, inc in enumerate(doc.incidents):
            if p in pairs:
                out[(doc.doc_id, inc.id)] = (doc.doc_id, gold.incidents[pairs[p]].id)
            else:
                unaligned += 1
    return out, unaligned


def score_events(
    gold: EventGold,
    gold_docs: dict[str, DocumentRecords],
    predicted_docs: Sequence[DocumentRecords],
    events: Sequence[Event],
) -> EventScores:
    """Scores of ``events`` (fused from ``predicted_docs``) against the event gold."""
    present = {d.doc_id for d in predicted_docs}
    items = [
        (d, inc.id) for d in sorted(present & set(gold_docs)) for inc in gold_docs[d].incidents
    ]
    universe = set(items)
    gold_of: dict[Item, str] = {item: f"{item[0]}#{item[1]}" for item in items}
    for ev in gold.events:
        for m in ev.members:
            if (m.doc_id, m.incident) in universe:
                gold_of[(m.doc_id, m.incident)] = ev.id
    aligned, unaligned = _alignment(gold_docs, predicted_docs)
    pred_of: dict[Item, str] = {}
    same_article = 0
    for event in events:
        docs = Counter(m.doc_id for m in event.members)
        same_article += any(n > 1 for n in docs.values())
        for m in event.members:
            item = aligned.get((m.doc_id, m.incident))
            if item is not None:
                pred_of[item] = event.id
    for item in items:  # missing items stand alone
        pred_of.setdefault(item, f"missing:{item[0]}#{item[1]}")
    gold_groups: dict[str, list[Item]] = {}
    pred_groups: dict[str, list[Item]] = {}
    for item in items:
        gold_groups.setdefault(gold_of[item], []).append(item)
        pred_groups.setdefault(pred_of[item], []).append(item)
    gp, pp = _pairs(gold_groups.values()), _pairs(pred_groups.values())
    scores = EventScores(
        items=len(items),
        gold_events=len(gold_groups),
        predicted_events=len(events),
        same_article_merges=same_article,
        unaligned_predicted_incidents=unaligned,
    )
    scores.wrong_merges = _describe(pp - gp)
    scores.missed_merges = _describe(gp - pp)
    scores.pairwise_precision = len(gp & pp) / len(pp) if pp else 1.0
    scores.pairwise_recall = len(gp & pp) / len(gp) if gp else 1.0
    scores.pairwise_f1 = _f1(scores.pairwise_precision, scores.pairwise_recall)
    listed = {(m.doc_id, m.incident) for ev in gold.events for m in ev.members}
    group_pp = {pair for pair in pp if pair <= listed}
    scores.group_pairwise_precision = len(gp & group_pp) / len(group_pp) if group_pp else 1.0
    scores.group_pairwise_recall = scores.pairwise_recall  # every gold pair is in a group
    if items:
        bp = br = 0.0
        for item in items:
            g, p = set(gold_groups[gold_of[item]]), set(pred_groups[pred_of[item]])
            bp += len(g & p) / len(p)
            br += len(g & p) / len(g)
        scores.bcubed_precision, scores.bcubed_recall = bp / len(items), br / len(items)
        scores.bcubed_f1 = _f1(scores.bcubed_precision, scores.bcubed_recall)
    _score_figures(scores, gold, universe, pred_of, {e.id: e for e in events})
    return scores


def _score_figures(
    scores: EventScores,
    gold: EventGold,
    universe: set[Item],
    pred_of: dict[Item, str],
    events: dict[str, Event],
) -> None:
    both = low = high = n = 0
    for ev in gold.events:
        if ev.low is None and ev.high is None:
            continue
        held = [
            pred_of[(m.doc_id, m.incident)]
            for m in ev.members
            if (m.doc_id, m.incident) in universe
        ]
        if not held:
            continue
        if len(held) < len(ev.members):
            scores.figures_partial += 1
            continue
        n += 1
        found = events.get(Counter(held).most_common(1)[0][0])
        got = (found.fatalities.low, found.fatalities.high) if found else (None, None)
        low += got[0] == ev.low
        high += got[1] == ev.high
        both += got == (ev.low, ev.high)
        scores.figures.append(
            {
                "event": ev.id,
                "gold": [ev.low, ev.high],
                "predicted": list(got),
                "event_id": found.id if found else None,
            }
        )
    scores.figures_scored = n
    if n:
        scores.low_high_match, scores.low_match, scores.high_match = both / n, low / n, high / n


def write_scores(scores: EventScores) -> str:
    return json.dumps(scores.to_dict(), indent=2, ensure_ascii=False)
