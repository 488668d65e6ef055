from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.schema import SCHEMAS, json_schema, render

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_files_match_the_models(name: str) -> None:
    path = ROOT / "schemas" / f"{name}.schema.json"
    assert path.is_file(), f"{path} missing: run `make schemas`"
    assert path.read_text(encoding="utf-8") == render(name), f"{path} drifted: run `make schemas`"


def test_schema_command_prints_the_result_schema() -> None:
    out = CliRunner().invoke(cli, ["schema"])
    assert out.exit_code == 0
    schema = json.loads(out.output)
    for name in (
        "Incident",
        "CasualtyClaim",
        "Statement",
        "Evidence",
        "DateSpec",
        "Location",
        "Actor",
    ):
        assert name in schema["$defs"]
    assert schema["x-schema-version"] == 1


def test_gold_files_validate_against_the_gold_schema() -> None:
    schema = json_schema("gold_annotation")
    files = sorted((ROOT / "seeds" / "annotations").glob("*.json"))
    assert len(files) == 5
    for path in files:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


def test_schemas_are_valid_json_schema() -> None:
    for name in SCHEMAS:
        jsonschema.Draft202012Validator.check_schema(json_schema(name))
