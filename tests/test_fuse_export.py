"""`extractor fuse`: events.jsonl, events.csv (pandas), events.geojson (valid), stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import geojson
import jsonschema
import pandas as pd
from click.testing import CliRunner
from fuse_support import RUS, SOHR, claim, incident, market_strike, result

from extractor.cli import cli
from extractor.fuse import Event, read_events
from extractor.fuse.export import CSV_COLUMNS, CSV_DTYPES
from extractor.fuse.schema import event_schema, render_event_schema

ROOT = Path(__file__).resolve().parent.parent


def _run_folder(path: Path, results) -> Path:
    path.mkdir(parents=True)
    (path / "results.jsonl").write_text(
        "".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8"
    )
    return path


def _fuse(*args: str) -> None:
    outcome = CliRunner().invoke(cli, ["fuse", *args])
    assert outcome.exit_code == 0, outcome.output


def _located() -> list:
    located = market_strike()
    for r in located:
        for inc in r.incidents:
            inc.location.lat, inc.location.lon = 35.6432, 36.6743
    return located


def test_fuse_writes_jsonl_csv_and_geojson(tmp_path: Path) -> None:
    run = _run_folder(tmp_path / "run", _located())
    out = tmp_path / "events"
    _fuse(str(run), "--out", str(out))
    events = read_events(out)
    assert len(events) == 2
    for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines():
        jsonschema.validate(json.loads(line), event_schema())

    frame = pd.read_csv(out / "events.csv", dtype=CSV_DTYPES, parse_dates=["event_date"])
    assert list(frame.columns) == list(CSV_COLUMNS)
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert str(frame["fatalities_low"].dtype) == "Int64"
    assert frame["latitude"].dtype == "float64"
    row = frame.set_index("event_id").loc[events[0].id]
    assert (row["fatalities_low"], row["fatalities_high"], row["number_of_sources"]) == (33, 39, 3)
    assert row["grade"] == "contested" and row["country"] == "SYR"
    # the README's three lines: fatalities by week
    weekly = frame.set_index("event_date").resample("W")["fatalities_best"].sum()
    assert int(weekly.sum()) == int(frame["fatalities_best"].sum())

    collection = geojson.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert collection.is_valid, collection.errors()
    assert collection["features"][0]["geometry"]["coordinates"] == [36.6743, 35.6432]
    assert collection["features"][0]["properties"]["event_id"] == events[0].id


def test_unlocated_events_have_null_geometry_and_stay_valid(tmp_path: Path) -> None:
    out = tmp_path / "events"
    _fuse(str(_run_folder(tmp_path / "run", market_strike())), "--out", str(out))
    collection = geojson.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert collection.is_valid
    assert all(f["geometry"] is None for f in collection["features"])


def test_a_rerun_over_one_more_article_keeps_every_event_id(tmp_path: Path) -> None:
    results = market_strike()
    out = tmp_path / "events"
    _fuse(str(_run_folder(tmp_path / "run1", results[1:])), "--out", str(out))
    before = {e.id: {(m.doc_id, m.incident) for m in e.members} for e in read_events(out)}
    # the new article is the earliest report: a derived id would change, the kept one does not
    earliest = result(
        "w0_early",
        "2019-07-22",
        [incident("I1", "2019-07-22", perpetrators=[RUS], claims=[claim(SOHR, 11)])],
    )
    _fuse(
        str(_run_folder(tmp_path / "run2", [*results[1:], results[0], earliest])), "--out", str(out)
    )
    after = {e.id: {(m.doc_id, m.incident) for m in e.members} for e in read_events(out)}
    assert set(before) <= set(after)
    for event_id, members in before.items():
        assert members <= after[event_id]
    grown = next(m for m in after.values() if ("w0_early", "I1") in m)
    assert len(grown) == 5


def test_ids_are_derived_stably_without_a_previous_run(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    run = _run_folder(tmp_path / "run", market_strike())
    _fuse(str(run), "--out", str(a))
    _fuse(str(run), "--out", str(b))
    assert [e.id for e in read_events(a)] == [e.id for e in read_events(b)]
    assert all(e.id.startswith("ev-") for e in read_events(a))


def test_fuse_without_inputs_is_a_usage_error(tmp_path: Path) -> None:
    from extractor.cli import main  # noqa: F401  (the group maps InputError to exit 2)

    outcome = CliRunner().invoke(cli, ["fuse", "--out", str(tmp_path / "x")])
    assert outcome.exit_code == 2
    assert "run folders" in outcome.output


def test_the_shipped_event_schema_is_current() -> None:
    path = ROOT / "schemas" / "event.schema.json"
    assert path.read_text(encoding="utf-8") == render_event_schema(), "run `make schemas`"
    jsonschema.Draft202012Validator.check_schema(event_schema())
    assert "members" in Event.model_json_schema()["properties"]


def test_the_documented_pandas_lines_chart_fatalities_by_week(tmp_path: Path) -> None:
    out = tmp_path / "events"
    _fuse(str(_run_folder(tmp_path / "run", market_strike())), "--out", str(out))
    docs = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    block = docs.split("```python\n", 1)[1].split("```", 1)[0]
    lines = [line for line in block.splitlines() if line.strip()]
    assert len(lines) == 3 and lines[-1].endswith(".plot.bar()")
    code = block.replace('"events/events.csv"', repr(str(out / "events.csv")))
    code = code.replace(".plot.bar()", "")  # no plotting library in the test environment
    last = code.strip().splitlines()[-1]
    scope: dict[str, object] = {}
    exec(code.replace(last, f"weekly = {last}"), scope)
    weekly = scope["weekly"]
    assert int(weekly.sum()) == 33 + 4  # the Monday strike's best and Thursday's
