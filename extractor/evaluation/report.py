"""Terminal report of an eval run: rich tables written to a given Console.

Works from the JSON form of a report (``EvalReport.to_dict()`` or a saved
file), so a stored run can be shown again. Nothing is printed except to the
console passed in.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractor.evaluation.score import RECORD_TYPES

MAX_ISSUES = 20
MAX_DOCUMENTS = 50
LABELS = {"incident": "Incidents", "claim": "Claims", "statement": "Statements"}


def fmt(value: Any, digits: int = 3) -> str:
    """A metric for display; None shows as a dash."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def styled(value: float | None, digits: int = 3) -> Text:
    """A 0-1 score, green when perfect, yellow when fair, red when poor."""
    if value is None:
        return Text("–", style="dim")
    style = "green" if value >= 0.999 else "yellow" if value >= 0.7 else "red"
    return Text(f"{value:.{digits}f}", style=style)


def language_table(by_language: dict[str, Any]) -> Table:
    """Strict (and lenient) F1 per record type for each language of the gold."""
    table = Table(title="Per language: strict F1 (lenient)", title_justify="left")
    table.add_column("language")
    table.add_column("documents", justify="right")
    for kind in RECORD_TYPES:
        table.add_column(LABELS[kind], justify="right")
    for language, row in by_language.items():
        cells = [
            f"{fmt(row.get(f'{kind}_f1'))} ({fmt(row.get(f'{kind}_f1_lenient'))})"
            for kind in RECORD_TYPES
        ]
        table.add_row(language, str(row.get("documents")), *cells)
    return table


def records_table(summary: dict[str, Any]) -> Table:
    table = Table(
        title="Records: strict (headline) and lenient (micro; macro = mean over documents)",
        title_justify="left",
    )
    for col in ("type", "matching", "gold", "pred", "matched", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col in ("type", "matching") else "right")
    table.add_column("macro F1", justify="right")
    counts = summary.get("counts", {})
    lenient_counts = counts.get("lenient", {})
    macro = summary.get("macro", {})
    for kind in RECORD_TYPES:
        for matching, suffix, c in (
            ("strict", "", counts.get(kind, {})),
            ("lenient", "_lenient", lenient_counts.get(kind, {})),
        ):
            table.add_row(
                LABELS[kind] if not suffix else "",
                matching,
                fmt(c.get("gold")),
                fmt(c.get("pred")),
                fmt(c.get("matched")),
                styled(summary.get(f"{kind}_precision{suffix}")),
                styled(summary.get(f"{kind}_recall{suffix}")),
                styled(summary.get(f"{kind}_f1{suffix}")),
                styled(macro.get(f"{kind}_f1{suffix}")),
            )
    return table


def quality_table(summary: dict[str, Any]) -> Table:
    table = Table(title="Quality and cost", title_justify="left")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("detail")
    macro = summary.get("macro", {})
    table.add_row(
        "field accuracy",
        styled(summary.get("field_accuracy")),
        f"macro {fmt(macro.get('field_accuracy'))}",
    )
    for suffix, label in (("", "strict"), ("_lenient", "lenient")):
        table.add_row(
            f"exact figures ({label})",
            styled(summary.get(f"claim_figure_exact_rate{suffix}")),
            f"mean absolute error {fmt(summary.get(f'claim_figure_mae{suffix}'), 2)} "
            f"over {fmt(summary.get(f'claim_figure_pairs{suffix}'))} matched claims",
        )
    missing = summary.get("documents_without_text") or 0
    table.add_row(
        "grounding rate (verified)",
        styled(summary.get("grounding_rate")),
        f"{fmt(summary.get('ungrounded_spans'))} of {fmt(summary.get('evidence_spans'))} "
        "evidence spans ungrounded"
        + (f"; {missing} document(s) without text, not verifiable" if missing else ""),
    )
    table.add_row(
        "gold grounding rate",
        styled(summary.get("gold_grounding_rate")),
        f"{fmt(summary.get('gold_evidence_spans'))} gold evidence spans",
    )
    table.add_row(
        "schema validity",
        styled(summary.get("validity_rate")),
        f"records {fmt(summary.get('record_validity_rate'))}, "
        f"{fmt(summary.get('invalid_entries'))} invalid entries",
    )
    tokens = summary.get("tokens") or {}
    latency = summary.get("latency") or {}
    table.add_row(
        "tokens",
        fmt(tokens.get("total")),
        f"mean {fmt(tokens.get('mean_per_document'), 1)} per document "
        f"({fmt(tokens.get('documents'))} with provenance)",
    )
    table.add_row(
        "latency (s)",
        fmt(latency.get("total_s"), 2),
        f"mean {fmt(latency.get('mean_s'), 2)}, max {fmt(latency.get('max_s'), 2)}",
    )
    table.add_row(
        "documents",
        fmt(summary.get("documents")),
        f"{fmt(summary.get('documents_missing'))} without prediction, "
        f"{fmt(summary.get('documents_extra'))} without gold",
    )
    return table


