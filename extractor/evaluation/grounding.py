"""Evidence spans of a document and whether each is grounded in the source.

A span is grounded when its alignment is ``exact`` or ``fuzzy`` and its
offsets are a non-empty range inside the text (``0 <= start < end <= len``;
without the text only the first two conditions are checked). The grounding
rate is the share of a prediction's spans that are grounded.

Spans are those of incidents, their casualty claims and statements, and the
evidence of their dates. Each comes with a label naming its record: ``I1``,
``I1#2`` (second claim of I1), ``S3``.
"""

from __future__ import annotations

from collections.abc import Iterator

from extractor.models import Alignment, DocumentRecords, Evidence

GROUNDED = frozenset({Alignment.exact, Alignment.fuzzy})


def claim_label(incident_id: str, position: int) -> str:
    """Label of the ``position``-th (0-based) claim of an incident."""
    return f"{incident_id}#{position + 1}"


def iter_evidence(doc: DocumentRecords) -> Iterator[tuple[str, Evidence]]:
    """Every evidence span of the document's records, with its record label."""
    for inc in doc.incidents:
        yield from ((inc.id, e) for e in inc.evidence)
        if inc.date.evidence is not None:
            yield inc.id, inc.date.evidence
        for k, claim in enumerate(inc.casualty_claims):
            label = claim_label(inc.id, k)
            yield from ((label, e) for e in claim.evidence)
    for st in doc.statements:
        yield from ((st.id, e) for e in st.evidence)
        if st.date.evidence is not None:
            yield st.id, st.date.evidence


def is_grounded(evidence: Evidence, text_length: int | None) -> bool:
    """Whether a span is aligned to the source with offsets inside the text."""
    if evidence.alignment not in GROUNDED:
        return False
    start, end = evidence.char_start, evidence.char_end
    if start is None or end is None or start < 0 or end <= start:
        return False
    return text_length is None or end <= text_length


def grounding_counts(doc: DocumentRecords, text_length: int | None) -> tuple[int, int]:
    """(spans, grounded spans) of a document."""
    total = grounded = 0
    for _, evidence in iter_evidence(doc):
        total += 1
        grounded += is_grounded(evidence, text_length)
    return total, grounded
