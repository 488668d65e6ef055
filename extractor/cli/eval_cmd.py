"""``extractor eval`` and ``extractor compare``: score a run, compare two runs.

    extractor eval --gold seeds/annotations --pred out/results.jsonl
    extractor eval --gold seeds/annotations --pred out/ --json > run.json
    extractor eval --gold seeds/annotations --pred out/ --html report.html
    extractor compare evals/baseline.json run.json --fail-on-drop --tolerance 0.01

Data (the table, or the JSON report with ``--json``) goes to stdout; notes go
to stderr. Bad input raises InputError, which the CLI group maps to exit 2;
``compare --fail-on-drop`` exits 1 when a quality metric regressed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from extractor.errors import InputError
from extractor.evaluation.diff import diff_reports, load_report, render_diff
from extractor.evaluation.evaluate import evaluate_path
from extractor.evaluation.gcpause import gc_paused
from extractor.evaluation.html import render_html
from extractor.evaluation.load import load_gold
from extractor.evaluation.report import render_report
from extractor.evaluation.texts import TextResolver

EXIT_REGRESSION = 1


def _stdout() -> Console:
    """Tables for stdout; wider than rich's 80 columns when not on a terminal."""
    return Console(file=sys.stdout, width=None if sys.stdout.isatty() else 120)


INDENT_UP_TO = 1000
"""Reports of more documents are written compactly (json's fast C encoder)."""


def _dump(data: Any) -> str:
    big = len(data.get("documents", ())) > INDENT_UP_TO if isinstance(data, dict) else False
    return json.dumps(data, indent=None if big else 2, ensure_ascii=False, allow_nan=False)


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from exc


@click.command("eval")
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Gold annotations: a folder of <doc_id>.json files.",
)
@click.option(
    "--pred",
    "pred_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Predictions: a run folder (results.jsonl), a .jsonl or .json file, or a folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON report instead of tables.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a self-contained HTML page to FILE.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the JSON report to FILE.",
)
@click.option(
    "--texts",
    "texts_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of article texts (default: record source paths, seeds/).",
)
@click.option("--no-documents", is_flag=True, help="Leave the per-document table out.")
def eval_cmd(
    gold_path: Path,
    pred_path: Path,
    as_json: bool,
    html_path: Path | None,
    out_path: Path | None,
    texts_dir: Path | None,
    no_documents: bool,
) -> None:
    """Score predictions against gold annotations."""
    if texts_dir is not None and not texts_dir.is_dir():
        raise InputError("--texts: no such folder", path=str(texts_dir))
    with gc_paused():
        data, page = _score(gold_path, pred_path, texts_dir, html=html_path is not None)
    err = Console(stderr=True)
    dumped = _dump(data) if as_json or out_path is not None else ""
    if out_path is not None:
        _write(out_path, dumped + "\n")
        err.print(f"wrote {out_path}")
    if html_path is not None and page is not None:
        _write(html_path, page)
        err.print(f"wrote {html_path}")
    if as_json:
        click.echo(dumped)
    else:
        render_report(data, _stdout(), documents=not no_documents)
    invalid = data["summary"]["invalid_entries"]
    if invalid and as_json:
        err.print(f"{invalid} prediction entr{'y' if invalid == 1 else 'ies'} failed validation")


def _score(
    gold_path: Path, pred_path: Path, texts_dir: Path | None, *, html: bool
) -> tuple[dict[str, Any], str | None]:
    """The JSON report and the HTML page; the records are freed on return.

    Predictions are scored as they are read and dropped unless the page needs
    them; returning only plain data lets reference counting free the records
    while the cyclic collector is still paused, so it never has to scan them.
    """
    gold = load_gold(gold_path)
    texts = TextResolver(texts_dir)
    report = evaluate_path(gold, pred_path, texts=texts, keep_predictions=html)
    return report.to_dict(), render_html(report, texts) if html else None


@click.command("compare")
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@click.option(
    "--tolerance",
    type=click.FloatRange(min=0.0),
    default=0.0,
    show_default=True,
    help="Allowed fall of a quality metric before it counts as a regression.",
)
@click.option(
    "--fail-on-drop",
    is_flag=True,
    help="Exit 1 when a quality metric fell by more than the tolerance.",
)
@click.option("--all", "show_all", is_flag=True, help="List unchanged metrics too.")
def compare_cmd(
    base: Path, new: Path, as_json: bool, tolerance: float, fail_on_drop: bool, show_all: bool
) -> None:
    """Show what changed between two eval reports (BASE.json NEW.json)."""
    diff = diff_reports(load_report(base), load_report(new), tolerance=tolerance)
    if as_json:
        click.echo(_dump(diff.to_dict()))
    else:
        render_diff(diff, _stdout(), show_all=show_all)
    if fail_on_drop and diff.regressions:
        names = ", ".join(m.name for m in diff.regressions[:5])
        more = f" and {len(diff.regressions) - 5} more" if len(diff.regressions) > 5 else ""
        click.echo(f"regression: {names}{more}", err=True)
        click.get_current_context().exit(EXIT_REGRESSION)
