"""Turn the model's text-only draft into grounded, normalised records.

Everything here is deterministic: evidence is aligned to offsets in the
original text, dates are resolved against the publication date, places and
actors are normalised through alias tables and a gazetteer, figures are
parsed by code. What cannot be checked is flagged, never passed off as
grounded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .draft import Draft, DraftCasualty, DraftIncident, DraftStatement
from .grounding import align_quote
from .models import (
    Actor,
    ActorKind,
    Alignment,
    Attribution,
    CasualtyClaim,
    DateSpec,
    EventType,
    Evidence,
    ExtractionWarning,
    Incident,
    IncidentStatus,
    Outcome,
    Perpetrator,
    Population,
    Statement,
    StatementType,
)
from .normalise import figure_in_text, normalise_actor, normalise_place, parse_figure, resolve_date

_DATE_WORDS = re.compile(
    r"\b(?:(?:on|late|early|last)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|morning|evening|afternoon))?\b|\b(?:today|yesterday|last week|earlier this week)\b",
    re.IGNORECASE,
)


# A government named as the author of an attack acted through its armed forces
# (seeds/ANNOTATION.md: "Russia", "the Syrian government" as attackers).
_FORCES_OF = {
    "Syrian Government": "Syrian Armed Forces",
    "Russian Government": "Russian Armed Forces",
    "Turkish Government": "Turkish Armed Forces",
}


def perpetrator_actor(written: str) -> Actor:
    actor = normalise_actor(written)
    if actor.kind == ActorKind.government and actor.name in _FORCES_OF:
        forces = normalise_actor(_FORCES_OF[actor.name])
        return forces.model_copy(update={"text": actor.text})
    return actor


@dataclass
class Records:
    incidents: list[Incident] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)


def _aligned(evidence: list[Evidence]) -> bool:
    return any(e.alignment != Alignment.unaligned for e in evidence)


class _Builder:
    def __init__(self, text: str, published: dt.date | None, hint: int | None) -> None:
        self.text = text
        self.published = published
        self.hint = hint
        self.out = Records()

    def warn(self, code: str, message: str, record: str | None) -> None:
        self.out.warnings.append(ExtractionWarning(code=code, message=message, record=record))

    def evidence(self, quotes: list[str], record: str) -> list[Evidence]:
        found = []
        for quote in quotes:
            if not quote.strip():
                continue
            ev = align_quote(self.text, quote.strip(), hint=self.hint)
            if ev.alignment == Alignment.unaligned:
                self.warn(
                    "unaligned_evidence",
                    f"evidence not found in the source: {quote[:80]!r}",
                    record,
                )
            found.append(ev)
        return found

    def date(self, written: str | None) -> DateSpec:
        written = (written or "").strip()
        return resolve_date(written, self.published) if written else DateSpec()

    def claim(self, draft_claim: DraftCasualty, record: str) -> CasualtyClaim:
        figure = parse_figure(draft_claim.figure)
        evidence = self.evidence([draft_claim.evidence], record)
        flags = []
        if figure.min is None:
            flags.append("figure_unparsed")
        quotes = " ".join(e.quote for e in evidence if e.alignment != Alignment.unaligned)
        if not quotes:
            flags.append("unaligned_evidence")
        elif figure.min is not None and not figure_in_text(figure, quotes):
            flags.append("figure_not_in_evidence")
            self.warn(
                "figure_not_in_evidence",
                f"figure {draft_claim.figure!r} does not appear in its evidence",
                record,
            )
        return CasualtyClaim(
            claimant=normalise_actor(draft_claim.source) if draft_claim.source.strip() else None,
            outcome=figure.outcome or Outcome(draft_claim.outcome),
            population=figure.population or Population.people,
            min=figure.min,
            max=figure.max,
            qualifier=figure.qualifier,
            text=draft_claim.figure,
            evidence=evidence,
            flags=flags,
        )

    def incident(self, n: int, draft: DraftIncident) -> Incident:
        rid = f"I{n}"
        evidence = self.evidence(draft.evidence, rid)
        claims = [self.claim(c, rid) for c in draft.casualties if c.figure.strip()]
        perpetrators: dict[str, Perpetrator] = {}
        for written in draft.perpetrators:
            if not written.strip():
                continue
            actor = perpetrator_actor(written)
            key = (actor.name or written).lower()
            perpetrators.setdefault(
                key, Perpetrator(**actor.model_dump(), attribution=Attribution(draft.attribution))
            )
        grounded = _aligned(evidence) or any(_aligned(c.evidence) for c in claims)
        if not grounded:
            self.warn("ungrounded_record", "no evidence of this incident aligns to the source", rid)
        return Incident(
            id=rid,
            event_type=EventType(draft.event_type),
            status=IncidentStatus(draft.status),
            date=self.date(draft.date),
            location=normalise_place(draft.location.strip() or None),
            perpetrators=list(perpetrators.values()),
            targets=[t.strip() for t in draft.targets if t.strip()],
            weapons=[w.strip() for w in draft.weapons if w.strip()],
            casualty_claims=claims,
            evidence=evidence,
            grounded=grounded,
        )

    def statement(self, n: int, draft: DraftStatement, n_incidents: int) -> Statement:
        rid = f"S{n}"
        evidence = self.evidence([draft.evidence], rid)
        quote = None
        if draft.quote.strip():
            quoted = align_quote(self.text, draft.quote.strip(), hint=self.hint)
            if quoted.alignment == Alignment.unaligned or quoted.char_start is None:
                self.warn(
                    "quote_not_in_source",
                    f"quote not found in the source: {draft.quote[:80]!r}",
                    rid,
                )
            else:
                quote = self.text[quoted.char_start : quoted.char_end]
                if not any(e.char_start == quoted.char_start for e in evidence):
                    evidence.append(quoted)
        grounded = _aligned(evidence)
        if not grounded:
            self.warn(
                "ungrounded_record", "no evidence of this statement aligns to the source", rid
            )
        when = _DATE_WORDS.search(" ".join(e.quote for e in evidence))
        return Statement(
            id=rid,
            speaker=normalise_actor(draft.speaker, role=draft.speaker_role.strip() or None),
            type=StatementType(draft.type),
            content=draft.content.strip() or draft.evidence.strip(),
            quote=quote,
            about=[f"I{draft.incident}"] if 1 <= draft.incident <= n_incidents else [],
            date=self.date(when.group(0)) if when else DateSpec(),
            evidence=evidence,
            grounded=grounded,
        )


def build_records(
    draft: Draft, *, text: str, published: dt.date | None, hint: int | None = None
) -> Records:
    """Ground and normalise one draft against the whole original `text`.

    `hint` is where in `text` the chunk the draft came from begins; it
    breaks ties between repeated quotes.
    """
    builder = _Builder(text, published, hint)
    builder.out.incidents = [builder.incident(i, d) for i, d in enumerate(draft.incidents, 1)]
    n = len(builder.out.incidents)
    builder.out.statements = [builder.statement(i, d, n) for i, d in enumerate(draft.statements, 1)]
    return builder.out
