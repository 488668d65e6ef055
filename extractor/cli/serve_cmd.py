"""`extractor serve`: the HTTP extraction API (extra ``serve``)."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

import click

from ..config import PROVIDERS, resolve_config, resolve_service_config
from ..errors import ConfigurationError

log = logging.getLogger("extractor.serve")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on [default: 127.0.0.1].")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="[default: 8000]")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data folder for jobs and the cache [default: ~/.local/share/extractor/service].",
)
@click.option(
    "--tokens-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Bearer tokens, one a line (adds to EXTRACTOR_SERVICE_TOKENS).",
)
@click.option(
    "--max-model-calls",
    type=click.IntRange(min=1),
    default=None,
    help="Documents with the model at once, service-wide [default: 1 embedded, else 8].",
)
@click.option("--provider", type=click.Choice(PROVIDERS), default=None, help="Model provider.")
@click.option("--model", default=None, help="Model name.")
@click.option("--base-url", default=None, help="Base URL of an OpenAI-compatible server.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
def serve_cmd(
    host: str | None,
    port: int | None,
    data_dir: Path | None,
    tokens_file: Path | None,
    max_model_calls: int | None,
    provider: str | None,
    model: str | None,
    base_url: str | None,
    no_cache: bool,
) -> None:
    """Serve the extraction API: /v1/extract, /v1/jobs, /v1/schema, /metrics.

    Jobs live under the data folder as batch run folders; a restarted service
    resumes unfinished ones. With tokens set (EXTRACTOR_SERVICE_TOKENS or
    --tokens-file) every endpoint but /healthz needs `Authorization: Bearer`.
    """
    try:
        import uvicorn

        from ..service import ServiceSettings, create_app
    except ImportError as e:
        raise ConfigurationError(
            f"extractor serve needs the serve extra: pip install 'conflict-extractor[serve]' ({e})"
        ) from e
    service = resolve_service_config(
        host=host,
        port=port,
        data_dir=str(data_dir) if data_dir else None,
        tokens_file=str(tokens_file) if tokens_file else None,
        max_model_calls=max_model_calls,
        cache=False if no_cache else None,
    )
    config = resolve_config(provider=provider, model=model, base_url=base_url)
    config.resolved_model  # noqa: B018 - raises ConfigurationError early when no model is set
    if not service.tokens and not _is_loopback(service.host):
        click.echo(
            f"warning: listening on {service.host} with no tokens: anyone who reaches it can use it",
            err=True,
        )
    click.echo(
        f"serving on http://{service.host}:{service.port} (data {service.data_dir}, "
        f"{'tokens required' if service.tokens else 'no tokens'})",
        err=True,
    )
    app = create_app(ServiceSettings(service=service, extractor=config))
    uvicorn.run(
        app,
        host=service.host,
        port=service.port,
        log_level=logging.getLevelName(logging.getLogger().getEffectiveLevel()).lower(),
        access_log=logging.getLogger().getEffectiveLevel() <= logging.INFO,
        proxy_headers=False,
        server_header=False,
        # Idle keep-alive connections stay open a while: a client slowed by a busy
        # machine would otherwise send its next request into a connection being closed.
        timeout_keep_alive=30,
    )
