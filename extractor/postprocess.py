"""Turn the model's text-only draft into grounded, normalised records.

Everything here is deterministic: evidence is aligned to offsets in the
original text, dates are resolved against the publication date, places and
actors are normalised through alias tables and a gazetteer, figures are
parsed by code. What cannot be checked is flagged, never passed off as
grounded.

Two kinds of record are not kept as the model gave them: a record whose
evidence is not in the article but is in a few-shot example of the prompt
(the model copied the example) is dropped with an ``example_leak`` warning,
and records of one draft that are the same record by the identity the chunk
merge uses (a page that repeats its paragraphs) are merged into one.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import TypeVar

from .chunking import (  # one identity for records, within a chunk as across chunks
    _incident_keys,
    _IncidentKeys,
    _merge_incident,
    _merge_statement,
    _same_incident_keyed,
    _same_statement_keyed,
    _statement_keys,
    _StatementKeys,
    _union_claims,
)
from .draft import Draft, DraftCasualty, DraftIncident, DraftStatement
from .grounding import align_quote
from .models import (
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
    Statement,
    StatementType,
)
from .normalise import figure_in_text, normalise_actor, normalise_place, parse_figure, resolve_date
from .normalise.claimants import resolve_claimants
from .normalise.date_phrases import date_words, referent_of
from .normalise.dates import refers_back, told_by_publication
from .normalise.figures import split_figures
from .normalise.figures_context import claim_population
from .normalise.page_date import page_year
from .normalise.perpetrators import perpetrator_actor
from .normalise.places import article_countries, is_unresolved
from .record_set import Records
from .staged.candidates.document_actors import resolve_record_actors

_R = TypeVar("_R", Incident, Statement)


def _aligned(evidence: list[Evidence]) -> bool:
    return any(e.alignment != Alignment.unaligned for e in evidence)


class _Builder:
    def __init__(
        self, text: str, published: dt.date | None, hint: int | None, language: str | None
    ) -> None:
        self.text = text
        self.published = published
        self.hint = hint
        self.language = language
        self.out = Records()
        self.last_day: dt.date | None = None  # the day of the latest incident built

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

    @functools.cached_property
    def year(self) -> int | None:
        return page_year(self.text)

    def date(self, written: str | None, evidence: Sequence[Evidence] = ()) -> DateSpec:
        """The date as written, resolved; "the same day" is the day written before it in the
        article (else the latest incident's day)."""
        written = (written or "").strip()
        if not written:
            return DateSpec()
        referent = None
        if refers_back(written, language=self.language):
            referent = referent_of(
                self.text, written, evidence, self.published, language=self.language
            )
            referent = referent or self.last_day
            if referent is None and told_by_publication(written, language=self.language):
                referent = self.published  # "la veille" on a page that names no day before
        return resolve_date(
            written, self.published, language=self.language, referent=referent, year=self.year
        )

    def claims(self, draft_claim: DraftCasualty, record: str) -> list[CasualtyClaim]:
        """One claim per figure of the entry ("23 people, including two children" is
        two: seeds/ANNOTATION.md §4.1), sharing the entry's evidence and source."""
        evidence = self.evidence([draft_claim.evidence], record)
        return [
            self.claim(draft_claim, record, written, evidence)
            for written in split_figures(draft_claim.figure, self.language)
        ]

    def claim(
        self,
        draft_claim: DraftCasualty,
        record: str,
        written: str | None = None,
        evidence: list[Evidence] | None = None,
    ) -> CasualtyClaim:
        """The claim of one figure (``written``, else the entry's whole figure)."""
        written = draft_claim.figure if written is None else written
        figure = parse_figure(written, language=self.language)
        if evidence is None:
            evidence = self.evidence([draft_claim.evidence], record)
        flags = []
        if figure.value is None:
            flags.append("figure_unparsed")
        quotes = " ".join(e.quote for e in evidence if e.alignment != Alignment.unaligned)
        if not quotes:
            flags.append("unaligned_evidence")
        elif (
            figure.value is not None
            and not figure_in_text(figure, quotes, language=self.language)
            and written.casefold() not in quotes.casefold()  # "a child": no digits to find
        ):
            flags.append("figure_not_in_evidence")
            self.warn(
                "figure_not_in_evidence",
                f"figure {written!r} does not appear in its evidence",
                record,
            )
        return CasualtyClaim(
            claimant=normalise_actor(draft_claim.source, language=self.language)
            if draft_claim.source.strip()
            else None,
            outcome=figure.outcome or Outcome(draft_claim.outcome),
            population=claim_population(
                written, figure.population, [e.quote for e in evidence], language=self.language
            ),
            min=figure.min,
            max=figure.max,
            qualifier=figure.qualifier,
            text=written,
            evidence=list(evidence),
            flags=flags,
        )

    def incident(self, n: int, draft: DraftIncident) -> Incident:
        rid = f"I{n}"
        evidence = self.evidence(draft.evidence, rid)
        claims = [cl for c in draft.casualties if c.figure.strip() for cl in self.claims(c, rid)]
        perpetrators: dict[str, Perpetrator] = {}
        for written in draft.perpetrators:
            if not written.strip():
                continue
            actor = perpetrator_actor(written, language=self.language)
            key = (actor.name or written).lower()
            perpetrators.setdefault(
                key, Perpetrator(**actor.model_dump(), attribution=Attribution(draft.attribution))
            )
        grounded = _aligned(evidence) or any(_aligned(c.evidence) for c in claims)
        if not grounded:
            self.warn("ungrounded_record", "no evidence of this incident aligns to the source", rid)
        location = normalise_place(
            draft.location.strip() or None,
            countries=article_countries(self.text),
            language=self.language,
        )
        if is_unresolved(location):
            self.warn(
                "place_unresolved",
                f"place {location.text!r} matches no known place in the article's countries",
                rid,
            )
        date = self.date(draft.date, evidence)
        if date.start is not None and date.start == date.end:
            self.last_day = date.start
        return Incident(
            id=rid,
            event_type=EventType(draft.event_type),
            status=IncidentStatus(draft.status),
            date=date,
            location=location,
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
        when = date_words(" ".join(e.quote for e in evidence), language=self.language)
        return Statement(
            id=rid,
            speaker=normalise_actor(
                draft.speaker, role=draft.speaker_role.strip() or None, language=self.language
            ),
            type=StatementType(draft.type),
            content=draft.content.strip() or draft.evidence.strip(),
            quote=quote,
            about=[f"I{draft.incident}"] if 1 <= draft.incident <= n_incidents else [],
            date=self.date(when) if when else DateSpec(),
            evidence=evidence,
            grounded=grounded,
        )


def build_records(
    draft: Draft,
    *,
    text: str,
    published: dt.date | None,
    hint: int | None = None,
    examples: Sequence[str] | None = None,
    language: str | None = None,
) -> Records:
    """Ground and normalise one draft against the whole original `text`.

    `hint` is where in `text` the chunk the draft came from begins; it
    breaks ties between repeated quotes. `examples` are the texts of the
    prompt's few-shot examples (default: those of the packaged prompts).
    `language` is the document's (ISO 639-1); every normaliser reads in it.
    """
    builder = _Builder(text, published, hint, language)
    builder.out.incidents = [builder.incident(i, d) for i, d in enumerate(draft.incidents, 1)]
    n = len(builder.out.incidents)
    builder.out.statements = [builder.statement(i, d, n) for i, d in enumerate(draft.statements, 1)]
    builder.out.incidents = resolve_claimants(
        builder.out.incidents, builder.out.statements, text=text, language=language
    )
    resolve_record_actors(builder.out.incidents, builder.out.statements, text, language)
    _drop_example_leaks(builder.out, _example_texts() if examples is None else tuple(examples))
    _merge_duplicates(builder.out)
    return builder.out


@functools.cache
def _example_texts() -> tuple[str, ...]:
    from .templates import default_prompts

    return tuple(example.text for example in default_prompts().examples)


def _quotes(record: Incident | Statement) -> list[Evidence]:
    evidence = list(record.evidence)
    if isinstance(record, Incident):
        evidence += [e for c in record.casualty_claims for e in c.evidence]
    return evidence


def _leaked(record: Incident | Statement, examples: Sequence[str]) -> str | None:
    """The quote of an ungrounded record that the prompt's examples hold, if any."""
    evidence = _quotes(record)
    if not evidence or any(e.alignment != Alignment.unaligned for e in evidence):
        return None
    for e in evidence:
        for example in examples:
            if align_quote(example, e.quote).alignment != Alignment.unaligned:
                return e.quote
    return None


def _drop_example_leaks(out: Records, examples: Sequence[str]) -> None:
    if not examples:
        return
    dropped: dict[str, str] = {}
    for kind in ("incidents", "statements"):
        kept = []
        for record in getattr(out, kind):
            quote = _leaked(record, examples)
            if quote is None:
                kept.append(record)
            else:
                dropped[record.id] = quote
        setattr(out, kind, kept)
    if not dropped:
        return
    out.warnings = [w for w in out.warnings if w.record not in dropped]  # superseded
    for rid, quote in dropped.items():
        out.warnings.append(
            ExtractionWarning(
                code="example_leak",
                message=f"{rid} dropped: its evidence is the prompt's example, not the "
                f"article: {quote[:80]!r}",
            )
        )
    for st in out.statements:
        st.about = [ref for ref in st.about if ref not in dropped]


def _merge_duplicates(out: Records) -> None:
    """Merge records of one draft that are the same record; renumber and remap ids.

    Each kept record's identity keys are computed once (and again only when a
    merge changes it), statements are compared only with kept ones of the same
    speaker, and a record is copied only where a field of it changes.
    """
    incidents: list[Incident] = []
    incident_keys: list[_IncidentKeys] = []
    new_id: dict[str, str] = {}
    for inc in out.incidents:
        claims = _union_claims([], inc.casualty_claims)
        if len(claims) != len(inc.casualty_claims):  # two claims of it were one
            inc = inc.model_copy(update={"casualty_claims": claims})
        keys = _incident_keys(inc)
        match = next(
            (
                k
                for k, kept in enumerate(incidents)
                if _same_incident_keyed(kept, incident_keys[k], inc, keys)
            ),
            None,
        )
        if match is None:
            match = len(incidents)
            incidents.append(inc)
            incident_keys.append(keys)
        else:
            incidents[match] = _merge_incident(incidents[match], inc)
            incident_keys[match] = _incident_keys(incidents[match])
        new_id[inc.id] = f"I{match + 1}"
    statements: list[Statement] = []
    statement_keys: list[_StatementKeys] = []
    by_speaker: dict[str, list[int]] = {}  # kept statements of each (non-empty) speaker key
    for st in out.statements:
        about = list(dict.fromkeys(new_id[ref] for ref in st.about if ref in new_id))
        keys = _statement_keys(st)
        same_speaker = by_speaker.get(keys[0], []) if keys[0] else []
        match = next(
            (
                k
                for k in same_speaker
                if _same_statement_keyed(statements[k], statement_keys[k], st, keys)
            ),
            None,
        )
        if match is None:
            match = len(statements)
            statements.append(st if about == st.about else st.model_copy(update={"about": about}))
            statement_keys.append(keys)
            if keys[0]:
                by_speaker.setdefault(keys[0], []).append(match)
        else:
            statements[match] = _merge_statement(statements[match], st, about)
            statement_keys[match] = _statement_keys(statements[match])
        new_id[st.id] = f"S{match + 1}"
    out.incidents = [_with_id(inc, f"I{k + 1}") for k, inc in enumerate(incidents)]
    out.statements = [_with_id(st, f"S{k + 1}") for k, st in enumerate(statements)]
    warnings: list[ExtractionWarning] = []
    for w in out.warnings:
        if w.record and new_id.get(w.record, w.record) != w.record:
            w = w.model_copy(update={"record": new_id[w.record]})
        if w not in warnings:  # a merged duplicate's warnings are its twin's
            warnings.append(w)
    out.warnings = warnings


def _with_id(record: _R, rid: str) -> _R:
    return record if record.id == rid else record.model_copy(update={"id": rid})
