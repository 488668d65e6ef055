"""Author and check gold annotations (``seeds/annotations``, ``evals/devset/annotations``).

A gold file may be written as a compact draft: evidence objects need only their
``quote`` (plus an optional 0-based ``occurrence`` when the quote appears more
than once in the text), and any field left out takes the model default.
The text is read from the gold's ``source`` path (relative to the repository
root), else from beside the annotations folder, else from ``seeds/``.
``fill`` locates every evidence quote in the text by exact search, sets
``char_start``/``char_end``/``alignment``, computes ``text_sha256``, validates
the result as a :class:`~extractor.models.GoldAnnotation`, runs the consistency
checks and rewrites the file in the canonical form (every field, indent 2).
Filling an already filled file is a no-op. ``check`` runs the same checks
without writing.

Usage::

    python tools/gold.py fill seeds/annotations/000_7ea8c643e84d13f7.json
    python tools/gold.py check seeds/annotations/*.json
    python tools/gold.py check evals/devset/annotations/*.json
    python tools/gold.py resolve 2016-08-12 Thursday

Exit status: 0 when every file is good, 1 when a file has problems, 2 on usage
errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

try:
    from extractor.grounding.align import occurrences
    from extractor.models import GoldAnnotation
except ImportError:  # running from a checkout without the package installed
    sys.path.insert(0, str(ROOT))
    from extractor.grounding.align import occurrences
    from extractor.models import GoldAnnotation

SEEDS_HELP = "folder of the texts (default: the gold's source path, else beside annotations/)"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class GoldError(Exception):
    """A problem in a gold file, reported to the author."""


def seed_text(path: Path) -> str:
    """The text exactly as offsets index it: the file's bytes decoded as UTF-8."""
    return path.read_bytes().decode("utf-8")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def align(text: str, evidence: dict[str, Any], where: str) -> dict[str, Any]:
    """Evidence with exact offsets, located by search unless they already fit."""
    quote = evidence.get("quote")
    if not isinstance(quote, str) or not quote:
        raise GoldError(f"{where}: evidence without a quote")
    occurrence = evidence.get("occurrence")
    start = evidence.get("char_start")
    fixed = {k: v for k, v in evidence.items() if k != "occurrence"}
    if occurrence is None and isinstance(start, int) and text[start : start + len(quote)] == quote:
        begin = start
    else:
        starts = occurrences(text, quote)
        if not starts:
            raise GoldError(f"{where}: quote not found in the text: {quote!r}")
        if occurrence is not None:
            if not isinstance(occurrence, int) or not 0 <= occurrence < len(starts):
                raise GoldError(
                    f"{where}: occurrence {occurrence!r} out of range, "
                    f"{len(starts)} occurrence(s) of {quote!r}"
                )
            begin = starts[occurrence]
        elif len(starts) > 1:
            lines = ", ".join(str(line_of(text, s)) for s in starts)
            raise GoldError(
                f"{where}: quote {quote!r} is ambiguous ({len(starts)} occurrences, "
                f'lines {lines}); add an "occurrence" index'
            )
        else:
            begin = starts[0]
    fixed.update(char_start=begin, char_end=begin + len(quote), alignment="exact", score=None)
    return fixed


