"""`extractor schema`: print or write the JSON Schema of the record model."""

from __future__ import annotations

from pathlib import Path

import click

from ..fuse.schema import EVENT_SCHEMA, render_event_schema, write_event_schema
from ..schema import SCHEMAS, render, write_schemas


@click.command("schema")
@click.option(
    "--name",
    type=click.Choice(sorted([*SCHEMAS, EVENT_SCHEMA])),
    default="extraction_result",
    show_default=True,
    help="Which schema to print.",
)
@click.option(
    "--write",
    "write_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write every schema file into this folder instead of printing.",
)
def schema_cmd(name: str, write_dir: Path | None) -> None:
    """Print the JSON Schema of results (Incident, CasualtyClaim, Statement...)."""
    if write_dir is not None:
        for path in [*write_schemas(write_dir), write_event_schema(write_dir)]:
            click.echo(f"wrote {path}", err=True)
        return
    click.echo(render_event_schema() if name == EVENT_SCHEMA else render(name), nl=False)
