"""``extractor models``: the embedded models, where they come from, and whether installed.

    extractor models            # a table
    extractor models --json     # the same as data
    extractor models --verify qwen2.5-coder-1.5b   # assemble if needed, check size and SHA-256

Pick one with ``EXTRACTOR_LOCAL_MODEL=<name>`` (provider local).
"""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from extractor.config import DEFAULT_LOCAL_MODEL
from extractor.embedded import MODELS, model_file, model_status


@click.command("models")
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout instead of a table.")
@click.option(
    "--verify",
    "verify",
    default=None,
    metavar="NAME",
    help="Assemble the model if needed and check its size and SHA-256.",
)
def models_cmd(as_json: bool, verify: str | None) -> None:
    """List the embedded models (EXTRACTOR_LOCAL_MODEL picks one)."""
    if verify is not None:
        path = model_file(verify)  # ArtefactError (exit 2) names the file and both hashes
        click.echo(f"{verify}: verified {path}", err=True)
        return
    rows = []
    for name, model in MODELS.items():
        status = model_status(name)
        rows.append(
            {
                "name": name,
                "default": name == DEFAULT_LOCAL_MODEL,
                "title": model.title,
                "origin": model.origin,
                "packages": list(model.distributions),
                "extra": model.extra,
                "bytes": model.size,
                "sha256": model.sha256,
                "licence": model.licence,
                "state": status.state,
                "path": str(status.path) if status.path else None,
            }
        )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    table = Table(title="Embedded models (EXTRACTOR_LOCAL_MODEL=<name>)")
    for col in ("name", "size", "licence", "installed", "install with", "sha256", "from"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["name"] + (" (default)" if r["default"] else ""),
            f"{r['bytes'] / 1e6:,.0f} MB",
            r["licence"],
            r["state"],
            escape(f"pip install 'conflict-extractor[{r['extra']}]'"),
            r["sha256"][:16] + "…",
            escape(r["origin"]),
        )
    Console(file=sys.stdout, width=None if sys.stdout.isatty() else 200).print(table)
