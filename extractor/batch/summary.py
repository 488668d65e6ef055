"""What a batch run reports: the extractor it needs and the summary it returns.

Both the runner and the manifest read these, so they live apart from either
(the runner builds the manifest; the manifest never imports the runner).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from extractor.models import ExtractionResult, Usage

__all__ = ["BatchSummary", "Failure", "SupportsAextract"]

#: failed documents kept in the summary for the user; the rest are counted
SHOWN_FAILURES = 20


class SupportsAextract(Protocol):
    """What the runner needs of an extractor (`extractor.pipeline.Extractor`)."""

    prompt_version: str
    model_name: str
    provider_name: str

    async def aextract(
        self,
        text: str,
        *,
        published: dt.date | str | None = None,
        doc_id: str | None = None,
        source: str | None = None,
        metadata: dict[str, str] | None = None,
        title: str | None = None,
    ) -> ExtractionResult: ...


@dataclass(frozen=True)
class Failure:
    """One failed document, as the user is told about it."""

    doc_id: str
    source: str
    error_type: str
    message: str

    def line(self) -> str:
        where = self.source or self.doc_id
        message = self.message
        if message.startswith(f"{where}: "):  # InputError already names the file
            message = message[len(where) + 2 :]
        return f"failed: {where}: {self.error_type}: {message}"


@dataclass
class BatchSummary:
    """How a batch run went.

    ``stopped`` holds the reason when the run stopped itself before the end
    (output folder not writable, endpoint unreachable); ``not_attempted``
    counts the documents it left for a rerun, ``not_saved`` the answers it
    received but could not write.
    """

    out_dir: Path
    documents: int = 0
    succeeded: int = 0
    failed: int = 0
    skipped: int = 0
    not_attempted: int = 0
    not_saved: int = 0
    usage: Usage = field(default_factory=Usage)
    attempts: int = 0
    cached_calls: int = 0
    wall_s: float = 0.0
    error_types: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    results_lines: int = 0
    errors_lines: int = 0
    interrupted: bool = False
    stopped: str | None = None

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted and self.stopped is None

    @property
    def docs_per_s(self) -> float:
        return (self.succeeded + self.failed) / self.wall_s if self.wall_s > 0 else 0.0

    def add_failure(self, failure: Failure) -> None:
        self.failed += 1
        self.error_types[failure.error_type] += 1
        if len(self.failures) < SHOWN_FAILURES:
            self.failures.append(failure)

    def failure_lines(self, errors_file: str | Path) -> list[str]:
        """One line per failed document, the first 20, then a count and where the rest are."""
        lines = [f.line() for f in self.failures]
        rest = self.failed - len(self.failures)
        if rest > 0:
            lines.append(f"... and {rest} more failed document(s): see {errors_file}")
        return lines

    def line(self) -> str:
        """A one-line human summary."""
        parts = [
            f"{self.documents} documents",
            f"{self.succeeded} extracted",
            f"{self.skipped} already done",
            f"{self.failed} failed",
        ]
        if self.not_attempted:
            parts.append(f"{self.not_attempted} not attempted")
        if self.not_saved:
            parts.append(f"{self.not_saved} answers not saved")
        parts += [f"{self.attempts} model calls", f"{self.usage.total_tokens} tokens"]
        parts.append(f"{self.wall_s:.1f}s")
        if self.error_types:
            parts.append(
                "errors: " + ", ".join(f"{k} {v}" for k, v in self.error_types.most_common())
            )
        head = "interrupted" if self.interrupted else "stopped" if self.stopped else "done"
        return f"{head}: " + ", ".join(parts) + f" -> {self.out_dir}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": str(self.out_dir),
            "documents": self.documents,
            "succeeded": self.succeeded,
            "failed": self.failed,
            "skipped": self.skipped,
            "not_attempted": self.not_attempted,
            "not_saved": self.not_saved,
            "interrupted": self.interrupted,
            "stopped": self.stopped,
            "tokens": self.usage.model_dump(),
            "attempts": self.attempts,
            "cached_calls": self.cached_calls,
            "wall_s": round(self.wall_s, 3),
            "docs_per_s": round(self.docs_per_s, 3),
            "error_types": dict(self.error_types),
            "results_lines": self.results_lines,
            "errors_lines": self.errors_lines,
        }
