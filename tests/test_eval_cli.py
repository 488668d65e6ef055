"""CLI commands ``eval`` and ``compare``, driven with click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from eval_support import fixture_documents

from extractor.cli.eval_cmd import compare_cmd, eval_cmd
from extractor.errors import InputError

REQUIRED = {
    "incident_f1",
    "claim_f1",
    "statement_f1",
    "grounding_rate",
    "incident_precision",
    "incident_recall",
    "claim_precision",
    "claim_recall",
    "statement_precision",
    "statement_recall",
    "fields",
    "field_accuracy",
    "validity_rate",
    "tokens",
    "latency",
}


def write_docs(folder: Path, drop_statement: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for k, doc in enumerate(fixture_documents()):
        if drop_statement and k == 0:
            doc.statements.pop()
        (folder / f"{doc.doc_id}.json").write_text(doc.model_dump_json())
    return folder


def run(cmd, args: list[str]):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cmd, args)


def test_eval_json_summary_and_documents(tmp_path: Path) -> None:
    gold = write_docs(tmp_path / "gold")
    result = run(eval_cmd, ["--gold", str(gold), "--pred", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"].keys() >= REQUIRED
    assert data["summary"]["incident_f1"] == 1.0
    docs = {d["doc_id"]: d for d in data["documents"]}
    assert docs.keys() == {d.doc_id for d in fixture_documents()}
    one = next(iter(docs.values()))
    assert {"incident", "claim", "statement", "fields", "grounding_rate", "alignment"} <= one.keys()
    assert one["alignment"]["incident"]["pairs"][0]["similarity"] == 1.0


def test_eval_table_html_and_out(tmp_path: Path) -> None:
    gold = write_docs(tmp_path / "gold")
    html, out = tmp_path / "r.html", tmp_path / "r.json"
    result = run(
        eval_cmd,
        [
            "--gold",
            str(gold),
            "--pred",
            str(gold),
            "--html",
            str(html),
            "--out",
            str(out),
            "--texts",
            str(Path("seeds").resolve()),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Incidents" in result.stdout and "field accuracy" in result.stdout
    assert html.read_text().startswith("<!DOCTYPE html>")
    assert json.loads(out.read_text())["summary"]["statement_f1"] == 1.0


def test_eval_bad_input_raises_input_error(tmp_path: Path) -> None:
    result = run(eval_cmd, ["--gold", str(tmp_path / "nope"), "--pred", str(tmp_path)])
    assert isinstance(result.exception, InputError)
    assert "nope" in str(result.exception)


def test_compare_flags_drop_and_fail_on_drop_exits_1(tmp_path: Path) -> None:
    gold = write_docs(tmp_path / "gold")
    worse = write_docs(tmp_path / "worse", drop_statement=True)
    base, new = tmp_path / "base.json", tmp_path / "new.json"
    for pred, out in ((gold, base), (worse, new)):
        result = run(
            eval_cmd, ["--gold", str(gold), "--pred", str(pred), "--out", str(out), "--json"]
        )
        assert result.exit_code == 0, result.output

    shown = run(compare_cmd, [str(base), str(new)])
    assert shown.exit_code == 0
    assert "statement_recall" in shown.stdout and "REGRESSION" in shown.stdout

    failed = run(compare_cmd, [str(base), str(new), "--fail-on-drop"])
    assert failed.exit_code == 1
    assert "statement_recall" in failed.stderr

    tolerant = run(compare_cmd, [str(base), str(new), "--fail-on-drop", "--tolerance", "0.5"])
    assert tolerant.exit_code == 0

    improved = run(compare_cmd, [str(new), str(base), "--fail-on-drop", "--json"])
    assert improved.exit_code == 0
    assert json.loads(improved.stdout)["regressions"] == []


def test_compare_rejects_non_reports(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}')
    result = run(compare_cmd, [str(bad), str(bad)])
    assert isinstance(result.exception, InputError)


def test_cli_group_maps_input_errors_to_exit_2(tmp_path: Path) -> None:
    from extractor.cli import cli

    result = run(cli, ["eval", "--gold", str(tmp_path / "nope"), "--pred", str(tmp_path)])
    assert result.exit_code == 2
