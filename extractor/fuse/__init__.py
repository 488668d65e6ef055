"""Events across articles: one record per real-world attack.

    >>> from extractor.fuse import fuse
    >>> events = fuse(results)          # ExtractionResult (or gold) records
    >>> events[0].fatalities.low, events[0].grade

Modules: ``records`` (the Event model), ``block`` (mentions and the blocking
rule), ``compare`` (per-field comparison levels and weights), ``cluster``
(matched pairs into events), ``figures`` (claims and low/best/high),
``sources`` (independent sources), ``grade``, ``ids`` (stable ids),
``export`` (JSONL, CSV, GeoJSON), ``load`` (run folders), ``fuse`` (the
entry). The written rules are docs/events.md. Names load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractor._lazy import attach

_EXPORTS = {
    **dict.fromkeys(["read_events", "write_events"], "extractor.fuse.export"),
    **dict.fromkeys(["fuse", "previous_ids"], "extractor.fuse.fuse"),
    "load_results": "extractor.fuse.load",
    **dict.fromkeys(["Event", "Figures", "Grade"], "extractor.fuse.records"),
}

__getattr__, __dir__ = attach(__name__, _EXPORTS)

__all__ = [
    "Event",
    "Figures",
    "Grade",
    "fuse",
    "load_results",
    "previous_ids",
    "read_events",
    "write_events",
]

if TYPE_CHECKING:
    from extractor.fuse.export import read_events, write_events
    from extractor.fuse.fuse import fuse, previous_ids
    from extractor.fuse.load import load_results
    from extractor.fuse.records import Event, Figures, Grade
