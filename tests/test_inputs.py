"""Finding and reading batch inputs; bad inputs become named failures."""

from __future__ import annotations

import json
from pathlib import Path

from extractor.batch.html_text import html_to_text
from extractor.batch.inputs import Document, InputFailure, count_documents, iter_documents

ARTICLE = "Airstrikes killed 20 civilians in Raqqa on Thursday.\r\nRussia denied it."


def split(items: list[Document | InputFailure]) -> tuple[dict[str, Document], list[InputFailure]]:
    docs = {d.doc_id: d for d in items if isinstance(d, Document)}
    return docs, [f for f in items if isinstance(f, InputFailure)]


def test_folder_is_searched_recursively_with_stable_ids(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode())
    (tmp_path / "sub" / "b.md").write_text("# Title\n\nSome *text*.", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.txt").write_text("Deep text.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")

    items = list(iter_documents([tmp_path]))
    docs, failures = split(items)
    assert not failures
    assert list(docs) == ["a", "sub/b", "sub/deeper/c"]
    assert docs["a"].text == ARTICLE, "text kept as decoded: CRLF and all"
    assert docs["a"].source == str(tmp_path / "a.txt")
    assert len(docs["a"].sha256) == 64
    assert count_documents([tmp_path]) == 3
    assert [d.doc_id for d in iter_documents([tmp_path])] == list(docs), "stable order"


def test_same_stem_twice_keeps_ids_unique(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One text.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Another text.", encoding="utf-8")
    docs, _ = split(list(iter_documents([tmp_path])))
    assert set(docs) == {"a", "a.txt"}


def test_a_file_given_directly_is_named_by_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "000_7ea8.txt"
    path.write_text("Text.", encoding="utf-8")
    (doc,) = iter_documents([str(path)])
    assert isinstance(doc, Document) and doc.doc_id == "000_7ea8"


def test_jsonl_records_carry_metadata(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    lines = [
        {"id": "n1", "text": "First.", "url": "https://x.test/1", "published": "2016-08-12",
         "title": "T1", "lang": "en", "metadata": {"outlet": "AFP"}},
        {"text": "No id here."},
        {"id": 7, "text": "Numeric id."},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    docs, failures = split(list(iter_documents([path])))
    assert not failures
    assert list(docs) == ["n1", f"{path}#2", "7"]
    first = docs["n1"]
    assert first.published == "2016-08-12" and first.title == "T1"
    assert first.metadata == {"url": "https://x.test/1", "lang": "en", "outlet": "AFP"}
    assert first.source == f"{path}:1"
    assert count_documents([path]) == 3


def test_bad_jsonl_lines_are_failures_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(
        b'{"id": "ok", "text": "Fine."}\n'
        b"{not json\n"
        b'{"id": "nt"}\n'
        b'{"id": "empty", "text": "   "}\n'
        b"[1, 2]\n"
        b'{"id": "latin", "text": "caf\xe9"}\n'
        b'{"id": "ok2", "text": "Also fine."}\n'
    )
    docs, failures = split(list(iter_documents([path])))
    assert set(docs) == {"ok", "ok2"}, "bad lines never stop the others"
    by_line = {f.source: str(f.error) for f in failures}
    assert set(by_line) == {f"{path}:{n}" for n in (2, 3, 4, 5, 6)}
    assert "invalid JSON" in by_line[f"{path}:2"]
    assert "'text'" in by_line[f"{path}:3"]
    assert "not UTF-8" in by_line[f"{path}:6"]
    assert all(msg.startswith(f"{path}:") for msg in by_line.values())
    assert {f.doc_id for f in failures} >= {"nt", "empty"}


def test_duplicate_ids(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    recs = [
        {"id": "x", "text": "Same."},
        {"id": "x", "text": "Same."},  # exact duplicate: skipped
        {"id": "x", "text": "Different."},  # conflict: failure
    ]
    path.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    docs, failures = split(list(iter_documents([path])))
    assert list(docs) == ["x"]
    assert len(failures) == 1 and "already used" in str(failures[0].error)
    assert failures[0].doc_id != "x", "a failure never shares an id with a result"


def test_bad_files_become_failures_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "binary.txt").write_bytes(b"abc\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Good text.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()

    items = list(iter_documents([tmp_path, missing, empty_dir]))
    docs, failures = split(items)
    assert list(docs) == ["good"]
    reasons = {f.doc_id: str(f.error) for f in failures}
    assert "binary" in reasons["binary"]
    assert "empty" in reasons["empty"]
    assert "not UTF-8" in reasons["latin1"]
    assert "invalid JSON" in reasons["broken"]
    assert "no such file" in reasons[str(missing)]
    assert "no documents" in reasons[str(empty_dir)]
    assert all(str(tmp_path) in msg for msg in reasons.values()), "each names its file"


def test_json_file_with_one_or_many_records(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": "Single."}), encoding="utf-8")
    many = [{"id": "m1", "text": "A."}, {"id": "m2", "text": "B."}]
    (tmp_path / "many.json").write_text(json.dumps(many), encoding="utf-8")
    docs, failures = split(list(iter_documents([tmp_path])))
    assert not failures
    assert set(docs) == {"one", "m1", "m2"}
    assert count_documents([tmp_path]) == 3


def test_html_is_reduced_to_paragraphs(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><title>Strike  in Idlib</title>
    <style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
    <body><nav>Home</nav><h1>Headline</h1>
    <p>First   paragraph,
    with a <b>bold</b> word &amp; an entity.</p><div>Second<br>line</div>
    <ul><li>Item one</li><li>Item two</li></ul></body></html>"""
    title, text = html_to_text(html)
    assert title == "Strike in Idlib"
    assert text.split("\n\n") == [
        "Home",
        "Headline",
        "First paragraph, with a bold word & an entity.",
        "Second",
        "line",
        "Item one",
        "Item two",
    ]
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (doc,) = iter_documents([tmp_path])
    assert isinstance(doc, Document)
    assert doc.title == "Strike in Idlib" and doc.text == text


def test_html_without_text_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "blank.html").write_text("<html><script>x()</script></html>", encoding="utf-8")
    (failure,) = iter_documents([tmp_path])
    assert isinstance(failure, InputFailure) and "no text" in str(failure.error)
