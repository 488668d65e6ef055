"""Eval outputs: terminal table, HTML page, report comparison."""

from __future__ import annotations

import io
import re

from eval_support import copy_docs, fixture_documents
from rich.console import Console

from extractor.evaluation import TextResolver, evaluate
from extractor.evaluation.diff import diff_reports, render_diff
from extractor.evaluation.html import highlight, render_html
from extractor.evaluation.report import render_report
from extractor.models import Statement


def console() -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=140, color_system=None), buf


def test_terminal_report_lists_metrics_and_documents() -> None:
    docs = fixture_documents()
    report = evaluate(docs, copy_docs(docs)).to_dict()
    con, buf = console()
    render_report(report, con)
    out = buf.getvalue()
    for text in (
        "Incidents",
        "Claims",
        "Statements",
        "grounding rate",
        "claim.min",
        docs[0].doc_id,
    ):
        assert text in out
    assert "1.000" in out


def test_html_is_self_contained_and_escapes_text() -> None:
    docs = fixture_documents()
    pred = copy_docs(docs)
    pred[0].statements.append(
        Statement(id="S9", type="comment", content='<script>alert("x")</script> & <b>bold</b>')
    )
    page = render_html(evaluate(docs, pred, texts=TextResolver()), TextResolver())
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert not re.search(r"\bsrc\s*=", page, re.I)
    links = re.findall(r"""\bhref\s*=\s*["']?([^"'\s>]*)""", page, re.I)
    assert links and all(link.startswith("#") for link in links)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert '<mark class="gp"' in page
    assert docs[0].statements[0].content in page


def test_html_highlight_marks_gold_pred_and_both() -> None:
    out = highlight("a <b> c", [(0, 5, "g", "I1"), (2, 7, "p", "S1")])
    assert out == (
        '<mark class="g" title="gold I1">a </mark>'
        '<mark class="gp" title="gold I1; pred S1">&lt;b&gt;</mark>'
        '<mark class="p" title="pred S1"> c</mark>'
    )


def test_diff_flags_a_drop_beyond_tolerance() -> None:
    docs = fixture_documents()
    base = evaluate(docs, copy_docs(docs)).to_dict()
    pred = copy_docs(docs)
    pred[0].statements.pop()
    new = evaluate(docs, pred).to_dict()
    diff = diff_reports(base, new)
    names = {m.name for m in diff.regressions}
    assert {"statement_recall", "statement_f1", "macro.statement_f1"} <= names
    assert "statement_precision" not in names
    assert not [n for n in names if n.startswith(("tokens", "latency", "counts"))]
    assert any(d["doc_id"] == docs[0].doc_id for d in diff.documents)
    assert not diff_reports(base, new, tolerance=0.5).regressions
    con, buf = console()
    render_diff(diff, con)
    assert "REGRESSION" in buf.getvalue()


def test_diff_costs_are_informational_and_lost_metrics_regress() -> None:
    old = {
        "summary": {
            "incident_f1": 0.8,
            "grounding_rate": 0.9,
            "tokens": {"total": 100},
            "latency": {"mean_s": 1.0},
        }
    }
    new = {
        "summary": {
            "incident_f1": 0.85,
            "grounding_rate": None,
            "tokens": {"total": 900},
            "latency": {"mean_s": 9.0},
        }
    }
    diff = diff_reports(old, new)
    assert [m.name for m in diff.regressions] == ["grounding_rate"]
    by_name = {m.name: m for m in diff.metrics}
    assert by_name["incident_f1"].delta == 0.85 - 0.8
    assert not by_name["tokens.total"].quality


def test_terminal_report_shows_weakest_documents_of_a_large_run() -> None:
    from extractor.evaluation.report import documents_table

    docs = [{"doc_id": f"d{k:03d}", "incident": {"f1": k / 100}} for k in range(100)]
    con, buf = console()
    con.print(documents_table(docs, limit=3))
    out = buf.getvalue()
    assert "The 3 weakest of 100 documents" in out
    assert "d000" in out and "d002" in out and "d003" not in out
