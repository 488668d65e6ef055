"""`extractor show`: one result, its records, and its evidence highlighted in the text."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..batch.store import read_results
from ..errors import InputError
from ..evaluation.grounding import iter_evidence
from ..models import Alignment, ExtractionResult


def load_result(results: Path, doc_id: str | None) -> ExtractionResult:
    """One document's result from a run folder, a results.jsonl or a single JSON file."""
    if not results.exists():
        raise InputError("no such file or folder", path=str(results))
    try:
        if results.suffix == ".json":
            found: Iterable[ExtractionResult] = [
                ExtractionResult.model_validate_json(results.read_text(encoding="utf-8"))
            ]
        else:
            found = read_results(results)
        ids: list[str] = []
        for result in found:
            if doc_id is None or result.doc_id == doc_id:
                return result
            ids.append(result.doc_id)
    except ValueError as e:
        raise InputError(f"not a valid result: {str(e).splitlines()[0]}", path=str(results)) from e
    if not doc_id:
        raise InputError("no results", path=str(results))
    raise InputError(f"no result for document {doc_id!r}; {_known(ids)}", path=str(results))


def _known(ids: list[str], shown: int = 20) -> str:
    """The ids there are, sorted, to pick from: the first ``shown`` and a count of the rest."""
    ids = sorted(set(ids))
    if not ids:
        return "it holds no results"
    listed = ", ".join(ids[:shown])
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return f"documents there: {listed}{more}"


def render_result(result: ExtractionResult, text: str | None, console: Console) -> None:
    console.rule(f"[bold]{result.doc_id}[/] — {result.source}")
    pub = result.published
    console.print(
        f"published: {pub.start if pub else 'unknown'}   prompt {result.provenance.prompt_version}"
        f"   model {result.provenance.model}"
    )
    incidents = Table(
        "id", "type", "status", "date", "place", "by", "claims", "grounded", title="Incidents"
    )
    for inc in result.incidents:
        claims = "; ".join(
            f"{(c.claimant.name if c.claimant else '?')}: {c.text} [{c.min}-{c.max if c.max is not None else '…'}]"
            for c in inc.casualty_claims
        )
        incidents.add_row(
            inc.id, inc.event_type, inc.status,
            f"{inc.date.text or ''} → {inc.date.start or '?'}",
            f"{inc.location.name or inc.location.text or '?'} ({inc.location.admin1 or '-'})",
            ", ".join(p.name or "?" for p in inc.perpetrators), claims,
            "yes" if inc.grounded else "[red]NO[/]",
        )  # fmt: skip
    console.print(incidents)
    statements = Table("id", "type", "speaker", "content", "about", "grounded", title="Statements")
    for st in result.statements:
        statements.add_row(
            st.id, st.type, st.speaker.name or "?", st.content, ",".join(st.about),
            "yes" if st.grounded else "[red]NO[/]",
        )  # fmt: skip
    console.print(statements)
    for w in result.warnings:
        console.print(f"[yellow]warning[/] {w.record or ''} {w.code}: {w.message}")
    if text is None:
        return
    body = Text(text)
    for record_id, ev in iter_evidence(result):
        if ev.char_start is None or ev.char_end is None:
            continue
        style = "bold black on green" if ev.alignment == Alignment.exact else "black on yellow"
        body.stylize(style, ev.char_start, ev.char_end)
        body.stylize(f"link #{record_id}", ev.char_start, ev.char_end)
    console.rule("text (green: exact evidence, yellow: fuzzy)")
    console.print(body)


@click.command("show")
@click.argument("results", type=click.Path(path_type=Path))
@click.option("--doc", "doc_id", help="Document id (default: the first result).")
@click.option(
    "--text",
    "text_path",
    type=click.Path(path_type=Path),
    help="The article text (default: the result's source).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON instead.")
def show_cmd(results: Path, doc_id: str | None, text_path: Path | None, as_json: bool) -> None:
    """Show one result with its records and evidence highlighted in the article."""
    result = load_result(results, doc_id)
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    path = text_path or Path(result.source)
    text = path.read_text(encoding="utf-8") if path.is_file() else None
    render_result(result, text, Console())
