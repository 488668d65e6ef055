"""A self-contained HTML page of an eval run, for a person to read.

The page holds the summary tables, then per document the gold and predicted
records side by side (aligned pairs on one row, values that differ from gold
marked) and the article text with the evidence spans highlighted: gold, predicted,
or both. Styles are inline; the page loads nothing from anywhere; every piece
of text is escaped.
"""

from __future__ import annotations

from html import escape
from itertools import pairwise
from typing import Any

from extractor.evaluation.evaluate import EvalReport
from extractor.evaluation.grounding import claim_label, iter_evidence
from extractor.evaluation.report import fmt
from extractor.evaluation.score import RECORD_TYPES, DocumentScore
from extractor.evaluation.texts import TextResolver
from extractor.models import DateSpec, DocumentRecords, Evidence, Incident, Statement

Lines = list[tuple[str, str]]

CSS = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222;max-width:1400px}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.good{color:#17702a}.fair{color:#9a6a00}.poor{color:#b3261e}
.rec dt{font-weight:600;float:left;clear:left;margin-right:.4rem;color:#555}
.rec dd{margin:0 0 .1rem 0}.rec .diff{background:#ffe1e1}
.missing{color:#999;font-style:italic}
pre.text{white-space:pre-wrap;font-family:Georgia,serif;line-height:1.5;
 background:#fafafa;border:1px solid #ddd;padding:1rem}
mark.g{background:#c8efc4}mark.p{background:#cddcff}mark.gp{background:#f4dd8a}
.badge{font-size:.8em;padding:0 .3rem;border-radius:.2rem;background:#eee}
section.doc{border-top:2px solid #888;margin-top:2rem}
"""


def _cls(value: float | None) -> str:
    if value is None:
        return ""
    return "good" if value >= 0.999 else "fair" if value >= 0.7 else "poor"


def _num(value: Any, digits: int = 3, *, score: bool = False) -> str:
    """A number cell; only a 0-1 score where higher is better gets a colour."""
    cls = _cls(value) if score and isinstance(value, float) else ""
    shown = "unknown" if value is None else fmt(value, digits)
    return f'<td class="n {cls}">{escape(shown)}</td>'


def _date(d: DateSpec | None) -> str:
    if d is None or (d.start is None and d.end is None and not d.text):
        return ""
    span = f"{d.start or '?'}..{d.end or '?'}" if d.end != d.start else f"{d.start}"
    return f"{span} ({d.precision}) {d.text or ''}".strip()


def _actor(a: Any) -> str:
    if a is None:
        return ""
    parts = [
        a.name or a.text or "",
        a.role or "",
        a.organisation or "",
        str(a.kind),
        a.country or "",
    ]
    return " / ".join(p for p in parts if p)


def _evidence(evidence: list[Evidence]) -> str:
    return " | ".join(
        f"[{e.alignment}{'' if e.char_start is None else f' {e.char_start}-{e.char_end}'}] "
        f"{e.quote}"
        for e in evidence
    )


def _incident_lines(i: Incident) -> Lines:
    loc = i.location
    return [
        ("id", i.id),
        ("event", f"{i.event_type or 'unknown'} ({i.status or 'unknown'})"),
        ("date", _date(i.date)),
        (
            "place",
            " / ".join(
                str(x) for x in (loc.name or loc.text, loc.admin1, loc.country, loc.precision) if x
            ),
        ),
        ("by", "; ".join(f"{_actor(p)} ({p.attribution})" for p in i.perpetrators)),
        ("targets", "; ".join(i.targets)),
        ("weapons", "; ".join(i.weapons)),
        ("evidence", _evidence(i.evidence)),
    ]


def _figure(c: Any) -> str:
    if c.max is None:
        return f"{c.min}+" if c.min is not None else "?"
    return f"{c.min}" if c.min == c.max else f"{c.min}-{c.max}"


def _claim_lines(inc: Incident, k: int) -> Lines:
    c = inc.casualty_claims[k]
    return [
        ("id", claim_label(inc.id, k)),
        (
            "figure",
            f"{_figure(c)} {c.population or 'unknown'} {c.outcome or 'unknown'} "
            f"({c.qualifier or 'unknown'})",
        ),
        ("claimant", _actor(c.claimant)),
        ("as written", c.text),
        ("evidence", _evidence(c.evidence)),
    ]


def _statement_lines(s: Statement) -> Lines:
    return [
        ("id", s.id),
        ("type", str(s.type)),
        ("speaker", _actor(s.speaker)),
        ("content", s.content),
        ("quote", s.quote or ""),
        ("about", ", ".join(s.about)),
        ("date", _date(s.date)),
        ("evidence", _evidence(s.evidence)),
    ]


def _record_lines(doc: DocumentRecords | None) -> dict[str, list[Lines]]:
    if doc is None:
        return {kind: [] for kind in RECORD_TYPES}
    return {
        "incident": [_incident_lines(i) for i in doc.incidents],
        "claim": [
            _claim_lines(inc, k) for inc in doc.incidents for k in range(len(inc.casualty_claims))
        ],
        "statement": [_statement_lines(s) for s in doc.statements],
    }


def _cell(lines: Lines | None, other: Lines | None = None) -> str:
    if lines is None:
        return '<td class="missing">none</td>'
    ref = dict(other) if other is not None else None
    rows = []
    for key, value in lines:
        if not value and not (ref and ref.get(key)):
            continue
        diff = ref is not None and key not in ("id", "evidence") and ref.get(key) != value
        cls = ' class="diff"' if diff else ""
        rows.append(f"<dt>{escape(key)}</dt><dd{cls}>{escape(value or '(none)')}</dd>")
    return f'<td><dl class="rec">{"".join(rows)}</dl></td>'


def _aligned_rows(score: DocumentScore, kind: str, gold: list[Lines], pred: list[Lines]) -> str:
    """Lenient pairs (and leftovers), each marked with whether it also matches strictly."""
    al = score.lenient_alignments.get(kind) or score.alignments[kind]
    strict = {(p, g) for p, g, _ in score.alignments[kind].pairs}
    rows = [(g, p, s) for p, g, s in al.pairs]
    rows += [(g, None, None) for g in al.unmatched_gold]
    rows.sort(key=lambda r: r[0])
    rows += [(None, p, None) for p in al.unmatched_pred]
    out = []
    for g, p, s in rows:
        g_lines = gold[g] if g is not None else None
        p_lines = pred[p] if p is not None else None
        if s is None:
            verdict = '<td class="missing">unmatched</td><td class="missing">–</td>'
        elif (p, g) in strict:
            verdict = f'{_num(s, 2)}<td class="good">yes</td>'
        else:
            verdict = f'{_num(s, 2)}<td class="poor">no</td>'
        out.append(f"<tr>{_cell(g_lines)}{_cell(p_lines, g_lines)}{verdict}</tr>")
    return "".join(out)


def _spans(doc: DocumentRecords | None, side: str, length: int) -> list[tuple[int, int, str, str]]:
    out = []
    if doc is None:
        return out
    for label, e in iter_evidence(doc):
        s, t = e.char_start, e.char_end
        if s is not None and t is not None and 0 <= s < t <= length:
            out.append((s, t, side, label))
    return out


def highlight(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """Escaped text with ``<mark>`` around spans; side "g", "p" or both ("gp")."""
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(t for _, t, _, _ in spans)})
    out = []
    for a, b in pairwise(cuts):
        cover = [sp for sp in spans if sp[0] <= a and b <= sp[1]]
        chunk = escape(text[a:b])
        if not cover:
            out.append(chunk)
            continue
        sides = "".join(sorted({sp[2] for sp in cover}))
        title = "; ".join(f"{'gold' if sp[2] == 'g' else 'pred'} {sp[3]}" for sp in cover)
        out.append(f'<mark class="{sides}" title="{escape(title)}">{chunk}</mark>')
    return "".join(out)


def _summary_html(summary: dict[str, Any]) -> str:
    macro = summary.get("macro", {})
    counts = summary.get("counts", {})
    rows = []
    for kind in RECORD_TYPES:
        for matching, suffix, c in (
            ("strict", "", counts.get(kind, {})),
            ("lenient", "_lenient", counts.get("lenient", {}).get(kind, {})),
        ):
            rows.append(
                f"<tr><th>{kind}</th><td>{matching}</td>{_num(c.get('gold'))}"
                f"{_num(c.get('pred'))}{_num(c.get('matched'))}"
                + "".join(
                    _num(summary.get(f"{kind}_{m}{suffix}"), score=True)
                    for m in ("precision", "recall", "f1")
                )
                + f"{_num(macro.get(f'{kind}_f1{suffix}'), score=True)}</tr>"
            )
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "type",
            "matching",
            "gold",
            "pred",
            "matched",
            "precision",
            "recall",
            "F1",
            "macro F1",
        )
    )
    tokens, latency = summary.get("tokens") or {}, summary.get("latency") or {}
    scores = [
        ("exact figures (strict)", summary.get("claim_figure_exact_rate")),
        ("exact figures (lenient)", summary.get("claim_figure_exact_rate_lenient")),
        ("field accuracy", summary.get("field_accuracy")),
        ("grounding rate (verified)", summary.get("grounding_rate")),
        ("gold grounding rate", summary.get("gold_grounding_rate")),
        ("schema validity", summary.get("validity_rate")),
        ("record validity", summary.get("record_validity_rate")),
    ]
    other = [
        ("figure MAE (strict)", summary.get("claim_figure_mae")),
        ("figure MAE (lenient)", summary.get("claim_figure_mae_lenient")),
        ("evidence spans", summary.get("evidence_spans")),
        ("ungrounded spans", summary.get("ungrounded_spans")),
        ("documents without text", summary.get("documents_without_text")),
        ("tokens", tokens.get("total")),
        ("latency total (s)", latency.get("total_s")),
        ("latency mean (s)", latency.get("mean_s")),
        ("documents", summary.get("documents")),
        ("without prediction", summary.get("documents_missing")),
    ]
    fields = "".join(
        f"<tr><th>{escape(k)}</th>{_num(v, score=True)}</tr>"
        for k, v in summary.get("fields", {}).items()
    )
    return (
        f"<table><tr>{head}</tr>{''.join(rows)}</table><table>"
        + "".join(f"<tr><th>{escape(k)}</th>{_num(v, score=True)}</tr>" for k, v in scores)
        + "".join(f"<tr><th>{escape(k)}</th>{_num(v)}</tr>" for k, v in other)
        + f"</table><details><summary>Field accuracy</summary><table>{fields}</table></details>"
    )


def _ungrounded_html(score: DocumentScore) -> str:
    rows = [("pred", u) for u in score.grounding.ungrounded] + [
        ("gold", u) for u in score.gold_grounding.ungrounded
    ]
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{side}</td><td>{escape(u.record)}</td>"
        f"<td>{escape(fmt(u.char_start))}-{escape(fmt(u.char_end))}</td>"
        f"<td>{escape(u.reason)}</td><td>{escape(u.quote)}</td></tr>"
        for side, u in rows
    )
    return (
        "<h3>ungrounded evidence</h3><table><tr><th>side</th><th>record</th><th>offsets</th>"
        f"<th>reason</th><th>quote</th></tr>{body}</table>"
    )


def _document_html(report: EvalReport, score: DocumentScore, texts: TextResolver) -> str:
    gold = report.gold.documents[score.doc_id].records
    entry = report.pred.documents.get(score.doc_id)
    pred = entry.records if entry is not None else None
    g_lines, p_lines = _record_lines(gold), _record_lines(pred)
    anchor = escape(f"doc-{score.doc_id}")
    parts = [f'<section class="doc" id="{anchor}"><h2>{escape(score.doc_id)}</h2>']
    metrics = "".join(
        f"<th>{kind} F1 strict / lenient</th>"
        f"{_num(score.counts[kind].to_dict()['f1'], score=True)}"
        f"{_num(score.lenient_counts[kind].to_dict()['f1'], score=True)}"
        for kind in RECORD_TYPES
        if kind in score.lenient_counts
    )
    parts.append(
        f"<table><tr>{metrics}<th>grounding</th>"
        f"{_num(score.grounding_rate, score=True)}</tr></table>"
    )
    parts.extend(f'<p class="poor">{escape(issue)}</p>' for issue in score.issues)
    for kind in RECORD_TYPES:
        body = _aligned_rows(score, kind, g_lines[kind], p_lines[kind])
        if body:
            parts.append(
                f"<h3>{kind}s</h3><table><tr><th>gold</th><th>predicted</th>"
                f"<th>similarity</th><th>strict match</th></tr>{body}</table>"
            )
    parts.append(_ungrounded_html(score))
    text = texts.text(gold)
    if text is None:
        parts.append(f'<p class="missing">source text not found ({escape(gold.source)})</p>')
    else:
        spans = _spans(gold, "g", len(text)) + _spans(pred, "p", len(text))
        parts.append(
            '<h3>text</h3><p><mark class="g">gold</mark> <mark class="p">predicted</mark> '
            f'<mark class="gp">both</mark></p><pre class="text">{highlight(text, spans)}</pre>'
        )
    parts.append("</section>")
    return "".join(parts)


def render_html(report: EvalReport, texts: TextResolver | None = None) -> str:
    """The whole page as one string."""
    texts = texts or TextResolver()
    index = "".join(
        f'<li><a href="#{escape(f"doc-{s.doc_id}")}">{escape(s.doc_id)}</a></li>'
        for s in report.documents
    )
    issues = "".join(f"<li>{escape(i)}</li>" for i in report.issues)
    docs = "".join(_document_html(report, s, texts) for s in report.documents)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Eval report</title><style>{CSS}</style></head><body>"
        f"<h1>Eval report</h1><p>gold <code>{escape(report.gold.path)}</code>, "
        f"predictions <code>{escape(report.pred.path)}</code></p>"
        f"{_summary_html(report.summary)}"
        + (f"<details><summary>Issues</summary><ul>{issues}</ul></details>" if issues else "")
        + f"<h2>Documents</h2><ul>{index}</ul>{docs}</body></html>"
    )