def fields_table(summary: dict[str, Any]) -> Table:
    table = Table(title="Field accuracy on matched pairs", title_justify="left")
    for col in ("field", "accuracy", "macro", "pairs"):
        table.add_column(col, justify="left" if col == "field" else "right")
    macro = summary.get("macro", {}).get("fields", {})
    counts = summary.get("counts", {}).get("fields", {})
    for name, value in summary.get("fields", {}).items():
        table.add_row(name, styled(value), styled(macro.get(name)), fmt(counts.get(name)))
    return table


def _doc_f1(doc: dict[str, Any]) -> float:
    return sum((doc.get(kind) or {}).get("f1") or 0.0 for kind in RECORD_TYPES)


def documents_table(documents: list[dict[str, Any]], limit: int = MAX_DOCUMENTS) -> Table:
    """Per-document scores; beyond ``limit`` documents, the weakest ``limit``."""
    title = "Documents"
    if len(documents) > limit:
        title = f"The {limit} weakest of {len(documents)} documents (all in the JSON report)"
        documents = sorted(documents, key=_doc_f1)[:limit]
    table = Table(title=title, title_justify="left")
    table.add_column("doc_id", no_wrap=True)
    for col in ("inc F1", "claim F1", "stmt F1", "fields", "grounded"):
        table.add_column(col, justify="right", no_wrap=True)
    table.add_column("notes")
    for doc in documents:
        fields = doc.get("fields") or {}
        mean = sum(fields.values()) / len(fields) if fields else None
        issues = doc.get("issues") or []
        table.add_row(
            doc.get("doc_id", "?"),
            *(styled(doc.get(kind, {}).get("f1")) for kind in RECORD_TYPES),
            styled(mean),
            styled(doc.get("grounding_rate")),
            Text("; ".join(issues), style="yellow") if issues else "",
        )
    return table


def ungrounded_rows(documents: list[dict[str, Any]]) -> list[tuple[str, str, dict[str, Any]]]:
    """(document, side, span) for every listed ungrounded span, prediction first."""
    rows = []
    for side, key in (("pred", "ungrounded_evidence"), ("gold", "gold_ungrounded_evidence")):
        for doc in documents:
            rows.extend((doc.get("doc_id", "?"), side, u) for u in doc.get(key) or [])
    return rows


def ungrounded_table(rows: list[tuple[str, str, dict[str, Any]]], limit: int = MAX_ISSUES) -> Table:
    title = "Ungrounded evidence" + (
        f" (first {limit} of {len(rows)}; all in the JSON report)" if len(rows) > limit else ""
    )
    table = Table(title=title, title_justify="left")
    for col in ("doc_id", "side", "record", "offsets", "reason", "quote"):
        table.add_column(col, no_wrap=col in ("doc_id", "offsets"))
    for doc_id, side, u in rows[:limit]:
        quote = str(u.get("quote") or "")
        table.add_row(
            doc_id,
            side,
            str(u.get("record")),
            f"{fmt(u.get('char_start'))}-{fmt(u.get('char_end'))}",
            str(u.get("reason")),
            quote if len(quote) <= 60 else quote[:57] + "…",
        )
    return table


def render_report(report: dict[str, Any], console: Console, *, documents: bool = True) -> None:
    """Write the report's tables to ``console``."""
    summary = report.get("summary", {})
    console.print(
        Text.assemble(
            ("gold ", "dim"),
            str(report.get("gold", "?")),
            ("  pred ", "dim"),
            str(report.get("pred", "?")),
        )
    )
    console.print(records_table(summary))
    if len(summary.get("by_language") or {}) > 1:
        console.print(language_table(summary["by_language"]))
    console.print(quality_table(summary))
    if summary.get("fields"):
        console.print(fields_table(summary))
    if documents and report.get("documents"):
        console.print(documents_table(report["documents"]))
    ungrounded = ungrounded_rows(report.get("documents") or [])
    if ungrounded:
        console.print(ungrounded_table(ungrounded))
    issues = report.get("issues") or []
    if issues:
        console.print(Text(f"{len(issues)} issue(s):", style="yellow"))
        for issue in issues[:MAX_ISSUES]:
            console.print(Text(f"  {issue}"))
        if len(issues) > MAX_ISSUES:
            console.print(Text(f"  … {len(issues) - MAX_ISSUES} more in the JSON report"))
