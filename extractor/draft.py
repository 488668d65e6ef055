"""The response model the LLM fills: flat, text-only drafts.

The model is asked only for what a reader can copy from the article: words
as written and verbatim evidence sentences. Everything a machine does better
(offsets, calendar arithmetic, gazetteer look-ups, parsing "at least 20")
is done afterwards by deterministic code in `extractor.postprocess`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

EventTypeLit = Literal[
    "airstrike",
    "barrel_bomb",
    "missile_strike",
    "shelling",
    "drone_strike",
    "chemical_attack",
    "ground_attack",
    "other",
]
StatusLit = Literal["reported", "alleged", "disputed", "denied"]
AttributionLit = Literal["stated", "alleged", "claimed", "denied"]
OutcomeLit = Literal["killed", "injured", "missing"]
StatementTypeLit = Literal[
    "deny", "accuse", "confirm", "claim", "condemn", "appeal", "support", "comment"
]


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")


class DraftCasualty(_Draft):
    source: str = Field(max_length=200, description="Who gave this figure, as written.")
    figure: str = Field(
        max_length=200, description="The figure as written, e.g. 'at least 20 civilians'."
    )
    outcome: OutcomeLit = "killed"
    evidence: str = Field(
        max_length=600, description="The sentence of the article that gives the figure."
    )


class DraftIncident(_Draft):
    evidence: list[str] = Field(
        max_length=4,
        description="Sentences copied word for word from the article about this attack.",
    )
    event_type: EventTypeLit
    status: StatusLit = "reported"
    date: str = Field(
        max_length=120, description="When, as written in the article, e.g. 'on Thursday'."
    )
    location: str = Field(max_length=200, description="Where, as written in the article.")
    perpetrators: list[str] = Field(max_length=4, description="Who carried it out, as written.")
    attribution: AttributionLit = Field(
        default="stated", description="How the perpetrator is known."
    )
    targets: list[str] = Field(default_factory=list, max_length=6, description="What was hit.")
    weapons: list[str] = Field(default_factory=list, max_length=4)
    casualties: list[DraftCasualty] = Field(
        default_factory=list, max_length=8, description="One entry per source and figure."
    )


class DraftStatement(_Draft):
    evidence: str = Field(
        max_length=600, description="The sentence of the article that reports it."
    )
    speaker: str = Field(max_length=200, description="Who said it: name, as written.")
    speaker_role: str = Field(
        default="", max_length=200, description="Title or organisation, as written."
    )
    type: StatementTypeLit
    content: str = Field(max_length=400, description="One-sentence paraphrase.")
    quote: str = Field(
        default="", max_length=600, description="The speaker's own quoted words, or ''."
    )
    incident: int = Field(
        default=0, description="Number (1-based) of the incident it is about, 0 if none."
    )


class Draft(_Draft):
    """What the model returns for one article (or one chunk of it)."""

    # An empty draft means "the model found nothing": ``{}`` or empty lists.
    # An answer that has keys but none of the draft's (``{"results": ...}``,
    # ``{"Incidents": ...}``) answered something else: a validation error,
    # re-asked like any other, never read as "nothing found". A list missing
    # from an otherwise valid answer is empty, since servers that constrain
    # decoding to the schema leave out optional keys they have nothing for.
    # (Comments, not the docstring: the docstring is part of the schema sent.)

    incidents: list[DraftIncident] = Field(default_factory=list, max_length=12)
    statements: list[DraftStatement] = Field(default_factory=list, max_length=24)

    @model_validator(mode="before")
    @classmethod
    def _answers_the_draft(cls, data: Any) -> Any:
        if isinstance(data, dict) and data and not (data.keys() & cls.model_fields.keys()):
            unknown = ", ".join(repr(str(k)) for k in list(data)[:5])
            raise ValueError(
                "the answer has none of the draft's fields (incidents, statements), "
                f"only unknown key(s): {unknown}"
            )
        return data
