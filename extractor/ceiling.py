"""The post-processing ceiling: what a perfect model would score.

A perfect model answers the `single` draft with every field exactly as the
article writes it: the gold's evidence sentences, its places, dates, figures
and actors as written. `gold_draft` builds that draft from a gold file; it
then goes through the same page-date detection, language detection,
grounding and normalisation as any model's answer (`build_records`), and is
scored against the gold it came from. What it loses is lost by the
normalisers alone.

`ceiling` scores a set of gold files that way, as a whole and per language,
and adds field accuracy for the four kinds of normalisation, each record
normalised on its own (so no matching decides what is compared):

- dates: gold incidents with a resolved date; right when start and end agree;
- places: gold incidents with a place name; right when name and admin1 agree;
- figures: gold claims; right when one claim of its figure agrees on
  min, max, population and outcome;
- actors: gold claimants and speakers; right when the canonical name agrees.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from extractor.draft import Draft, DraftCasualty, DraftIncident, DraftStatement
from extractor.evaluation.evaluate import evaluate
from extractor.evaluation.load import LoadedSet
from extractor.evaluation.texts import TextResolver
from extractor.grounding import clean_for_prompt
from extractor.models import (
    Actor,
    CasualtyClaim,
    DocumentRecords,
    ExtractionResult,
    Incident,
    Provenance,
    Statement,
)
from extractor.normalise import detect_language
from extractor.pipeline import published_spec
from extractor.postprocess import build_records
from extractor.version import __version__

__all__ = ["CeilingReport", "ceiling", "ceiling_result", "gold_draft"]

HEADLINE = ("incident_f1", "claim_f1", "statement_f1", "incident_f1_lenient", "claim_f1_lenient")
FIELDS = ("dates", "places", "figures", "actors")


def _written_actor(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return (actor.text or actor.name or "").strip()


def _quotes(evidence: Iterable[Any]) -> list[str]:
    return [e.quote for e in evidence if e.quote]


def _draft_claim(claim: CasualtyClaim, fallback: list[str]) -> DraftCasualty:
    quotes = _quotes(claim.evidence) or fallback
    return DraftCasualty.model_construct(
        source=_written_actor(claim.claimant),
        figure=claim.text,
        outcome=claim.outcome.value,
        evidence=quotes[0] if quotes else "",
    )


def _draft_incident(incident: Incident) -> DraftIncident:
    quotes = _quotes(incident.evidence)
    attribution = incident.perpetrators[0].attribution.value if incident.perpetrators else "stated"
    location = incident.location
    return DraftIncident.model_construct(
        evidence=quotes,
        event_type=incident.event_type.value,
        status=incident.status.value,
        date=incident.date.text or "",
        location=(location.text or location.name or ""),
        perpetrators=[_written_actor(p) for p in incident.perpetrators],
        attribution=attribution,
        targets=list(incident.targets),
        weapons=list(incident.weapons),
        casualties=[_draft_claim(c, quotes) for c in incident.casualty_claims],
    )


def _draft_statement(statement: Statement, incident_ids: list[str]) -> DraftStatement:
    quotes = _quotes(statement.evidence)
    about = next((incident_ids.index(i) + 1 for i in statement.about if i in incident_ids), 0)
    return DraftStatement.model_construct(
        evidence=quotes[0] if quotes else "",  # the draft holds one sentence a statement
        speaker=_written_actor(statement.speaker),
        speaker_role=statement.speaker.role or "",
        type=statement.type.value,
        content=statement.content,
        quote=statement.quote or "",
        incident=about,
    )


def gold_draft(gold: DocumentRecords) -> Draft:
    """The draft a perfect model would answer: every field as the article writes it.

    Built without the draft's length limits (a long article would be chunked;
    the ceiling measures the normalisers, not the chunking).
    """
    ids = [i.id for i in gold.incidents]
    return Draft.model_construct(
        incidents=[_draft_incident(i) for i in gold.incidents],
        statements=[_draft_statement(s, ids) for s in gold.statements],
    )


@dataclass(frozen=True)
class _Context:
    text: str
    published: Any
    language: str | None


def _context(text: str) -> _Context:
    language = detect_language(clean_for_prompt(text).text)
    pub = published_spec(None, text, language=language)
    return _Context(text, pub, language)


def _records(draft: Draft, ctx: _Context) -> Any:
    day = ctx.published.start if ctx.published else None
    return build_records(draft, text=ctx.text, published=day, language=ctx.language, examples=())


def ceiling_result(gold: DocumentRecords, text: str) -> ExtractionResult:
    """The gold's perfect draft through page date, language, grounding and normalisation."""
    return _result(gold, _context(text))


def _result(gold: DocumentRecords, ctx: _Context) -> ExtractionResult:
    records = _records(gold_draft(gold), ctx)
    return ExtractionResult(
        doc_id=gold.doc_id,
        source=gold.source,
        text_sha256=gold.text_sha256,
        language=ctx.language,
        published=ctx.published,
        incidents=records.incidents,
        statements=records.statements,
        warnings=records.warnings,
        provenance=Provenance(
            provider="gold",
            model="none",
            prompt_version="ceiling",
            extractor_version=__version__,
            strategy="ceiling",
        ),
    )


