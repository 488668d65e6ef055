"""JSON Schema of the record model, as shipped in `schemas/`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .draft import Draft
from .models import SCHEMA_VERSION, ExtractionResult, GoldAnnotation

SCHEMAS: dict[str, type[BaseModel]] = {
    "extraction_result": ExtractionResult,
    "gold_annotation": GoldAnnotation,
    "draft": Draft,
}


def json_schema(name: str = "extraction_result") -> dict[str, Any]:
    """The JSON Schema of one named model, with a stable id and version."""
    try:
        model = SCHEMAS[name]
    except KeyError:
        raise KeyError(f"unknown schema {name!r}: use one of {', '.join(SCHEMAS)}") from None
    schema = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://conflict-extractor.invalid/schemas/v{SCHEMA_VERSION}/{name}.schema.json",
        "x-schema-version": SCHEMA_VERSION,
        **schema,
    }


def render(name: str) -> str:
    return json.dumps(json_schema(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(directory: str | Path) -> list[Path]:
    """Write every schema file into `directory`; returns the paths written."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = root / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written
