"""Compare two eval reports (the JSON of ``extractor eval --json``) metric by metric.

The summaries are flattened to dotted names (``fields.claim.min``,
``macro.incident_f1``, ``tokens.total``). Quality metrics are the record
precision/recall/F1, field accuracy, grounding and validity rates, per-field
accuracies and their macro averages: higher is better (the figure MAE: lower),
and a change for the worse of more than ``tolerance`` (or a value lost) is a
regression. Counts, tokens and latency are
informational and never regressions. Per-document F1 changes are listed too.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractor.errors import InputError
from extractor.evaluation.report import fmt
from extractor.evaluation.score import RECORD_TYPES
from extractor.evaluation.summary import HEADLINE_KEYS, LOWER_IS_BETTER

INFORMATIONAL_PREFIXES = ("tokens.", "latency.", "counts.")
EPSILON = 1e-9


@dataclass
class MetricChange:
    name: str
    old: float | None
    new: float | None
    delta: float | None
    quality: bool
    regression: bool


@dataclass
class ReportDiff:
    tolerance: float
    metrics: list[MetricChange]
    documents: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def regressions(self) -> list[MetricChange]:
        return [m for m in self.metrics if m.regression]

    def to_dict(self) -> dict[str, Any]:
        return {
            "tolerance": self.tolerance,
            "regressions": [m.name for m in self.regressions],
            "metrics": [asdict(m) for m in self.metrics],
            "documents": self.documents,
            "notes": self.notes,
        }


def load_report(path: str | Path) -> dict[str, Any]:
    """Read an eval report written by ``extractor eval --json``."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(p)) from exc
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", path=str(p)) from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"line {exc.lineno} column {exc.colno}: invalid JSON: {exc.msg}", path=str(p)
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("summary"), dict):
        raise InputError("not an eval report (no summary object)", path=str(p))
    return data


def flatten(summary: dict[str, Any], prefix: str = "") -> dict[str, float | None]:
    """Numeric leaves of a nested summary, by dotted name."""
    out: dict[str, float | None] = {}
    for key, value in summary.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}."))
        elif value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            out[name] = value
    return out


def is_quality(name: str) -> bool:
    """Whether a flattened summary name is a higher-is-better quality metric."""
    if name.startswith(INFORMATIONAL_PREFIXES):
        return False
    base = name.removeprefix("macro.")
    return base in HEADLINE_KEYS or base.startswith("fields.")


def _order(name: str) -> tuple[int, int, str]:
    base = name.removeprefix("macro.")
    macro = int(name.startswith("macro."))
    if base in HEADLINE_KEYS:
        return (0, macro, f"{HEADLINE_KEYS.index(base):03d}")
    if base.startswith("fields."):
        return (1, macro, base)
    return (2, macro, name)


def diff_reports(old: dict[str, Any], new: dict[str, Any], *, tolerance: float = 0.0) -> ReportDiff:
    """Compare two reports; a quality metric falling by more than ``tolerance`` regresses."""
    a, b = flatten(old.get("summary", {})), flatten(new.get("summary", {}))
    metrics = []
    for name in sorted(set(a) | set(b), key=_order):
        va, vb = a.get(name), b.get(name)
        if va is None and vb is None:
            continue
        delta = vb - va if va is not None and vb is not None else None
        quality = is_quality(name)
        worse = delta if name.removeprefix("macro.") in LOWER_IS_BETTER else None
        if delta is not None and worse is None:
            worse = -delta
        regression = (
            quality
            and va is not None
            and (vb is None or (worse is not None and worse > tolerance + EPSILON))
        )
        metrics.append(MetricChange(name, va, vb, delta, quality, regression))
    notes = []
    if old.get("gold") != new.get("gold"):
        notes.append(f"gold differs: {old.get('gold')} vs {new.get('gold')}")
    if old.get("settings") != new.get("settings"):
        notes.append("matching settings differ; scores may not be comparable")
    return ReportDiff(tolerance, metrics, _document_changes(old, new), notes)


def _document_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    before = {d.get("doc_id"): d for d in old.get("documents") or [] if isinstance(d, dict)}
    after = {d.get("doc_id"): d for d in new.get("documents") or [] if isinstance(d, dict)}
    out = []
    for doc_id in sorted(k for k in set(before) | set(after) if k is not None):
        da, db = before.get(doc_id), after.get(doc_id)
        if da is None or db is None:
            out.append({"doc_id": doc_id, "change": "added" if da is None else "removed"})
            continue
        changes = {}
        for kind in RECORD_TYPES:
            fa = (da.get(kind) or {}).get("f1")
            fb = (db.get(kind) or {}).get("f1")
            if fa != fb:
                changes[f"{kind}_f1"] = {"old": fa, "new": fb}
        if changes:
            out.append({"doc_id": doc_id, "change": "changed", **changes})
    return out


def _delta_text(m: MetricChange) -> Text:
    if m.delta is None:
        return Text("lost" if m.new is None else "new", style="red" if m.regression else "")
    if abs(m.delta) <= EPSILON:
        return Text("=", style="dim")
    sign = "+" if m.delta > 0 else ""
    if not m.quality:
        return Text(f"{sign}{m.delta:.4g}", style="dim")
    better = m.delta < 0 if m.name.removeprefix("macro.") in LOWER_IS_BETTER else m.delta > 0
    return Text(f"{sign}{m.delta:.3f}", style="green" if better else "red")


def render_diff(diff: ReportDiff, console: Console, *, show_all: bool = False) -> None:
    """Write the comparison to ``console``: headline metrics and whatever changed."""
    table = Table(title=f"Changes (tolerance {diff.tolerance:g})", title_justify="left")
    for col in ("metric", "base", "new", "delta", ""):
        table.add_column(col, justify="left" if col in ("metric", "") else "right")
    for m in diff.metrics:
        changed = m.delta is None or abs(m.delta) > EPSILON
        headline = m.name in HEADLINE_KEYS
        if not (show_all or changed or headline):
            continue
        mark = Text("REGRESSION", style="bold red") if m.regression else Text("")
        table.add_row(m.name, fmt(m.old), fmt(m.new), _delta_text(m), mark)
    console.print(table)
    if diff.documents:
        docs = Table(title="Documents whose F1 changed", title_justify="left")
        docs.add_column("doc_id")
        docs.add_column("change")
        for d in diff.documents:
            detail = ", ".join(
                f"{k} {fmt(v['old'])} → {fmt(v['new'])}"
                for k, v in d.items()
                if isinstance(v, dict)
            )
            docs.add_row(str(d["doc_id"]), detail or d["change"])
        console.print(docs)
    for note in diff.notes:
        console.print(Text(f"note: {note}", style="yellow"))
    n = len(diff.regressions)
    console.print(
        Text(f"{n} regression(s)", style="bold red") if n else Text("no regressions", style="green")
    )
