"""``extractor review RUN_DIR``: accept, reject, correct and add records in the browser.

    extractor review runs/demo                          # opens http://127.0.0.1:8765/
    extractor review runs/demo --gold seeds/annotations # gold side by side, with scores
    extractor eval --gold runs/demo/reviewed --pred runs/demo/results.jsonl

Saving a document writes ``RUN_DIR/reviewed/<doc_id>.json``, a gold file in
the guideline's format. Only loopback by default; another host needs a
token (``--token`` or EXTRACTOR_SERVICE_TOKENS), which the browser sends once
as ``?token=...``.
"""

from __future__ import annotations

import ipaddress
import threading
import webbrowser
from pathlib import Path

import click
from pydantic import SecretStr

from extractor.config import resolve_service_config
from extractor.errors import ConfigurationError


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("review")
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Gold folder to show beside the run, with scores.",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8765, show_default=True, type=int)
@click.option("--token", "tokens", multiple=True, help="Bearer token (needed off loopback).")
@click.option("--no-browser", is_flag=True, help="Do not open a browser.")
def review_cmd(
    run_dir: Path,
    gold_dir: Path | None,
    host: str,
    port: int,
    tokens: tuple[str, ...],
    no_browser: bool,
) -> None:
    """Review a run folder's records in the browser; saving writes gold."""
    import uvicorn

    from extractor.review import ReviewStore, create_review_app

    secrets = [SecretStr(t) for t in tokens] or list(resolve_service_config().tokens)
    if not _loopback(host) and not secrets:
        raise ConfigurationError(
            f"--host {host} is not loopback: give a token (--token or EXTRACTOR_SERVICE_TOKENS)"
        )
    store = ReviewStore(run_dir, gold_dir=gold_dir)
    app = create_review_app(store, tokens=secrets)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    click.echo(f"reviewing {len(store.doc_ids)} documents of {run_dir} at {url}", err=True)
    click.echo(f"saved reviews go to {run_dir / 'reviewed'}", err=True)
    if not no_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
