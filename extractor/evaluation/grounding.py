"""Evidence spans of a document and whether each is grounded in its source.

Grounding is measured, never read from a label: a span counts as grounded
only when the article text at its offsets is its quote (see
:mod:`extractor.grounding.verify`). Without the text nothing can be verified,
so every span of that document counts as ungrounded and the report says the
text was missing. Predictions and gold are checked the same way.

Spans are those of incidents, their casualty claims and statements, and the
evidence of their dates. Each comes with a label naming its record: ``I1``,
``I1#2`` (second claim of I1), ``S3``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from extractor.grounding.verify import span_problem
from extractor.models import DocumentRecords, Evidence

TEXT_MISSING = "source text not available"
MAX_LISTED = 200
"""Ungrounded spans listed per document (all are counted)."""


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


def is_grounded(evidence: Evidence, text: str | None) -> bool:
    """Whether the text at a span's offsets is its quote (False without a text)."""
    return text is not None and span_problem(evidence, text) is None


@dataclass(slots=True)
class UngroundedSpan:
    record: str
    quote: str
    char_start: int | None
    char_end: int | None
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {
            "record": self.record,
            "quote": self.quote,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "reason": self.reason,
        }


@dataclass(slots=True)
class GroundingCheck:
    """Spans of one document, how many are grounded, and the ones that are not."""

    total: int = 0
    grounded: int = 0
    ungrounded: list[UngroundedSpan] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.grounded / self.total if self.total else None


def check_grounding(doc: DocumentRecords, text: str | None) -> GroundingCheck:
    """Verify every evidence span of ``doc`` against ``text``."""
    check = GroundingCheck()
    for label, evidence in iter_evidence(doc):
        check.total += 1
        problem = TEXT_MISSING if text is None else span_problem(evidence, text)
        if problem is None:
            check.grounded += 1
        elif len(check.ungrounded) < MAX_LISTED:
            check.ungrounded.append(
                UngroundedSpan(
                    label, evidence.quote, evidence.char_start, evidence.char_end, problem
                )
            )
    return check
