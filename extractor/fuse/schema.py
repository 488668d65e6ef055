"""JSON Schema of the Event record, shipped as schemas/event.schema.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor.fuse.records import Event
from extractor.models import SCHEMA_VERSION

__all__ = ["EVENT_SCHEMA", "event_schema", "render_event_schema", "write_event_schema"]

EVENT_SCHEMA = "event"


def event_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://conflict-extractor.invalid/schemas/v{SCHEMA_VERSION}/event.schema.json",
        "x-schema-version": SCHEMA_VERSION,
        **Event.model_json_schema(),
    }


def render_event_schema() -> str:
    return json.dumps(event_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_event_schema(directory: str | Path) -> Path:
    path = Path(directory) / f"{EVENT_SCHEMA}.schema.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_event_schema(), encoding="utf-8")
    return path
