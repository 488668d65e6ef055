"""The output folder: appends, partial lines, resume keys, compaction, manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.batch.manifest import _scrub
from extractor.batch.store import (
    ErrorRecord,
    OutputStore,
    ResumeKey,
    read_errors,
    read_jsonl,
    read_results,
    repair_jsonl,
    write_json_atomic,
)
from extractor.errors import ConfigurationError
from extractor.models import ExtractionResult, Provenance

KEY = ResumeKey("sha-1", "model-a", "prompt-1", 1)


def result(doc_id: str, sha: str = "sha-1", model: str = "model-a") -> ExtractionResult:
    return ExtractionResult(
        doc_id=doc_id,
        source=f"{doc_id}.txt",
        text_sha256=sha,
        provenance=Provenance(
            provider="p", model=model, prompt_version="prompt-1", extractor_version="t"
        ),
    )


def test_appends_are_whole_lines_and_read_back(tmp_path: Path) -> None:
    with OutputStore(tmp_path) as store:
        store.append_result(result("a"))
        store.append_result(result("b"))
        store.append_error(ErrorRecord("c", "c.txt", "ProviderError", "HTTP 500", 3))
    assert [r.doc_id for r in read_results(tmp_path)] == ["a", "b"]
    (err,) = read_errors(tmp_path)
    assert (err.doc_id, err.error_type, err.message, err.attempts) == (
        "c",
        "ProviderError",
        "HTTP 500",
        3,
    )
    raw = (tmp_path / "results.jsonl").read_bytes()
    assert raw.count(b"\n") == 2 and raw.endswith(b"\n")


def test_partial_trailing_line_is_skipped_by_readers_and_truncated_on_open(
    tmp_path: Path,
) -> None:
    path = tmp_path / "results.jsonl"
    good = result("a").model_dump_json().encode() + b"\n"
    partial = result("b").model_dump_json().encode()[:57]
    path.write_bytes(good + partial)
    assert [r.doc_id for r in read_results(path)] == ["a"]

    with OutputStore(tmp_path) as store:
        assert store.repaired_bytes == len(partial)
        assert store.is_done("a", KEY) and not store.is_done("b", KEY)
        store.append_result(result("b"))
    assert path.read_bytes().count(b"\n") == 2
    assert [r.doc_id for r in read_results(path)] == ["a", "b"]


def test_repair_handles_long_and_lineless_files(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\n' + b"x" * 200_000)
    assert repair_jsonl(path) == 200_000
    assert path.read_bytes() == b'{"a": 1}\n'
    assert repair_jsonl(path) == 0
    path.write_bytes(b"no newline at all")
    assert repair_jsonl(path) == 17 and path.read_bytes() == b""
    assert repair_jsonl(tmp_path / "absent.jsonl") == 0


def test_resume_key_must_match_text_model_prompt_and_schema(tmp_path: Path) -> None:
    with OutputStore(tmp_path) as store:
        store.append_result(result("a"))
    with OutputStore(tmp_path) as store:
        assert store.is_done("a", KEY)
        assert not store.is_done("a", ResumeKey("sha-2", "model-a", "prompt-1", 1))
        assert not store.is_done("a", ResumeKey("sha-1", "model-b", "prompt-1", 1))
        assert not store.is_done("a", ResumeKey("sha-1", "model-a", "prompt-2", 1))
        assert not store.is_done("a", ResumeKey("sha-1", "model-a", "prompt-1", 2))
    with OutputStore(tmp_path, resume=False) as store:
        assert not store.is_done("a", KEY)


def test_compaction_leaves_each_document_once(tmp_path: Path) -> None:
    with OutputStore(tmp_path) as store:
        store.append_result(result("a", model="old"))
        store.append_error(ErrorRecord("b", "b.txt", "ProviderError", "first"))
        store.append_error(ErrorRecord("c", "c.txt", "ProviderError", "c failed"))
        store.append_result(result("d"))
        # a later run: a redone with a new model, b now succeeds, c fails again, d fails
        store.append_result(result("a", model="new"))
        store.append_result(result("b"))
        store.append_error(ErrorRecord("c", "c.txt", "ExtractionValidationError", "again"))
        store.append_error(ErrorRecord("d", "d.txt", "ProviderError", "d failed now"))
        counts = store.compact(failed_now={"c", "d"})
        store.append_result(result("e"))  # appends still work after compaction
    results = list(read_results(tmp_path))
    assert [(r.doc_id, r.provenance.model) for r in results] == [
        ("a", "new"),
        ("b", "model-a"),
        ("e", "model-a"),
    ]
    errors = {e.doc_id: e.message for e in read_errors(tmp_path)}
    assert errors == {"c": "again", "d": "d failed now"}
    assert counts == (2, 2)


@pytest.mark.parametrize(
    "line",
    [
        result('quote " and \\ back\\slash and «ü»').model_dump_json().encode() + b"\n",
        ErrorRecord('e "1"', "e.txt", "ProviderError", "x").to_json_line(),
        b'{ "doc_id" : "spaced", "x": 1}\n',
        b'{"x": 1, "doc_id": "id later"}\n',
        b'{"schema_version":1,"doc_id":"torn","incidents":[\n',
        b'{"schema_version":1,"doc_id":"not json at the end"}}\n',
        b"[1, 2]\n",
        b"not json\n",
    ],
)
def test_the_doc_id_read_from_a_lines_head_is_the_one_json_gives(line: bytes) -> None:
    from extractor.batch.store import _doc_id_of

    try:
        obj = json.loads(line)
        expected = obj.get("doc_id") if isinstance(obj, dict) else None
    except ValueError:
        expected = None
    assert _doc_id_of(line) == expected


def test_a_second_writer_is_refused(tmp_path: Path) -> None:
    with OutputStore(tmp_path), pytest.raises(ConfigurationError, match="another run"):
        OutputStore(tmp_path).open()
    OutputStore(tmp_path).open().close()  # released on close


def test_out_path_that_is_a_file_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="not a folder"):
        OutputStore(tmp_path / "f").open()


def test_manifest_is_replaced_atomically_and_holds_no_secret(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    write_json_atomic(path, {"n": 1})
    write_json_atomic(path, {"n": 2})
    assert json.loads(path.read_text(encoding="utf-8")) == {"n": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"], "no temp file left"
    assert path.stat().st_mode & 0o777 == 0o644, "readable like any output file"
    scrubbed = _scrub(
        {
            "base_url": "https://user:hunter2@llm.test/v1",
            "api_key": "sk-123",
            "api_key_set": True,
            "nested": {"token": "abc", "prompt_tokens": 3},
        }
    )
    assert "hunter2" not in json.dumps(scrubbed) and "sk-123" not in json.dumps(scrubbed)
    assert scrubbed["api_key_set"] is True and scrubbed["nested"]["prompt_tokens"] == 3


def test_readers_skip_corrupt_lines(tmp_path: Path) -> None:
    path = tmp_path / "errors.jsonl"
    path.write_bytes(b'{"doc_id": "a"}\ngarbage\n[1]\n{"doc_id": "b"}\n{"doc_id": "c"')
    assert [o["doc_id"] for o in read_jsonl(path)] == ["a", "b"]
