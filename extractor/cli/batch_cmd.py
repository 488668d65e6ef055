"""`extractor batch ...`: provider batch files (OpenAI Batch API, vLLM run_batch)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import click

from ..batch import iter_documents, make_progress
from ..batchfile import (
    collect,
    execute_requests,
    fetch_batches,
    load_batch_dir,
    prepare,
    refresh_status,
    submit_batches,
)
from ..batchfile.layout import MAX_FILE_BYTES, MAX_FILE_REQUESTS
from ..config import MODES, PROVIDERS, STRATEGIES, resolve_config

EXIT_OK, EXIT_FAILED = 0, 1


@click.group("batch")
def batch_cmd() -> None:
    """Batch files: prepare requests, run them (OpenAI Batch API, vLLM run_batch
    or any OpenAI-compatible server) and collect the answers into a run folder."""


@batch_cmd.command("prepare")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Batch folder: request files, documents, manifest.",
)
@click.option(
    "--provider",
    type=click.Choice(PROVIDERS),
    default=None,
    help="Provider the requests are shaped for [default: EXTRACTOR_PROVIDER or local].",
)
@click.option("--model", default=None, help="Model name written into every request.")
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default=None,
    help="instructor mode [default: tools for openai, json_schema otherwise].",
)
@click.option(
    "--strategy",
    type=click.Choice(STRATEGIES),
    default="single",
    show_default=True,
    help="Extraction strategy; batch files support single only.",
)
@click.option(
    "--max-requests",
    type=click.IntRange(1, MAX_FILE_REQUESTS),
    default=MAX_FILE_REQUESTS,
    show_default=True,
    help="Requests per file.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1, MAX_FILE_BYTES),
    default=MAX_FILE_BYTES,
    show_default=True,
    help="Bytes per file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
def prepare_cmd(
    inputs: tuple[str, ...],
    out_dir: Path,
    provider: str | None,
    model: str | None,
    mode: str | None,
    strategy: str,
    max_requests: int,
    max_bytes: int,
    as_json: bool,
) -> None:
    """Write the request of every document chunk as Batch API input files."""
    config = resolve_config(provider=provider, model=model, mode=mode, check_endpoint=False)
    config.resolved_model  # noqa: B018 - raises ConfigurationError early when no model is set
    summary = prepare(
        iter_documents(inputs),
        config,
        out_dir,
        strategy=strategy,
        max_requests=max_requests,
        max_bytes=max_bytes,
        run_info={"inputs": list(inputs)},
    )
    click.echo(summary.line(), err=True)
    if as_json:
        click.echo(json.dumps(summary.to_dict()))


def _api_key() -> str | None:
    config = resolve_config(provider="openai", check_endpoint=False)
    return config.api_key.get_secret_value() if config.api_key else None


_base_url = click.option(
    "--base-url",
    default=None,
    help="Batch API base URL [default: the openai SDK's, or OPENAI_BASE_URL].",
)


@batch_cmd.command("submit")
@click.argument("batch_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@_base_url
def submit_cmd(batch_dir: Path, base_url: str | None) -> None:
    """Upload the request files of BATCH_DIR and create one batch per file."""
    for record in submit_batches(batch_dir, base_url=base_url, api_key=_api_key()):
        click.echo(f"{record['file']}: {record['batch_id']} {record['status']}", err=True)


@batch_cmd.command("status")
@click.argument("batch_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@_base_url
@click.option("--json", "as_json", is_flag=True, help="Print the batch records as JSON.")
def status_cmd(batch_dir: Path, base_url: str | None, as_json: bool) -> None:
    """Show the status and request counts of each submitted batch."""
    records = refresh_status(batch_dir, base_url=base_url, api_key=_api_key())
    if as_json:
        click.echo(json.dumps(records))
        return
    for r in records:
        counts = r.get("request_counts") or {}
        click.echo(
            f"{r['file']}: {r.get('batch_id')} {r.get('status')} "
            f"{counts.get('completed', 0)}/{counts.get('total', 0)} done, "
            f"{counts.get('failed', 0)} failed"
        )


@batch_cmd.command("fetch")
@click.argument("batch_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@_base_url
def fetch_cmd(batch_dir: Path, base_url: str | None) -> None:
    """Download output and error files of finished batches (paths on stdout)."""
    for path in fetch_batches(batch_dir, base_url=base_url, api_key=_api_key()):
        click.echo(str(path))


@batch_cmd.command("execute")
@click.argument("requests", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--base-url", required=True, help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1."
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (Batch output format); rerun into it to resume.",
)
@click.option("--concurrency", type=click.IntRange(1, 512), default=8, show_default=True)
@click.option(
    "--rpm",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="At most this many requests started per minute.",
)
@click.option("--timeout", "timeout_s", type=float, default=None, help="Seconds per request.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def execute_cmd(
    ctx: click.Context,
    requests: tuple[Path, ...],
    base_url: str,
    out_path: Path,
    concurrency: int,
    rpm: float | None,
    timeout_s: float | None,
    quiet: bool,
) -> None:
    """Run REQUESTS files (or a prepared folder) against an OpenAI-compatible server."""
    config = resolve_config(timeout_s=timeout_s, check_endpoint=False)
    key = _api_key()
    files: list[Path] = []
    for item in requests:
        files += load_batch_dir(item).request_files if item.is_dir() else [item]
    failed = 0
    for path in files:
        summary = asyncio.run(
            execute_requests(
                path,
                out_path,
                base_url=base_url,
                config=config,
                api_key=key,
                concurrency=concurrency,
                rpm=rpm,
                progress=make_progress(quiet=quiet),
            )
        )
        click.echo(summary.line(), err=True)
        failed += summary.failed
    ctx.exit(EXIT_OK if failed == 0 else EXIT_FAILED)


@batch_cmd.command("collect")
@click.argument("outputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--requests",
    "requests_dir",
    required=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="The folder `prepare` wrote.",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Run folder: results.jsonl, errors.jsonl, manifest.json.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.pass_context
def collect_cmd(
    ctx: click.Context, outputs: tuple[Path, ...], requests_dir: Path, out_dir: Path, as_json: bool
) -> None:
    """Join OUTPUTS (output and error files, any order) to the prepared documents."""
    summary = collect(outputs, requests_dir, out_dir)
    click.echo(
        summary.line() + f" ({summary.output_lines} output lines, {summary.duplicate_lines} "
        f"duplicates, {summary.unreadable_lines} unreadable)",
        err=True,
    )
    if as_json:
        click.echo(json.dumps(summary.to_dict()))
    ctx.exit(EXIT_OK if summary.failed == 0 else EXIT_FAILED)
