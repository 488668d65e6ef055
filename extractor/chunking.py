"""Splitting long documents into overlapping chunks and merging their records.

A document longer than the configured chunk size is cut into windows that end,
by preference, at a paragraph break, else at a sentence end, else at a space;
consecutive windows share about ``overlap`` characters so that an event told
across a cut is seen whole at least once. Records from all chunks are then
merged: the same statement or incident seen in two overlapping chunks becomes
one record, and ids are renumbered ``I1..``/``S1..`` over the whole document.

Chunk offsets index the whole text; the pipeline turns evidence offsets found
in a chunk into whole-document offsets before merging.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from extractor.models import (
    CasualtyClaim,
    EventType,
    Evidence,
    Incident,
    IncidentStatus,
    Statement,
)

__all__ = ["Chunk", "merge_chunk_records", "plan_chunks"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
# A sentence ends at . ! ? (or an ellipsis), maybe followed by closing quotes or
# brackets, then whitespace; the match end is where the next sentence starts.
_SENTENCE_END = re.compile(r"(?:[.!?…]+)[\"'”’»)\]]*\s+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Chunk:
    """A window ``text[start:end]`` of a document."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """The chunk's text out of the whole document ``text``."""
        return text[self.start : self.end]


def _last_match_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    """End offset of the last match of ``pattern`` lying within ``text[lo:hi]``."""
    last = None
    for m in pattern.finditer(text, lo, hi):
        last = m.end()
    return last


def _cut_point(text: str, start: int, limit: int, min_end: int) -> int:
    """Where a chunk starting at ``start`` should end, at most ``limit``."""
    for pattern in (_PARAGRAPH_BREAK, _SENTENCE_END):
        end = _last_match_end(pattern, text, min_end, limit)
        if end is not None and end > min_end:
            return end
    # Fall back to the last whitespace; a word is never cut unless there is none.
    space = max(text.rfind(" ", min_end, limit), text.rfind("\n", min_end, limit))
    if space > min_end:
        return space + 1
    return limit


