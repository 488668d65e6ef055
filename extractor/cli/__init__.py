"""Command-line interface: a thin layer over the library.

It parses arguments, calls library functions and maps the project's errors
to exit codes: 0 all good, 1 some documents failed, 2 usage or configuration
error. Data goes to stdout or files; messages and progress go to stderr.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

import click

from ..errors import ConfigurationError, ExtractorError, InputError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# name -> "module:attribute"; imported only when the command runs.
COMMANDS = {
    "run": ("extractor.cli.run_cmd:run_cmd", "Extract records from files, folders or JSONL."),
    "eval": ("extractor.cli.eval_cmd:eval_cmd", "Score predictions against gold annotations."),
    "compare": ("extractor.cli.eval_cmd:compare_cmd", "Show what changed between two eval runs."),
    "ceiling": (
        "extractor.cli.ceiling_cmd:ceiling_cmd",
        "Score the gold's perfect drafts: the normalisers' ceiling.",
    ),
    "schema": ("extractor.cli.schema_cmd:schema_cmd", "Print or write the JSON Schema."),
    "show": ("extractor.cli.show_cmd:show_cmd", "Show one result with its evidence highlighted."),
    "batch": (
        "extractor.cli.batch_cmd:batch_cmd",
        "Batch files: prepare, submit, execute, collect.",
    ),
    "serve": ("extractor.cli.serve_cmd:serve_cmd", "Serve the HTTP API with durable jobs."),
    "models": ("extractor.cli.models_cmd:models_cmd", "List the embedded models and their hashes."),
    "review": (
        "extractor.cli.review_cmd:review_cmd",
        "Review a run's records in the browser; saving writes gold.",
    ),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        target = COMMANDS[cmd_name][0]
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ConfigurationError, InputError) as e:
            click.echo(f"error: {e}", err=True)
            ctx.exit(EXIT_USAGE)
        except ExtractorError as e:
            click.echo(f"error: {e}", err=True)
            ctx.exit(EXIT_FAILED)


NOISY_LOGGERS = ("instructor", "openai", "httpx", "httpcore")


def setup_logging(verbose: int) -> None:
    """Messages to stderr; third-party chatter only with -v."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL if verbose == 0 else level)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conflict-extractor")
@click.option("-v", "--verbose", count=True, help="More messages on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Source-grounded extraction of incidents and statements from conflict news."""
    setup_logging(verbose)


def main() -> None:
    try:
        code = cli.main(prog_name="extractor", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.exceptions.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
