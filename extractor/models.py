"""Record model, schema version 1.

These pydantic models are the public contract of the project: what
`extract()` returns, what `extractor run` writes, what gold annotations hold
and what the JSON Schema files in `schemas/` describe. Field names follow
DESIGN.md; fields beyond it are additions, never renames.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class EventType(StrEnum):
    airstrike = "airstrike"
    barrel_bomb = "barrel_bomb"
    missile_strike = "missile_strike"
    shelling = "shelling"
    drone_strike = "drone_strike"
    chemical_attack = "chemical_attack"
    ground_attack = "ground_attack"
    other = "other"


class IncidentStatus(StrEnum):
    reported = "reported"
    alleged = "alleged"
    disputed = "disputed"
    denied = "denied"


class Attribution(StrEnum):
    stated = "stated"
    alleged = "alleged"
    claimed = "claimed"
    denied = "denied"


class Outcome(StrEnum):
    killed = "killed"
    injured = "injured"
    missing = "missing"


class Population(StrEnum):
    civilians = "civilians"
    children = "children"
    women = "women"
    combatants = "combatants"
    people = "people"


class Qualifier(StrEnum):
    exact = "exact"
    at_least = "at_least"
    more_than = "more_than"
    about = "about"
    up_to = "up_to"


class StatementType(StrEnum):
    deny = "deny"
    accuse = "accuse"
    confirm = "confirm"
    claim = "claim"
    condemn = "condemn"
    appeal = "appeal"
    support = "support"
    comment = "comment"


class DatePrecision(StrEnum):
    day = "day"
    days = "days"
    week = "week"
    month = "month"
    year = "year"
    unknown = "unknown"


class LocationPrecision(StrEnum):
    point = "point"
    neighbourhood = "neighbourhood"
    town = "town"
    district = "district"
    province = "province"
    country = "country"
    unknown = "unknown"


class ActorKind(StrEnum):
    state_military = "state_military"
    government = "government"
    armed_group = "armed_group"
    monitor = "monitor"
    ngo = "ngo"
    media = "media"
    international_org = "international_org"
    civilian = "civilian"
    unknown = "unknown"


class Alignment(StrEnum):
    exact = "exact"
    fuzzy = "fuzzy"
    unaligned = "unaligned"


class Evidence(_Model):
    """A verbatim span of the source that supports a record.

    Offsets index the original decoded input text, so that
    ``text[char_start:char_end]`` shows the span to a user. For ``exact``
    alignment that slice equals ``quote``; for ``fuzzy`` it is the
    best-matching region; ``unaligned`` evidence has no offsets.
    """

    quote: str
    char_start: int | None = None
    char_end: int | None = None
    alignment: Alignment = Alignment.unaligned
    score: float | None = Field(
        default=None, description="Similarity of quote and span, 0-100 (fuzzy)."
    )


class DateSpec(_Model):
    """A date as written, resolved to an ISO range with a precision."""

    text: str | None = Field(default=None, description="The date as written.")
    start: dt.date | None = None
    end: dt.date | None = None
    precision: DatePrecision = DatePrecision.unknown
    source: str | None = Field(
        default=None,
        description="Where the date came from: metadata, text, or resolved.",
    )
    evidence: Evidence | None = None


class Location(_Model):
    text: str | None = Field(default=None, description="The place as written.")
    name: str | None = Field(default=None, description="Normalised name.")
    admin1: str | None = Field(default=None, description="Province or governorate.")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3.")
    precision: LocationPrecision = LocationPrecision.unknown
    geo_precision: int | None = Field(
        default=None,
        ge=1,
        le=3,
        description=(
            "ACLED-style geo-precision: 1 the place itself, 2 near it or part of a region, "
            "3 the province."
        ),
    )
    lat: float | None = None
    lon: float | None = None


class Actor(_Model):
    name: str | None = Field(default=None, description="Normalised name.")
    text: str | None = Field(default=None, description="The actor as written.")
    kind: ActorKind = ActorKind.unknown
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3.")
    role: str | None = Field(default=None, description="Role or title of a person.")
    organisation: str | None = None


class Perpetrator(Actor):
    attribution: Attribution = Attribution.stated


class CasualtyClaim(_Model):
    """A figure as one source gave it; never a merged fact."""

    claimant: Actor | None = None
    outcome: Outcome = Outcome.killed
    population: Population = Population.people
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(
        default=None, ge=0, description="Null for open-ended figures (at least)."
    )
    qualifier: Qualifier = Qualifier.exact
    text: str = Field(description="The figure as written.")
    evidence: list[Evidence] = Field(default_factory=list)
    flags: list[str] = Field(
        default_factory=list,
        description="Checks this claim failed, e.g. figure_not_in_evidence.",
    )


class Incident(_Model):
    id: str = Field(description="Local id, e.g. I1.")
    event_type: EventType = EventType.other
    status: IncidentStatus = IncidentStatus.reported
    date: DateSpec = Field(default_factory=DateSpec)
    location: Location = Field(default_factory=Location)
    perpetrators: list[Perpetrator] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    weapons: list[str] = Field(default_factory=list)
    casualty_claims: list[CasualtyClaim] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    grounded: bool = Field(default=True, description="False when no evidence aligns to the source.")


class Statement(_Model):
    id: str = Field(description="Local id, e.g. S1.")
    speaker: Actor = Field(default_factory=Actor)
    type: StatementType = StatementType.comment
    content: str = Field(description="One-sentence paraphrase.")
    quote: str | None = Field(default=None, description="Verbatim words, if quoted.")
    about: list[str] = Field(default_factory=list, description="Incident ids.")
    date: DateSpec = Field(default_factory=DateSpec)
    evidence: list[Evidence] = Field(default_factory=list)
    grounded: bool = True


class ExtractionWarning(_Model):
    code: str
    message: str
    record: str | None = Field(default=None, description="Record id it concerns.")


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class Provenance(_Model):
    provider: str
    model: str
    prompt_version: str
    schema_version: int = SCHEMA_VERSION
    extractor_version: str
    usage: Usage = Field(default_factory=Usage)
    attempts: int = Field(default=0, description="Model calls made, retries included.")
    network_retries: int = 0
    validation_retries: int = 0
    cached_calls: int = Field(default=0, description="Calls served from the cache.")
    truncated_calls: int = Field(
        default=0, description="Answers cut off at max_tokens whose complete records were kept."
    )
    chunks: int = 1
    strategy: str = Field(default="single", description="single, staged or rules.")
    model_choices: int = Field(default=0, description="Staged choices the model made.")
    rule_choices: int = Field(
        default=0, description="Staged choices made by their rule without asking the model."
    )
    rule_fallbacks: int = Field(
        default=0, description="Choices put to the model whose answer was unusable: the rule stood."
    )
    latency_s: float = 0.0
    created_at: dt.datetime | None = None


class DocumentRecords(_Model):
    """What a document says: the part shared by results and gold files."""

    model_config = ConfigDict(extra="ignore")

    schema_version: int = SCHEMA_VERSION
    doc_id: str
    source: str
    text_sha256: str
    language: str | None = Field(
        default=None, description="ISO 639-1 code of the document's language, as detected."
    )
    published: DateSpec | None = None
    incidents: list[Incident] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)


class ExtractionResult(DocumentRecords):
    """One document's extraction, as `extract()` returns it."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    metadata: dict[str, str] = Field(default_factory=dict)
    warnings: list[ExtractionWarning] = Field(default_factory=list)
    provenance: Provenance


class GoldAnnotation(DocumentRecords):
    """A hand-labelled gold file, `seeds/annotations/<doc_id>.json`."""

    model_config = ConfigDict(extra="forbid")

    guideline_version: str = "1"
    annotator: str | None = None
    notes: list[str] = Field(default_factory=list)
