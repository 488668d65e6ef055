"""Writing and reading events: JSONL, CSV (ACLED-like columns) and GeoJSON.

CSV columns and their types (for ``pandas.read_csv(..., dtype=CSV_DTYPES,
parse_dates=["event_date"])``) are `CSV_COLUMNS`; docs/events.md lists them.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from extractor.errors import InputError
from extractor.fuse.records import Event

__all__ = [
    "CSV_COLUMNS",
    "CSV_DTYPES",
    "csv_rows",
    "feature_collection",
    "read_events",
    "write_events",
]

# name -> pandas dtype ("date" columns are read with parse_dates)
CSV_COLUMNS: dict[str, str] = {
    "event_id": "string",
    "event_date": "date",
    "date_precision": "string",
    "country": "string",
    "admin1": "string",
    "location": "string",
    "latitude": "float64",
    "longitude": "float64",
    "geo_precision": "Int64",
    "event_type": "string",
    "perpetrators": "string",
    "fatalities_low": "Int64",
    "fatalities_best": "Int64",
    "fatalities_high": "Int64",
    "civilian_fatalities_low": "Int64",
    "civilian_fatalities_best": "Int64",
    "civilian_fatalities_high": "Int64",
    "injured_low": "Int64",
    "injured_best": "Int64",
    "injured_high": "Int64",
    "number_of_sources": "Int64",
    "source_names": "string",
    "number_of_articles": "Int64",
    "grade": "string",
    "notes": "string",
}
CSV_DTYPES = {name: kind for name, kind in CSV_COLUMNS.items() if kind != "date"}


def _row(event: Event) -> dict[str, Any]:
    loc = event.location
    notes = [event.grade_reason, *event.notes]
    return {
        "event_id": event.id,
        "event_date": event.date.start.isoformat() if event.date.start else None,
        "date_precision": event.date.precision.value,
        "country": loc.country,
        "admin1": loc.admin1,
        "location": loc.name or loc.text,
        "latitude": loc.lat,
        "longitude": loc.lon,
        "geo_precision": loc.geo_precision,
        "event_type": event.event_type.value,
        "perpetrators": "; ".join(p.name for p in event.perpetrators) or None,
        "fatalities_low": event.fatalities.low,
        "fatalities_best": event.fatalities.best,
        "fatalities_high": event.fatalities.high,
        "civilian_fatalities_low": event.civilian_fatalities.low,
        "civilian_fatalities_best": event.civilian_fatalities.best,
        "civilian_fatalities_high": event.civilian_fatalities.high,
        "injured_low": event.injured.low,
        "injured_best": event.injured.best,
        "injured_high": event.injured.high,
        "number_of_sources": len(event.sources),
        "source_names": "; ".join(event.sources) or None,
        "number_of_articles": len({m.doc_id for m in event.members}),
        "grade": event.grade.value,
        "notes": "; ".join(n for n in notes if n) or None,
    }


def csv_rows(events: Iterable[Event]) -> Iterator[dict[str, Any]]:
    for event in events:
        yield _row(event)


def _csv_text(events: Iterable[Event]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(events):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def feature_collection(events: Iterable[Event]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point a located event, null geometry otherwise."""
    features = []
    for event in events:
        loc = event.location
        geometry = (
            {"type": "Point", "coordinates": [loc.lon, loc.lat]}
            if loc.lat is not None and loc.lon is not None
            else None
        )
        features.append(
            {"type": "Feature", "id": event.id, "geometry": geometry, "properties": _row(event)}
        )
    return {"type": "FeatureCollection", "features": features}


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_events(events: list[Event], out: str | Path) -> list[Path]:
    """Write events.jsonl, events.csv and events.geojson into ``out``; returns the paths."""
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    paths = [root / "events.jsonl", root / "events.csv", root / "events.geojson"]
    _write(paths[0], "".join(e.model_dump_json() + "\n" for e in events))
    _write(paths[1], _csv_text(events))
    _write(paths[2], json.dumps(feature_collection(events), ensure_ascii=False, indent=1) + "\n")
    return paths


def read_events(path: str | Path) -> list[Event]:
    """Events from an events.jsonl (or the folder holding one); none when it is missing."""
    file = Path(path)
    if file.is_dir():
        file = file / "events.jsonl"
    if not file.is_file():
        return []
    events = []
    for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            events.append(Event.model_validate_json(line))
        except ValueError as e:
            raise InputError(
                f"line {n}: not an event: {str(e).splitlines()[0]}", path=str(file)
            ) from e
    return events
