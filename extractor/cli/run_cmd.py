"""`extractor run`: extract records from files, folders or JSONL into an output folder."""

from __future__ import annotations

import asyncio
import json
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
from ..cache import NullCache, SQLiteCache, default_cache_path
from ..config import PROVIDERS, STRATEGIES, ExtractorConfig, resolve_config
from ..errors import ConfigurationError
from ..pipeline import Extractor

EXIT_OK, EXIT_FAILED = 0, 1


async def _run(
    config: ExtractorConfig,
    cache: SQLiteCache | NullCache,
    inputs: tuple[str, ...],
    out_dir: Path,
    **batch: Any,
) -> BatchSummary:
    async with Extractor(config, cache=cache) as extractor:
        return await run_batch(iter_documents(inputs), extractor, out_dir, **batch)


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
    run_info = {
        "inputs": list(inputs),
        "cache": None if no_cache else str(cache_path),
        "config": config.public_dict(),
    }
    batch: dict[str, Any] = {
        "rpm": rpm,
        "progress": progress,
        "resume": not no_resume,
        "total": total,
        "run_info": run_info,
    }
    try:
        if engine == "ray":
            from ..engines.ray_engine import run_ray

            cache.close()  # each actor opens the cache file itself
            work = run_ray(
                config,
                iter_documents(inputs),
                out_dir,
                address=ray_address,
                actors=ray_actors,
                concurrency=concurrency,
                cache_path=None if no_cache else str(cache_path),
                **batch,
            )
        else:
            work = _run(config, cache, inputs, out_dir, concurrency=concurrency, **batch)
        summary = asyncio.run(work)
    finally:
        cache.close()
    click.echo(summary.line(), err=True)
    if as_json:
        click.echo(json.dumps(summary.to_dict()))
    ctx.exit(EXIT_OK if summary.failed == 0 else EXIT_FAILED)
