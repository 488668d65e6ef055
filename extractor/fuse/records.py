"""The Event record: one real-world attack, fused from the incidents of many results.

Every field that a merge or a figure rests on is kept as data: the members
and the per-field comparison levels that joined them, the near misses kept
apart and why, every casualty claim with its source, article, publication
date and quote. The rules are written in docs/events.md.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from extractor.models import (
    SCHEMA_VERSION,
    Actor,
    Attribution,
    DateSpec,
    EventType,
    Location,
    Outcome,
    Population,
    Qualifier,
    Statement,
)

__all__ = [
    "ClaimRecord",
    "Event",
    "EventPerpetrator",
    "EventStatement",
    "FieldLevel",
    "Figures",
    "Grade",
    "Member",
    "NearMiss",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Grade(StrEnum):
    """How well the attack and its attribution stand, in the spirit of Airwars' scale."""

    confirmed = "confirmed"
    fair = "fair"
    weak = "weak"
    contested = "contested"
    discounted = "discounted"


class FieldLevel(_Model):
    """One field's comparison level for a pair of incidents and the weight it added."""

    field: str = Field(description="place, date, event_type, perpetrators or article.")
    level: str = Field(description="The level reached, e.g. name_same, same_day, apart.")
    weight: float = Field(description="What the level added to the match score.")
    veto: bool = Field(default=False, description="True when the level alone keeps the pair apart.")
    detail: str | None = None


class Member(_Model):
    """One incident of one result that is part of the event, and why it joined."""

    doc_id: str
    incident: str = Field(description="The incident's id within its result.")
    source: str = Field(description="The result's source (file or URL).")
    outlet: str = Field(description="Who speaks in the article's own voice.")
    language: str | None = None
    published: dt.date | None = None
    joined_with: str | None = Field(
        default=None,
        description="doc_id#incident of the member it was matched to; null for the first.",
    )
    via: str | None = Field(
        default=None,
        description="doc_id#incident of the member of its group that made the match, if not itself.",
    )
    score: float | None = Field(default=None, description="The match score of that pair.")
    levels: list[FieldLevel] = Field(default_factory=list)


class NearMiss(_Model):
    """A compared pair that was kept in two events, and why."""

    member: str = Field(description="doc_id#incident of this event's member.")
    other: str = Field(description="doc_id#incident of the other incident.")
    other_event: str
    score: float
    reason: str
    levels: list[FieldLevel] = Field(default_factory=list)


class ClaimRecord(_Model):
    """One casualty figure as one source gave it, with where it was read."""

    source: str = Field(description="Source key: the claimant, or the outlet in its own voice.")
    source_name: str
    claimant: Actor | None = None
    doc_id: str
    incident: str
    published: dt.date | None = None
    order: int = Field(description="Position of the claim among the article's claims.")
    outcome: Outcome
    population: Population
    min: int | None = None
    max: int | None = None
    qualifier: Qualifier = Qualifier.exact
    text: str
    quote: str | None = None
    measures: list[str] = Field(
        default_factory=list, description="killed, civilians_killed or injured."
    )
    current: list[str] = Field(
        default_factory=list,
        description="The measures for which this is its source's current figure.",
    )


class Figures(_Model):
    """Low / best / high over the current figures of independent sources (UCDP GED sense)."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    sources: int = Field(default=0, description="Sources that give a current figure.")


class EventPerpetrator(_Model):
    name: str
    kind: str | None = None
    country: str | None = None
    attributions: list[Attribution] = Field(default_factory=list)
    named_by: list[str] = Field(default_factory=list, description="Doc ids that name it.")


class EventStatement(_Model):
    doc_id: str
    statement: Statement
    by_accused: bool = Field(
        default=False, description="The speaker is (part of) a named perpetrator."
    )


class Event(_Model):
    """One real-world attack: its members, figures, sources, grade and statements."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(description="Stable across reruns over more articles.")
    date: DateSpec
    location: Location
    event_type: EventType = EventType.other
    perpetrators: list[EventPerpetrator] = Field(default_factory=list)
    members: list[Member]
    claims: list[ClaimRecord] = Field(default_factory=list)
    fatalities: Figures = Field(default_factory=Figures, description="All killed.")
    civilian_fatalities: Figures = Field(default_factory=Figures)
    injured: Figures = Field(default_factory=Figures)
    sources: list[str] = Field(default_factory=list, description="Independent source names.")
    grade: Grade = Grade.weak
    grade_reason: str = ""
    statements: list[EventStatement] = Field(default_factory=list)
    near_misses: list[NearMiss] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
