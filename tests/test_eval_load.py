"""Loading gold and predictions: formats, lenient parsing, validity counts, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_support import fixture_documents

from extractor.errors import InputError
from extractor.evaluation import evaluate, evaluate_path, load_gold, load_predictions
from extractor.models import DocumentRecords, ExtractionResult, Provenance, Usage


def result_line(doc: DocumentRecords, tokens: int = 100, latency: float = 2.0) -> str:
    result = ExtractionResult(
        **doc.model_dump(include=set(DocumentRecords.model_fields)),
        provenance=Provenance(
            provider="openai",
            model="m",
            prompt_version="p",
            extractor_version="0",
            usage=Usage(prompt_tokens=tokens - 10, completion_tokens=10, total_tokens=tokens),
            attempts=1,
            latency_s=latency,
        ),
    )
    return result.model_dump_json()


def write_gold(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in fixture_documents():
        (folder / f"{doc.doc_id}.json").write_text(doc.model_dump_json(indent=2))
    return folder


def test_gold_folder_loads(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path / "gold"))
    assert sorted(gold.documents) == sorted(d.doc_id for d in fixture_documents())
    assert gold.validity_rate == 1.0


def test_gold_folder_doubles_as_predictions(tmp_path: Path) -> None:
    folder = write_gold(tmp_path / "gold")
    (folder / "notes.json").write_text('{"about": "not a document"}')
    pred = load_predictions(folder)
    assert len(pred.documents) == 2
    assert [i.kind for i in pred.issues] == ["skipped"]
    assert pred.validity_rate == 1.0


def test_jsonl_with_corrupt_line_counts_it_invalid_and_names_it(tmp_path: Path) -> None:
    a, b = fixture_documents()
    path = tmp_path / "results.jsonl"
    path.write_text(result_line(a) + "\n{not json at all\n\n" + result_line(b) + "\n")
    pred = load_predictions(path)
    assert pred.entries == 3 and pred.valid_entries == 2
    assert pred.validity_rate == pytest.approx(2 / 3)
    (issue,) = pred.issues
    assert issue.origin == f"{path}:2"
    assert issue.kind == "invalid_document"
    assert "invalid JSON" in issue.message
    report = evaluate(load_gold(write_gold(tmp_path / "gold")), pred)
    assert report.summary["validity_rate"] == pytest.approx(2 / 3)
    assert any(f"{path}:2" in i for i in report.issues)


def test_invalid_record_is_dropped_and_counted(tmp_path: Path) -> None:
    a = fixture_documents()[1]
    data = json.loads(result_line(a))
    data["incidents"][0]["casualty_claims"][0]["min"] = -5
    data["statements"][0]["type"] = "shouted"
    path = tmp_path / "results.jsonl"
    path.write_text(json.dumps(data) + "\n")
    pred = load_predictions(path)
    doc = pred.documents[a.doc_id]
    assert doc.records_invalid == 2
    assert len(doc.records.incidents) == 0
    assert len(doc.records.statements) == len(a.statements) - 1
    assert pred.validity_rate == 0.0
    total = len(a.incidents) + len(a.statements)
    assert pred.record_validity_rate == pytest.approx((total - 2) / total)
    messages = [str(i) for i in pred.issues if i.kind == "invalid_record"]
    assert any("incidents[0]" in m and "min" in m and f"{path}:1" in m for m in messages)
    assert doc.usage is not None and doc.usage.total_tokens == 100


def test_tokens_and_latency_from_provenance(tmp_path: Path) -> None:
    a, b = fixture_documents()
    path = tmp_path / "results.jsonl"
    path.write_text(result_line(a, 100, 1.0) + "\n" + result_line(b, 300, 3.0) + "\n")
    s = evaluate(fixture_documents(), load_predictions(path)).summary
    assert s["tokens"]["total"] == 400
    assert s["tokens"]["mean_per_document"] == 200
    assert s["tokens"]["prompt"] == 380
    assert s["latency"]["total_s"] == pytest.approx(4.0)
    assert s["latency"]["mean_s"] == pytest.approx(2.0)


def test_json_list_and_duplicates(tmp_path: Path) -> None:
    a, b = fixture_documents()
    path = tmp_path / "preds.json"
    items = [json.loads(a.model_dump_json())] * 2 + [json.loads(b.model_dump_json())]
    path.write_text(json.dumps(items))
    pred = load_predictions(path)
    assert len(pred.documents) == 2
    assert [i.kind for i in pred.issues] == ["duplicate"]
    assert pred.documents[a.doc_id].origin == f"{path}[1]"
    assert pred.entries == 2 and pred.validity_rate == 1.0


def test_later_line_replaces_earlier_one(tmp_path: Path) -> None:
    a = fixture_documents()[0]
    broken = json.loads(result_line(a))
    broken["statements"][0]["type"] = "shouted"
    path = tmp_path / "results.jsonl"
    path.write_text(json.dumps(broken) + "\n" + result_line(a) + "\n")
    pred = load_predictions(path)
    assert pred.documents[a.doc_id].origin == f"{path}:2"
    assert pred.entries == 1 and pred.validity_rate == 1.0
    assert pred.record_validity_rate == 1.0


def test_run_output_folder_counts_failed_documents(tmp_path: Path) -> None:
    a, b = fixture_documents()
    (tmp_path / "results.jsonl").write_text(result_line(a) + "\n")
    (tmp_path / "errors.jsonl").write_text(
        json.dumps(
            {
                "doc_id": b.doc_id,
                "source": "x",
                "error_type": "ProviderError",
                "message": "HTTP 500 after 5 attempts",
            }
        )
        + "\n"
    )
    (tmp_path / "manifest.json").write_text('{"model": "m", "documents": 2}')
    pred = load_predictions(tmp_path)
    assert list(pred.documents) == [a.doc_id]
    assert pred.failed == {b.doc_id: "ProviderError: HTTP 500 after 5 attempts"}
    assert pred.validity_rate == pytest.approx(1 / 2)
    report = evaluate(fixture_documents(), pred)
    doc = next(d for d in report.documents if d.doc_id == b.doc_id)
    assert doc.issues == ["extraction failed: ProviderError: HTTP 500 after 5 attempts"]


def test_folder_of_jsonl(tmp_path: Path) -> None:
    a, b = fixture_documents()
    (tmp_path / "results.jsonl").write_text(result_line(a) + "\n" + result_line(b) + "\n")
    assert len(load_predictions(tmp_path).documents) == 2


def test_unreadable_inputs_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_predictions(tmp_path / "missing.jsonl")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no \.json or \.jsonl"):
        load_gold(tmp_path / "empty")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("garbage\n[1, 2]\n")
    with pytest.raises(InputError, match=r"bad\.jsonl.*no readable documents.*bad\.jsonl:1"):
        load_predictions(bad)
    binary = tmp_path / "g" / "x.json"
    binary.parent.mkdir()
    binary.write_bytes(b'{"doc_id": "x"}\n\xff\xfe')
    with pytest.raises(InputError, match=r"x\.json: line 2: not UTF-8"):
        load_gold(binary.parent)


def test_invalid_gold_raises_naming_file(tmp_path: Path) -> None:
    folder = write_gold(tmp_path / "gold")
    target = folder / f"{fixture_documents()[0].doc_id}.json"
    data = json.loads(target.read_text())
    data["incidents"][0]["event_type"] = "meteor"
    target.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"000_7ea8c643e84d13f7\.json.*incidents\[0\].*event_type"):
        load_gold(folder)


def test_streamed_scoring_matches_loaded_scoring(tmp_path: Path) -> None:
    a, b = fixture_documents()
    worse = b.model_copy(deep=True)
    worse.statements.pop()
    path = tmp_path / "results.jsonl"
    path.write_text(
        result_line(a) + "\n{broken\n" + result_line(b) + "\n" + result_line(worse) + "\n"
    )
    gold = load_gold(write_gold(tmp_path / "gold"))
    loaded = evaluate(gold, load_predictions(path))
    streamed = evaluate_path(gold, path)
    assert streamed.summary == loaded.summary
    assert streamed.summary["statement_recall"] < 1.0
    assert [str(i) for i in streamed.pred.issues] == [str(i) for i in loaded.pred.issues]
    assert streamed.pred.documents[a.doc_id].records.statements == []
    kept = evaluate_path(gold, path, keep_predictions=True)
    assert kept.pred.documents[a.doc_id].records.statements == a.statements