@dataclass
class _Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, what: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(what)

    @property
    def accuracy(self) -> float | None:
        return round(self.right / self.total, 3) if self.total else None


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def _one_incident(incident: Incident, ctx: _Context) -> Incident | None:
    draft = Draft.model_construct(incidents=[_draft_incident(incident)], statements=[])
    built = _records(draft, ctx).incidents
    return built[0] if built else None


def _field_tallies(gold: DocumentRecords, ctx: _Context, tallies: dict[str, _Tally]) -> None:
    doc = gold.doc_id
    for incident in gold.incidents:
        built = _one_incident(incident, ctx)
        where = f"{doc} {incident.id}"
        if incident.date.start is not None:
            ok = built is not None and (built.date.start, built.date.end) == (
                incident.date.start,
                incident.date.end,
            )
            got = f"{built.date.start}..{built.date.end}" if built else "nothing"
            tallies["dates"].add(
                ok,
                f"{where} date {incident.date.text!r}: gold "
                f"{incident.date.start}..{incident.date.end}, got {got}",
            )
        if incident.location.name:
            loc = built.location if built else None
            ok = loc is not None and (
                _same(loc.name, incident.location.name)
                and _same(loc.admin1, incident.location.admin1)
            )
            tallies["places"].add(
                ok,
                f"{where} place {incident.location.text!r}: gold "
                f"{incident.location.name}/{incident.location.admin1}, "
                f"got {loc.name if loc else None}/{loc.admin1 if loc else None}",
            )
        built_claims = built.casualty_claims if built else []
        for claim in incident.casualty_claims:
            want = (claim.min, claim.max, claim.population, claim.outcome)
            ok = any(
                (c.min, c.max, c.population, c.outcome) == want
                for c in built_claims
                if c.text in claim.text or claim.text in c.text
            )
            tallies["figures"].add(
                ok, f"{where} figure {claim.text!r}: gold {want[0]}..{want[1]} {want[2]} {want[3]}"
            )
            if claim.claimant is not None:
                got = next(
                    (c.claimant for c in built_claims if c.text == claim.text and c.claimant),
                    None,
                )
                tallies["actors"].add(
                    got is not None and _same(got.name, claim.claimant.name),
                    f"{where} claimant {claim.claimant.text!r}: gold {claim.claimant.name!r}, "
                    f"got {got.name if got else None!r}",
                )
    for statement in gold.statements:
        draft = Draft.model_construct(incidents=[], statements=[_draft_statement(statement, [])])
        built_s = _records(draft, ctx).statements
        got_s = built_s[0].speaker if built_s else None
        tallies["actors"].add(
            got_s is not None and _same(got_s.name, statement.speaker.name),
            f"{doc} {statement.id} speaker {statement.speaker.text!r}: gold "
            f"{statement.speaker.name!r}, got {got_s.name if got_s else None!r}",
        )


@dataclass
class CeilingReport:
    """Scores of the gold's perfect drafts: overall, per language, with field accuracy."""

    name: str
    scores: dict[str, dict[str, Any]]
    fields: dict[str, dict[str, _Tally]]

    def to_dict(self, *, misses: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"set": self.name, "groups": {}}
        for group, summary in self.scores.items():
            entry = {k: summary.get(k) for k in HEADLINE}
            entry["documents"] = summary.get("documents")
            entry["fields"] = {k: t.accuracy for k, t in self.fields[group].items()}
            entry["field_counts"] = {k: t.total for k, t in self.fields[group].items()}
            if misses:
                entry["misses"] = {k: t.misses for k, t in self.fields[group].items() if t.misses}
            out["groups"][group] = entry
        return out


def _add(into: dict[str, _Tally], one: dict[str, _Tally]) -> None:
    for k in FIELDS:
        into[k].right += one[k].right
        into[k].total += one[k].total
        into[k].misses.extend(one[k].misses)


def ceiling(gold: LoadedSet, *, name: str, texts: TextResolver | None = None) -> CeilingReport:
    """Score every gold document's perfect draft; groups: ``all`` and each language."""
    texts = texts or TextResolver()
    pairs: dict[str, list[tuple[DocumentRecords, ExtractionResult]]] = defaultdict(list)
    fields: dict[str, dict[str, _Tally]] = defaultdict(lambda: {k: _Tally() for k in FIELDS})
    for doc_id in sorted(gold.documents):
        g = gold.documents[doc_id].records
        text = texts.text(g)
        if text is None:
            continue
        ctx = _context(text)  # the article's language and page date, read once
        result = _result(g, ctx)
        one: dict[str, _Tally] = {k: _Tally() for k in FIELDS}
        _field_tallies(g, ctx, one)
        for group in ("all", g.language or ctx.language or "unknown"):
            pairs[group].append((g, result))
            _add(fields[group], one)
    scores = {
        group: evaluate([g for g, _ in docs], [r for _, r in docs], texts=texts).summary
        for group, docs in pairs.items()
    }
    order = ["all", *sorted(k for k in scores if k != "all")] if scores else []
    return CeilingReport(name, {g: scores[g] for g in order}, {g: fields[g] for g in order})
