"""`extractor run`: extract records from files, folders or JSONL into an output folder.

Before anything is written: the inputs must hold documents, the settings
must be valid and a remote endpoint must answer. After the run: one stderr
line per failed document (the first 20, then a count), the summary, and
with ``--json`` the summary on stdout, also after Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import json
import signal
from pathlib import Path
from typing import Any

import click

from ..batch import (
    BatchSummary,
    NullProgress,
    count_documents,
    iter_documents,
    make_progress,
    run_batch,
)
from ..batch.inputs import check_inputs
from ..batch.store import ERRORS_FILE
from ..cache import NullCache, SQLiteCache, default_cache_path
from ..config import PROVIDERS, STRATEGIES, ExtractorConfig, resolve_config
from ..errors import ConfigurationError, EndpointUnreachableError, OutputError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_SIGINT, EXIT_SIGTERM = 130, 143
OPENAI_BASE_URL = "https://api.openai.com/v1"


def _endpoint(config: ExtractorConfig) -> str | None:
    """The remote endpoint to check; None for the embedded server the run starts itself."""
    if config.base_url:
        return config.base_url
    return OPENAI_BASE_URL if config.provider == "openai" else None


async def _run(
    config: ExtractorConfig,
    cache: SQLiteCache | NullCache,
    inputs: tuple[str, ...],
    out_dir: Path,
    published: str | None,
    signals: list[int],
    ray: dict[str, Any] | None = None,
    **batch: Any,
) -> BatchSummary:
    """One run on the local engine, or on Ray actors when ``ray`` holds its options."""
    loop = asyncio.get_running_loop()
    main = asyncio.current_task()
    assert main is not None

    def on_sigterm() -> None:  # the same orderly stop as Ctrl-C
        signals.append(signal.SIGTERM)
        main.cancel()

    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not POSIX
        loop.add_signal_handler(signal.SIGTERM, on_sigterm)
    try:
        endpoint = _endpoint(config)
        if endpoint is not None:
            from ..batch.endpoint import check_endpoint  # httpx: only for a run that starts

            await check_endpoint(endpoint, timeout_s=config.timeout_s)
        documents = iter_documents(inputs, published=published)
        if ray is not None:
            from ..engines.ray_engine import run_ray

            cache.close()  # each actor opens the cache file itself
            return await run_ray(config, documents, out_dir, **ray, **batch)
        from ..pipeline import Extractor  # the model client loads only for a run that goes ahead

        async with Extractor(config, cache=cache) as extractor:
            # Everything loaded so far (modules, the client) lives until exit: keep
            # the collector from walking it again on every full pass of a long batch.
            gc.freeze()
            return await run_batch(documents, extractor, out_dir, **batch)
    finally:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.remove_signal_handler(signal.SIGTERM)


def _report(summary: BatchSummary, as_json: bool) -> None:
    for line in summary.failure_lines(summary.out_dir / ERRORS_FILE):
        click.echo(line, err=True)
    if summary.stopped is not None:
        left = summary.not_attempted + summary.not_saved
        click.echo(
            f"error: {summary.stopped} ({summary.succeeded} extracted and saved, "
            f"{left} document(s) left: run the same command again to finish)",
            err=True,
        )
    else:
        click.echo(summary.line(), err=True)
    if as_json:
        click.echo(json.dumps(summary.to_dict()))


@click.command("run")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder: results.jsonl, errors.jsonl, manifest.json.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 512),
    default=None,
    help="Documents in flight at once [default: 8; 1 for the embedded model, which answers one at a time].",
)
@click.option(
    "--rpm",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="At most this many documents started per minute.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Result cache file [default: ~/.cache/extractor/llm-cache.sqlite3].",
)
@click.option(
    "--no-resume", is_flag=True, help="Redo documents already in --out (the cache still serves)."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON on stdout.")
@click.option("--provider", type=click.Choice(PROVIDERS), default=None, help="Model provider.")
@click.option("--model", default=None, help="Model name.")
@click.option("--base-url", default=None, help="Base URL of an OpenAI-compatible server.")
@click.option(
    "--strategy",
    type=click.Choice(STRATEGIES),
    default=None,
    help="single, staged or rules [default: staged for provider local, else single].",
)
@click.option("--timeout", "timeout_s", type=float, default=None, help="Seconds per request.")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: this process; ray: a pool of Ray actors (extra ray).",
)
@click.option("--ray-address", default=None, help="Ray cluster to join [default: start one here].")
@click.option(
    "--ray-actors",
    type=click.IntRange(1, 4096),
    default=2,
    show_default=True,
    help="Ray actors, each with one model client and --concurrency documents in flight.",
)
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Publication date (YYYY-MM-DD) of documents whose input gives none (plain text, HTML).",
)
@click.pass_context
def run_cmd(
    ctx: click.Context,
    inputs: tuple[str, ...],
    out_dir: Path,
    concurrency: int | None,
    rpm: float | None,
    no_cache: bool,
    cache_path: Path | None,
    no_resume: bool,
    quiet: bool,
    as_json: bool,
    provider: str | None,
    model: str | None,
    base_url: str | None,
    strategy: str | None,
    timeout_s: float | None,
    engine: str,
    ray_address: str | None,
    ray_actors: int,
    published: dt.datetime | None,
) -> None:
    """Extract incidents and statements from INPUT files, folders or JSONL.

    Folders are searched recursively for .txt, .md, .html, .json and .jsonl
    files; JSONL lines carry "text" plus optional "id", "url", "published",
    "title". Rerunning into the same --out skips documents already done and
    retries the ones that failed. Exit status: 0 all documents extracted,
    1 some failed (see errors.jsonl), 2 usage or configuration error.
    """
    if no_cache and cache_path is not None:
        raise ConfigurationError("--no-cache and --cache contradict each other; pick one")
    check_inputs(inputs)  # before any folder, manifest or model exists
    config = resolve_config(
        provider=provider, model=model, base_url=base_url, strategy=strategy, timeout_s=timeout_s
    )
    if config.resolved_strategy != "rules":
        config.resolved_model  # noqa: B018 - raises ConfigurationError early when no model is set
    if concurrency is None:
        concurrency = 1 if config.provider == "local" and not config.base_url else 8
    cache: SQLiteCache | NullCache
    if no_cache:
        cache = NullCache()
    else:
        cache_path = cache_path or default_cache_path()
        cache = SQLiteCache(cache_path)
    progress = make_progress(quiet=quiet)
    total = None if isinstance(progress, NullProgress) else count_documents(inputs)
    day = published.date().isoformat() if published else None
    run_info = {
        "inputs": list(inputs),
        "published": day,
        "cache": None if no_cache else str(cache_path),
        "config": config.public_dict(),
    }
    summary = BatchSummary(out_dir=out_dir)
    signals: list[int] = []
    try:
        asyncio.run(
            _run(
                config,
                cache,
                inputs,
                out_dir,
                day,
                signals,
                ray=None
                if engine == "local"
                else {
                    "address": ray_address,
                    "actors": ray_actors,
                    "cache_path": None if no_cache else str(cache_path),
                },
                concurrency=concurrency,
                rpm=rpm,
                progress=progress,
                resume=not no_resume,
                total=total,
                run_info=run_info,
                summary=summary,
            )
        )
    except (KeyboardInterrupt, asyncio.CancelledError):
        summary.interrupted = True
        _report(summary, as_json)
        ctx.exit(EXIT_SIGTERM if signals else EXIT_SIGINT)
    except (OutputError, EndpointUnreachableError) as e:
        click.echo(f"error: {e}", err=True)
        ctx.exit(EXIT_USAGE)
    finally:
        cache.close()
    _report(summary, as_json)
    if summary.stopped is not None:
        ctx.exit(EXIT_USAGE)
    ctx.exit(EXIT_OK if summary.failed == 0 else EXIT_FAILED)
