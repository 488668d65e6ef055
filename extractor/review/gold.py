"""A review as gold: the records the reviewer kept, in the guideline's format.

Accepted records (edited ones included) and added ones are kept; rejected
and still pending ones are left out (they were not confirmed). A kept
incident keeps the claims not rejected; a statement's ``about`` keeps only
kept incidents. Every evidence span is checked against the article text: a
span whose quote is not the text at its offsets is refused.
"""

from __future__ import annotations

from extractor.errors import InputError
from extractor.models import Alignment, Evidence, ExtractionResult, GoldAnnotation
from extractor.review.state import Decision, ReviewState


def _check(evidence: list[Evidence], text: str, where: str) -> list[Evidence]:
    out = []
    for ev in evidence:
        s, e = ev.char_start, ev.char_end
        if s is None or e is None or not 0 <= s < e <= len(text) or text[s:e] != ev.quote:
            raise InputError(f"{where}: evidence {ev.quote[:60]!r} is not the text at its offsets")
        out.append(ev.model_copy(update={"alignment": Alignment.exact, "score": None}))
    return out


def reviewed_gold(result: ExtractionResult, state: ReviewState, text: str) -> GoldAnnotation:
    """The gold file of a review (`extractor eval --gold RUN_DIR/reviewed` reads it)."""
    kept = {Decision.accepted}
    incidents = []
    for incident in state.incidents:
        if state.decision(incident.id) not in kept:
            continue
        claims = [
            c.model_copy(update={"evidence": _check(c.evidence, text, f"{incident.id} claim")})
            for n, c in enumerate(incident.casualty_claims)
            if state.claim_decision(incident, n) in kept
        ]
        incidents.append(
            incident.model_copy(
                update={
                    "casualty_claims": claims,
                    "evidence": _check(incident.evidence, text, incident.id),
                    "grounded": True,
                }
            )
        )
    ids = {i.id for i in incidents}
    statements = [
        s.model_copy(
            update={
                "about": [a for a in s.about if a in ids],
                "evidence": _check(s.evidence, text, s.id),
                "grounded": True,
            }
        )
        for s in state.statements
        if state.decision(s.id) in kept
    ]
    counts = state.counts()
    return GoldAnnotation(
        doc_id=result.doc_id,
        source=result.source,
        text_sha256=result.text_sha256,
        language=result.language,
        published=result.published,
        incidents=incidents,
        statements=statements,
        annotator="extractor review",
        notes=[
            "Reviewed in the browser from the run's records: "
            f"{counts['accepted']} accepted ({counts['edited']} edited, {counts['added']} added), "
            f"{counts['rejected']} rejected, {counts['pending']} left pending and not kept."
        ],
    )
