"""The request and status models of the HTTP API.

Records are the library's own models (`extractor.models`), so `/openapi.json`
and `schemas/` describe the same result; this module holds only what the API
adds around them: the documents it takes, job status and error bodies.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extractor.models import Usage

__all__ = [
    "DocumentIn",
    "ErrorBody",
    "ErrorLine",
    "ExtractRequest",
    "JobCounts",
    "JobState",
    "JobStatus",
    "Problem",
]

MAX_ID_CHARS = 200


class DocumentIn(BaseModel):
    """One article, as `extractor run` reads a JSONL line."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article text (UTF-8, not empty).")
    id: str | None = Field(default=None, max_length=MAX_ID_CHARS, description="Your doc id.")
    published: str | None = Field(
        default=None, description="Publication date (ISO 8601 or a readable date)."
    )
    title: str | None = None
    url: str | None = None
    metadata: dict[str, str | int | float | bool | None] = Field(default_factory=dict)

    @field_validator("text")
    @classmethod
    def _readable_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("empty text")
        if "\x00" in value:
            raise ValueError("binary text (it holds NUL characters)")
        return value

    @field_validator("id")
    @classmethod
    def _clean_id(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if any(ch in value for ch in "\r\n\x00"):
            raise ValueError("id holds a line break or NUL character")
        return value.strip()

    def metadata_strings(self) -> dict[str, str]:
        out = {k: str(v) for k, v in self.metadata.items() if v is not None}
        if self.url:
            out.setdefault("url", self.url)
        return out


class ExtractRequest(DocumentIn):
    """`POST /v1/extract`: one document, optionally with a model and strategy."""

    model: str | None = Field(default=None, description="One of the models the server allows.")
    strategy: str | None = Field(
        default=None, description="One of the strategies the server allows."
    )


class JobState(StrEnum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"  # every document has a result
    failed = "failed"  # some documents failed (see /errors), or the job could not run
    cancelled = "cancelled"


class JobCounts(BaseModel):
    total: int
    done: int = Field(description="Documents with a result.")
    failed: int = Field(description="Documents with an error record.")


class JobStatus(BaseModel):
    id: str
    status: JobState
    counts: JobCounts
    tokens: Usage
    model: str
    created_at: dt.datetime
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    error: str | None = Field(default=None, description="Why the job could not run.")
    results: str = Field(description="Path of the results (JSONL).")
    errors: str = Field(description="Path of the error records (JSONL).")


class Problem(BaseModel):
    """One thing wrong with a request, naming the document it concerns."""

    document: int | None = Field(default=None, description="Index of the document in the body.")
    id: str | None = Field(default=None, description="Its id, when it gave one.")
    field: str | None = None
    message: str


class ErrorBody(BaseModel):
    detail: str
    problems: list[Problem] = Field(default_factory=list)


class ErrorLine(BaseModel):
    """One line of a job's errors (the same format as `errors.jsonl`)."""

    doc_id: str
    source: str
    error_type: str
    message: str
    attempts: int | None = None
    failed_at: str
