"""``extractor ceiling``: score the gold's perfect drafts, the normalisers' ceiling.

    extractor ceiling --gold seeds/annotations --gold evals/devset/annotations
    extractor ceiling --gold evals/devset2/dev/annotations --json --misses

Per gold set: strict (and lenient) F1 of incidents, claims and statements, and
field accuracy for dates, places, figures and actors, overall and per language.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from extractor.ceiling import FIELDS, HEADLINE, ceiling
from extractor.evaluation.load import load_gold
from extractor.evaluation.texts import TextResolver


def _set_name(path: Path) -> str:
    parts = [p for p in path.parts if p not in ("annotations", ".")]
    return "/".join(parts[-2:]) if parts else str(path)


@click.command("ceiling")
@click.option(
    "--gold",
    "gold_paths",
    multiple=True,
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Folder of gold files (repeat for several sets).",
)
@click.option("--texts", type=click.Path(exists=True, path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout instead of a table.")
@click.option("--misses", is_flag=True, help="List each field miss (with --json).")
def ceiling_cmd(
    gold_paths: tuple[Path, ...], texts: Path | None, as_json: bool, misses: bool
) -> None:
    """What a perfect model's answers score after grounding and normalisation."""
    resolver = TextResolver(texts) if texts else TextResolver()
    reports = [
        ceiling(load_gold(path), name=_set_name(path), texts=resolver).to_dict(misses=misses)
        for path in gold_paths
    ]
    if as_json:
        click.echo(json.dumps(reports, indent=2, ensure_ascii=False))
        return
    table = Table(title="Post-processing ceiling (gold-derived drafts)")
    for col in ("set", "group", "docs", *HEADLINE, *FIELDS):
        table.add_column(col, justify="left" if col in ("set", "group") else "right")
    for report in reports:
        for group, entry in report["groups"].items():
            cells = [entry.get(k) for k in HEADLINE] + [entry["fields"].get(k) for k in FIELDS]
            table.add_row(
                report["set"],
                group,
                str(entry["documents"]),
                *("-" if v is None else f"{v:.3f}" for v in cells),
            )
    Console(file=sys.stdout, width=None if sys.stdout.isatty() else 200).print(table)
