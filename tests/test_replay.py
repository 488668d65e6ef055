"""The whole pipeline and CLI, replaying cassettes recorded from the real
embedded model server (`make record`). No model runs here."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CASSETTES, SEED_IDS, SEEDS

from extractor.cli import cli
from extractor.config import SMOLLM2, resolve_config
from extractor.errors import ProviderError
from extractor.models import Alignment, ExtractionResult
from extractor.pipeline import Extractor
from tools.cassettes import replay
from tools.seeds_run import REPLAY_BASE_URL


def _replay_config():  # type: ignore[no-untyped-def]
    # the single cassettes are SmolLM2's answers: replay asks what it was asked
    return resolve_config(
        provider="local", base_url=REPLAY_BASE_URL, strategy="single", local_model=SMOLLM2
    )


@pytest.mark.parametrize("doc_id", SEED_IDS)
async def test_seed_replays_into_a_valid_grounded_result(doc_id: str) -> None:
    text = (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")
    async with Extractor(_replay_config()) as extractor:
        with replay(CASSETTES / f"{doc_id}.json"):
            result = await extractor.aextract(text, doc_id=doc_id, source=f"seeds/{doc_id}.txt")
    ExtractionResult.model_validate_json(result.model_dump_json())
    p = result.provenance
    assert p.provider == "local" and p.model == "smollm2-135m-instruct"
    assert p.prompt_version == extractor.prompt_version
    assert p.attempts >= 1 and p.usage.total_tokens > 0
    spans = [e for i in result.incidents for e in i.evidence]
    spans += [e for i in result.incidents for c in i.casualty_claims for e in c.evidence]
    spans += [e for s in result.statements for e in s.evidence]
    for ev in spans:
        if ev.alignment == Alignment.exact:
            assert text[ev.char_start : ev.char_end] == ev.quote
        elif ev.alignment == Alignment.fuzzy:
            assert ev.char_start is not None and ev.char_end is not None and ev.score is not None
        else:
            assert ev.char_start is None
    for record in [*result.incidents, *result.statements]:
        assert record.grounded == any(
            e.alignment != Alignment.unaligned for e in record.evidence
        ) or (hasattr(record, "casualty_claims"))


def test_cassettes_hold_no_secret() -> None:
    for path in CASSETTES.glob("*.json"):
        raw = path.read_text(encoding="utf-8").lower()
        assert "authorization" not in raw and "api-key" not in raw and "bearer" not in raw


async def test_a_partly_played_cassette_fails() -> None:
    with (
        pytest.raises(AssertionError, match="not played"),
        replay(CASSETTES / f"{SEED_IDS[0]}.json"),
    ):
        pass


async def test_a_request_that_was_never_recorded_fails() -> None:
    config = resolve_config(
        provider="local", base_url=REPLAY_BASE_URL, max_network_retries=0, strategy="single"
    )
    async with Extractor(config) as extractor:
        with pytest.raises(ProviderError) as caught, replay(CASSETTES / f"{SEED_IDS[0]}.json"):
            await extractor.aextract("An article nobody recorded.")
    chain, exc = [], caught.value
    while exc is not None:
        chain.append(type(exc).__name__)
        exc = exc.__cause__ or exc.__context__
    assert "CannotOverwriteExistingCassetteException" in chain


def test_cli_run_writes_one_result_per_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXTRACTOR_PROVIDER", "local")
    monkeypatch.setenv("EXTRACTOR_STRATEGY", "single")
    monkeypatch.setenv("EXTRACTOR_LOCAL_MODEL", SMOLLM2)
    monkeypatch.setenv("EXTRACTOR_BASE_URL", REPLAY_BASE_URL)
    doc = SEED_IDS[3]
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    (bad / "latin1.txt").write_bytes("Caf\xe9 bombed".encode("latin-1"))
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00\x00")
    out = tmp_path / "out"
    with replay(CASSETTES / f"{doc}.json"):
        result = CliRunner().invoke(
            cli,
            [
                "run",
                str(SEEDS / f"{doc}.txt"),
                str(bad),
                "--out",
                str(out),
                "--no-cache",
                "-q",
            ],
        )
    assert result.exit_code == 1, result.output
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["doc_id"] for r in results] == [doc]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    by_source = {Path(e["source"]).name: e["message"] for e in errors}
    assert set(by_source) == {"empty.txt", "latin1.txt", "binary.txt"}
    assert "empty" in by_source["empty.txt"]
    assert "UTF-8" in by_source["latin1.txt"]
    assert "binary" in by_source["binary.txt"]
    shown = CliRunner().invoke(cli, ["show", str(out), "--doc", doc])
    assert shown.exit_code == 0 and "Incidents" in shown.output and "warning" in shown.output
    as_json = CliRunner().invoke(cli, ["show", str(out / "results.jsonl"), "--json"])
    assert json.loads(as_json.output)["doc_id"] == doc
    missing = CliRunner().invoke(cli, ["show", str(out), "--doc", "nope"])
    assert missing.exit_code == 2 and "no result for document 'nope'" in missing.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert "api_key" not in json.dumps(manifest).replace("api_key_set", "")


def test_cli_missing_api_key_is_a_configuration_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["run", str(SEEDS), "--out", str(tmp_path), "--provider", "openai"]
    )
    assert result.exit_code == 2
    assert "OPENAI_API_KEY" in result.output


def test_a_recording_that_sent_nothing_is_an_empty_cassette(tmp_path: Path) -> None:
    # a staged document whose every choice took its rule asks the model nothing: its
    # recording says so, and replaying it fails if the document ever sends a request
    from tools.cassettes import replay as tape

    path = tmp_path / "quiet.json"
    with tape(path, record_mode="all"):
        pass
    assert json.loads(path.read_text(encoding="utf-8"))["interactions"] == []
    with tape(path):
        pass  # nothing asked, nothing unplayed
    from vcr.errors import CannotOverwriteExistingCassetteException

    with pytest.raises(CannotOverwriteExistingCassetteException), tape(path):
        urllib.request.urlopen("http://127.0.0.1:9/v1/models", timeout=1)