def _next_start(text: str, prev_start: int, end: int, overlap: int) -> int:
    """Start of the chunk after one ending at ``end``: about ``overlap`` back."""
    if overlap <= 0:
        return end
    target = end - overlap
    half = max(overlap // 2, 1)
    lo, hi = max(target - half, prev_start + 1), min(target + half, end)
    best: int | None = None
    for pattern in (_PARAGRAPH_BREAK, _SENTENCE_END, _SPACE):
        for m in pattern.finditer(text, lo, hi):
            pos = m.end()
            if lo <= pos < end and (best is None or abs(pos - target) < abs(best - target)):
                best = pos
        if best is not None:
            return best
    return max(target, prev_start + 1)


def plan_chunks(text: str, max_chars: int, overlap: int) -> list[Chunk]:
    """Cut ``text`` into chunks of at most ``max_chars`` characters.

    A text that fits is one chunk. Otherwise chunks end at a paragraph break,
    else a sentence end, else a space, never earlier than half the size, and
    each chunk starts about ``overlap`` characters before the previous one
    ended, at a sentence or word start. Runs in time linear in ``len(text)``.
    """
    if max_chars <= 0:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    if overlap < 0 or overlap >= max_chars:
        raise ValueError(f"overlap must be in [0, max_chars), got {overlap}")
    n = len(text)
    if n <= max_chars:
        return [Chunk(0, n)]
    overlap = min(overlap, max_chars // 2)
    chunks: list[Chunk] = []
    start = 0
    while True:
        limit = start + max_chars
        if limit >= n:
            chunks.append(Chunk(start, n))
            return chunks
        min_end = start + max(max_chars // 2, overlap + 1)
        end = _cut_point(text, start, limit, min_end)
        chunks.append(Chunk(start, end))
        start = _next_start(text, start, end, overlap)


# --------------------------------------------------------------------------- merge


def _norm(value: str | None) -> str:
    return " ".join(value.split()).casefold() if value else ""


def _spans(evidence: Iterable[Evidence]) -> list[tuple[int, int]]:
    return [
        (e.char_start, e.char_end)
        for e in evidence
        if e.char_start is not None and e.char_end is not None
    ]


def _overlaps(a: Sequence[Evidence], b: Sequence[Evidence]) -> bool:
    for s1, e1 in _spans(a):
        for s2, e2 in _spans(b):
            if (s1 < e2 and s2 < e1) or (s1, e1) == (s2, e2):
                return True
    return False


def _evidence_key(e: Evidence) -> tuple[object, ...]:
    if e.char_start is not None and e.char_end is not None:
        return ("span", e.char_start, e.char_end)
    return ("quote", _norm(e.quote))


def _union_evidence(a: list[Evidence], b: Iterable[Evidence]) -> list[Evidence]:
    seen = {_evidence_key(e) for e in a}
    out = list(a)
    for e in b:
        key = _evidence_key(e)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _union_strings(a: list[str], b: Iterable[str]) -> list[str]:
    seen = {_norm(s) for s in a}
    out = list(a)
    for s in b:
        if _norm(s) not in seen:
            seen.add(_norm(s))
            out.append(s)
    return out


def _actor_key(name: str | None, text: str | None) -> str:
    return _norm(name) or _norm(text)


def _claim_key(c: CasualtyClaim) -> tuple[str, str]:
    claimant = _actor_key(c.claimant.name, c.claimant.text) if c.claimant else ""
    return claimant, _norm(c.text)


def _union_claims(a: list[CasualtyClaim], b: Iterable[CasualtyClaim]) -> list[CasualtyClaim]:
    out = list(a)
    index = {_claim_key(c): i for i, c in enumerate(out)}
    for c in b:
        key = _claim_key(c)
        if key in index:
            i = index[key]
            out[i] = out[i].model_copy(
                update={"evidence": _union_evidence(out[i].evidence, c.evidence)}
            )
        else:
            index[key] = len(out)
            out.append(c)
    return out


def _date_key(inc: Incident) -> tuple[object, ...] | None:
    d = inc.date
    if d.start is not None:
        return ("iso", d.start, d.end)
    if d.text:
        return ("text", _norm(d.text))
    return None


_IncidentKeys = tuple[EventType, str, tuple[object, ...] | None]


def _incident_keys(inc: Incident) -> _IncidentKeys:
    """What `_same_incident` compares besides evidence: event type, place key, date key."""
    return inc.event_type, _actor_key(inc.location.name, inc.location.text), _date_key(inc)


def _same_incident(a: Incident, b: Incident) -> bool:
    return _same_incident_keyed(a, _incident_keys(a), b, _incident_keys(b))


def _same_incident_keyed(
    a: Incident, keys_a: _IncidentKeys, b: Incident, keys_b: _IncidentKeys
) -> bool:
    """`_same_incident` with each side's `_incident_keys` computed once by the caller."""
    type_a, place_a, date_a = keys_a
    type_b, place_b, date_b = keys_b
    if type_a != type_b:
        return False
    # One sentence may name attacks on several places, or on one place on two days
    # (one incident per place per day): shared evidence never joins those.
    if place_a and place_b and place_a != place_b:
        return False
    if date_a is not None and date_b is not None and date_a != date_b:
        return False
    if place_a and place_a == place_b and date_a is not None and date_a == date_b:
        return True
    return _overlaps(a.evidence, b.evidence)


def _merge_incident(a: Incident, b: Incident) -> Incident:
    update: dict[str, object] = {
        "evidence": _union_evidence(a.evidence, b.evidence),
        "casualty_claims": _union_claims(a.casualty_claims, b.casualty_claims),
        "targets": _union_strings(a.targets, b.targets),
        "weapons": _union_strings(a.weapons, b.weapons),
        "grounded": a.grounded or b.grounded,
    }
    perpetrators = list(a.perpetrators)
    known = {_actor_key(p.name, p.text) for p in perpetrators}
    for p in b.perpetrators:
        key = _actor_key(p.name, p.text)
        if key not in known:
            known.add(key)
            perpetrators.append(p)
    update["perpetrators"] = perpetrators
    # A later chunk may know more: a denial, a place name, a resolved date.
    if a.status == IncidentStatus.reported and b.status != IncidentStatus.reported:
        update["status"] = b.status
    if not a.location.name and b.location.name:
        update["location"] = b.location
    if a.date.start is None and b.date.start is not None:
        update["date"] = b.date
    return a.model_copy(update=update)


_StatementKeys = tuple[str, str | None]


def _statement_keys(st: Statement) -> _StatementKeys:
    """What `_same_statement` compares besides evidence: speaker key, quote key (None: no quote).

    A statement whose speaker key is empty is the same as no other.
    """
    return _actor_key(st.speaker.name, st.speaker.text), _norm(st.quote) if st.quote else None


def _same_statement(a: Statement, b: Statement) -> bool:
    return _same_statement_keyed(a, _statement_keys(a), b, _statement_keys(b))


def _same_statement_keyed(
    a: Statement, keys_a: _StatementKeys, b: Statement, keys_b: _StatementKeys
) -> bool:
    """`_same_statement` with each side's `_statement_keys` computed once by the caller."""
    speaker_a, quote_a = keys_a
    if not speaker_a or speaker_a != keys_b[0]:
        return False
    if a.type != b.type:  # one sentence may carry two statements of different types
        return False
    if quote_a is not None and quote_a == keys_b[1]:
        return True
    return _overlaps(a.evidence, b.evidence)


def _merge_statement(a: Statement, b: Statement, about: list[str]) -> Statement:
    return a.model_copy(
        update={
            "evidence": _union_evidence(a.evidence, b.evidence),
            "about": _union_strings(a.about, about),
            "quote": a.quote or b.quote,
            "grounded": a.grounded or b.grounded,
        }
    )


_BUCKET = 2048


class _Candidates:
    """Finds merged records that may match a new one without comparing all pairs:
    those with the same identity key, or with evidence in the same text region."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[object, ...], list[int]] = {}
        self._by_region: dict[int, list[int]] = {}

    @staticmethod
    def _regions(evidence: Iterable[Evidence]) -> Iterator[int]:
        for start, end in _spans(evidence):
            yield from range(start // _BUCKET, max(start, end - 1) // _BUCKET + 1)

    def add(self, index: int, key: tuple[object, ...] | None, evidence: list[Evidence]) -> None:
        if key is not None:
            self._by_key.setdefault(key, []).append(index)
        for region in self._regions(evidence):
            self._by_region.setdefault(region, []).append(index)

    def find(self, key: tuple[object, ...] | None, evidence: list[Evidence]) -> list[int]:
        found = set(self._by_key.get(key, ())) if key is not None else set()
        for region in self._regions(evidence):
            found.update(self._by_region.get(region, ()))
        return sorted(found)


def _incident_key(inc: Incident) -> tuple[object, ...] | None:
    place = _actor_key(inc.location.name, inc.location.text)
    date = _date_key(inc)
    return (inc.event_type, place, date) if place and date is not None else None


def _statement_key(st: Statement) -> tuple[object, ...] | None:
    speaker = _actor_key(st.speaker.name, st.speaker.text)
    return (speaker, _norm(st.quote)) if speaker and st.quote else None


def merge_chunk_records(
    parts: list[tuple[list[Incident], list[Statement]]],
) -> tuple[list[Incident], list[Statement]]:
    """Merge per-chunk records, in chunk order, into one document's records.

    Evidence offsets must already index the whole document. A record is only
    merged with a record from another chunk, so two records one chunk keeps
    apart stay apart. Ids are renumbered ``I1..``/``S1..`` in order of first
    appearance and ``Statement.about`` is remapped; references to ids unknown
    in their chunk are dropped. Inputs are not modified.
    """
    incidents: list[Incident] = []
    incident_parts: list[set[int]] = []
    incident_index = _Candidates()
    id_map: dict[tuple[int, str], int] = {}
    for p, (part_incidents, _) in enumerate(parts):
        for inc in part_incidents:
            candidates = incident_index.find(_incident_key(inc), inc.evidence)
            match = next(
                (
                    i
                    for i in candidates
                    if p not in incident_parts[i] and _same_incident(incidents[i], inc)
                ),
                None,
            )
            if match is None:
                match = len(incidents)
                incidents.append(inc)
                incident_parts.append(set())
            else:
                incidents[match] = _merge_incident(incidents[match], inc)
            incident_parts[match].add(p)
            incident_index.add(match, _incident_key(incidents[match]), inc.evidence)
            id_map.setdefault((p, inc.id), match)

    new_ids = [f"I{i + 1}" for i in range(len(incidents))]
    statements: list[Statement] = []
    statement_parts: list[set[int]] = []
    statement_index = _Candidates()
    for p, (_, part_statements) in enumerate(parts):
        for st in part_statements:
            about = _union_strings(
                [], (new_ids[id_map[(p, ref)]] for ref in st.about if (p, ref) in id_map)
            )
            candidates = statement_index.find(_statement_key(st), st.evidence)
            match = next(
                (
                    i
                    for i in candidates
                    if p not in statement_parts[i] and _same_statement(statements[i], st)
                ),
                None,
            )
            if match is None:
                match = len(statements)
                statement_parts.append(set())
                statements.append(st.model_copy(update={"about": about}))
            else:
                statements[match] = _merge_statement(statements[match], st, about)
            statement_parts[match].add(p)
            statement_index.add(match, _statement_key(statements[match]), st.evidence)

    out_incidents = [
        inc.model_copy(update={"id": new_ids[i]}, deep=True) for i, inc in enumerate(incidents)
    ]
    out_statements = [
        st.model_copy(update={"id": f"S{i + 1}"}, deep=True) for i, st in enumerate(statements)
    ]
    return out_incidents, out_statements
