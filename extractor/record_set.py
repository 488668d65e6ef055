"""The records of one document, as a strategy returns them before the result is made."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.models import ExtractionWarning, Incident, Statement


@dataclass
class Records:
    incidents: list[Incident] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)
