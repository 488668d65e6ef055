"""One document's review: working copies of its records and a decision on each.

A review starts as the run's records, every one ``pending``. The reviewer
accepts or rejects each incident, casualty claim and statement, edits fields
(an edit accepts the record) and adds records the run missed. Claims are
keyed ``<incident id>/<n>`` (their place in the incident); a claim with no
decision of its own follows its incident. The document's status is derived:
``todo`` while nothing is decided, ``done`` once every incident and statement
is, ``in_progress`` between. ``revision`` counts saves, so that a save from a
stale tab is refused instead of undoing a newer one.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from extractor.models import DocumentRecords, Incident, Statement

REVIEW_FORMAT = "extractor-review"


class Decision(StrEnum):
    pending = "pending"
    accepted = "accepted"
    rejected = "rejected"


class Status(StrEnum):
    todo = "todo"
    in_progress = "in_progress"
    done = "done"


class ReviewState(BaseModel):
    """What ``RUN_DIR/review/<doc_id>.json`` holds."""

    model_config = ConfigDict(extra="forbid")

    format: str = REVIEW_FORMAT
    doc_id: str
    revision: int = 0
    incidents: list[Incident] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    decisions: dict[str, Decision] = Field(default_factory=dict)
    edited: list[str] = Field(default_factory=list, description="Ids of records edited.")
    added: list[str] = Field(default_factory=list, description="Ids of records added.")

    @classmethod
    def start(cls, records: DocumentRecords) -> ReviewState:
        return cls(
            doc_id=records.doc_id,
            incidents=[i.model_copy(deep=True) for i in records.incidents],
            statements=[s.model_copy(deep=True) for s in records.statements],
        )

    def decision(self, key: str) -> Decision:
        return self.decisions.get(key, Decision.pending)

    def claim_decision(self, incident: Incident, n: int) -> Decision:
        own = self.decision(claim_key(incident.id, n))
        return own if own is not Decision.pending else self.decision(incident.id)

    @property
    def status(self) -> Status:
        keys = [i.id for i in self.incidents] + [s.id for s in self.statements]
        decided = [k for k in keys if self.decision(k) is not Decision.pending]
        if not decided:
            return Status.todo
        return Status.done if len(decided) == len(keys) else Status.in_progress

    def counts(self) -> dict[str, int]:
        out = {d.value: 0 for d in Decision}
        for i in self.incidents:
            out[self.decision(i.id).value] += 1
        for s in self.statements:
            out[self.decision(s.id).value] += 1
        out["edited"], out["added"] = len(self.edited), len(self.added)
        return out


def claim_key(incident_id: str, n: int) -> str:
    return f"{incident_id}/{n}"