def evidence_slots(node: Any, path: str = "") -> Iterator[tuple[Any, str | int, str]]:
    """Every evidence object of a gold document: (container, key, path)."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}" if path else key
            if key == "evidence":
                if isinstance(value, dict):
                    yield node, key, here
                elif isinstance(value, list):
                    for i, item in enumerate(value):
                        if isinstance(item, dict):
                            yield value, i, f"{here}[{i}]"
            else:
                yield from evidence_slots(value, here)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from evidence_slots(item, f"{path}[{i}]")


def record_label(data: dict[str, Any], path: str) -> str:
    """A readable location for messages: the record id in front of the path."""
    head = path.split(".", 1)[0]
    if "[" in head:
        kind, idx = head[:-1].split("[")
        records = data.get(kind)
        if isinstance(records, list) and int(idx) < len(records):
            rid = records[int(idx)].get("id", "?")
            return f"{rid} {path}"
    return path


def fill(draft: dict[str, Any], text: str) -> dict[str, Any]:
    """Fill the offsets of every evidence object of ``draft`` (changed in place)."""
    problems: list[str] = []
    for container, key, path in list(evidence_slots(draft)):
        try:
            container[key] = align(text, container[key], record_label(draft, path))
        except GoldError as e:
            problems.append(str(e))
    if problems:
        raise GoldError("\n".join(problems))
    return draft


def consistency_problems(gold: GoldAnnotation, text: str, sha256: str) -> list[str]:
    """What the tests check beyond the model: hashes, offsets, ids, links, figures."""
    problems: list[str] = []
    if gold.text_sha256 != sha256:
        problems.append("text_sha256 does not match the text file")
    data = gold.model_dump(mode="json")
    for container, key, path in evidence_slots(data):
        ev = container[key]
        where = record_label(data, path)
        if ev["alignment"] != "exact":
            problems.append(f"{where}: alignment is {ev['alignment']!r}, gold needs 'exact'")
        start, end = ev["char_start"], ev["char_end"]
        if start is None or end is None or text[start:end] != ev["quote"]:
            problems.append(f"{where}: offsets do not show the quote {ev['quote']!r}")
    for kind, records in (("incident", gold.incidents), ("statement", gold.statements)):
        ids = [r.id for r in records]
        for rid in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(f"duplicate {kind} id {rid}")
    incident_ids = {i.id for i in gold.incidents}
    for st in gold.statements:
        for ref in st.about:
            if ref not in incident_ids:
                problems.append(f"{st.id}: about names unknown incident {ref}")
        if st.quote is not None and st.quote not in text:
            problems.append(f"{st.id}: quote is not verbatim in the text: {st.quote!r}")
    for inc in gold.incidents:
        for n, claim in enumerate(inc.casualty_claims):
            if claim.min is not None and claim.max is not None and claim.min > claim.max:
                problems.append(f"{inc.id} claim {n}: min {claim.min} > max {claim.max}")
    return problems


def text_for(path: Path, data: dict[str, Any], seeds: Path | None) -> tuple[str, Path, str]:
    """The document id, its text file and the ``source`` the gold file records.

    The text is found, in this order: in ``seeds`` when that folder is given
    (``--seeds``); at the gold's own ``source`` path, relative to the repository
    root; beside the annotations folder (``<set>/annotations/<doc_id>.json``
    reads ``<set>/<doc_id>.txt``); in ``seeds/``.
    """
    doc_id = data.get("doc_id") or path.stem
    if doc_id != path.stem:
        raise GoldError(f"doc_id {doc_id!r} does not match the file name {path.name!r}")
    candidates: list[Path] = []
    if seeds is not None:
        candidates.append(seeds / f"{doc_id}.txt")
    else:
        source = data.get("source")
        if isinstance(source, str) and source:
            candidates.append(ROOT / source)
        candidates += [path.resolve().parent.parent / f"{doc_id}.txt", SEEDS / f"{doc_id}.txt"]
    for text_path in candidates:
        if text_path.is_file():
            return doc_id, text_path, _repo_relative(text_path)
    tried = ", ".join(str(c) for c in candidates)
    raise GoldError(f"no text for {doc_id!r} (tried {tried})")


def _repo_relative(path: Path) -> str:
    """``path`` relative to the repository root, as gold ``source`` fields are written."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def build(path: Path, seeds: Path | None = None) -> GoldAnnotation:
    """Read a draft or gold file and return it filled and validated."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise GoldError("a gold file holds one JSON object")
    doc_id, text_path, source = text_for(path, data, seeds)
    text = seed_text(text_path)
    data["doc_id"] = doc_id
    data["source"] = source
    data["text_sha256"] = sha256_of(text_path)
    gold = GoldAnnotation.model_validate(fill(data, text))
    problems = consistency_problems(gold, text, data["text_sha256"])
    if problems:
        raise GoldError("\n".join(problems))
    return gold


def dump(gold: GoldAnnotation) -> str:
    payload = gold.model_dump(mode="json", exclude_none=False)
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def resolve_weekday(published: dt.date, weekday: str) -> dt.date:
    """The most recent ``weekday`` not after ``published`` (the guideline's rule)."""
    target = WEEKDAYS.index(weekday.strip().lower())
    return published - dt.timedelta(days=(published.weekday() - target) % 7)


def _summary(gold: GoldAnnotation) -> str:
    claims = sum(len(i.casualty_claims) for i in gold.incidents)
    return (
        f"{len(gold.incidents)} incidents, {claims} casualty claims, "
        f"{len(gold.statements)} statements"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gold", description=(__doc__ or "").split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_fill = sub.add_parser("fill", help="fill offsets and hashes, validate, rewrite")
    p_fill.add_argument("paths", nargs="+", type=Path)
    p_fill.add_argument("--seeds", type=Path, default=None, help=SEEDS_HELP)
    p_fill.add_argument("--dry-run", action="store_true", help="validate, do not write")
    p_check = sub.add_parser("check", help="validate gold files without writing")
    p_check.add_argument("paths", nargs="+", type=Path)
    p_check.add_argument("--seeds", type=Path, default=None, help=SEEDS_HELP)
    p_res = sub.add_parser("resolve", help="resolve a weekday against a publication date")
    p_res.add_argument("published", type=dt.date.fromisoformat)
    p_res.add_argument("weekday", choices=WEEKDAYS, type=str.lower)
    args = parser.parse_args(argv)

    if args.command == "resolve":
        print(resolve_weekday(args.published, args.weekday).isoformat())
        return 0

    status = 0
    for path in args.paths:
        try:
            gold = build(path, args.seeds)
        except (GoldError, ValueError, OSError) as e:
            print(f"{path}: problems:\n{e}", file=sys.stderr)
            status = 1
            continue
        if args.command == "fill" and not args.dry_run:
            text = dump(gold)
            if path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            print(f"{path}: written ({_summary(gold)})", file=sys.stderr)
        else:
            print(f"{path}: ok ({_summary(gold)})", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
