"""Reading request bodies into documents, with errors that name the document.

Every problem becomes a `Problem` (document index, id, field, message), and a
request with any problem is answered 422 listing them all, never 500.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from extractor.errors import InputError
from extractor.pipeline import published_spec
from extractor.service.schemas import DocumentIn, Problem

__all__ = [
    "RequestProblems",
    "check_document",
    "parse_job_body",
    "problems_from_validation",
]


class RequestProblems(Exception):
    """A request body that cannot be used, with everything wrong in it."""

    def __init__(self, problems: Sequence[Problem], status_code: int = 422) -> None:
        self.problems = list(problems)
        self.status_code = status_code
        super().__init__(describe(self.problems))


def _where(index: int | None, doc_id: str | None) -> str:
    if index is None:
        return f"document {doc_id!r}" if doc_id else "the document"
    return f"document {index}" + (f" (id {doc_id!r})" if doc_id else "")


def describe(problems: Sequence[Problem]) -> str:
    """One line for the first problems: 'document 3 (id 'x'): text: empty text; ...'."""
    parts = []
    for p in problems[:5]:
        field = f"{p.field}: " if p.field else ""
        parts.append(f"{_where(p.document, p.id)}: {field}{p.message}")
    more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
    return "; ".join(parts) + more


def _raw_id(obj: Any) -> str | None:
    if isinstance(obj, dict) and isinstance(obj.get("id"), str | int) and str(obj["id"]).strip():
        return str(obj["id"]).strip()
    return None


def problems_from_validation(
    error: ValidationError, index: int | None, doc_id: str | None, skip_loc: int = 0
) -> list[Problem]:
    out = []
    for item in error.errors(include_url=False):
        loc = [str(x) for x in item["loc"][skip_loc:]]
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        elif item["type"] == "missing":
            message = "missing"
        out.append(Problem(document=index, id=doc_id, field=".".join(loc) or None, message=message))
    return out


def check_document(
    doc: DocumentIn, index: int | None, max_text_chars: int, *, size_status: int = 422
) -> None:
    """Checks beyond the model's: the size limit and a readable publication date."""
    if len(doc.text) > max_text_chars:
        raise RequestProblems(
            [
                Problem(
                    document=index,
                    id=doc.id,
                    field="text",
                    message=f"{len(doc.text)} characters, over the limit of {max_text_chars}",
                )
            ],
            status_code=size_status,
        )
    if doc.published:
        try:
            published_spec(doc.published, doc.text)
        except InputError as e:
            problem = Problem(document=index, id=doc.id, field="published", message=str(e))
            raise RequestProblems([problem]) from e


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        problem = Problem(message=f"body is not UTF-8 (byte 0x{body[e.start]:02x} at {e.start})")
        raise RequestProblems([problem]) from e


def _records(text: str) -> list[tuple[int, Any, str | None]]:
    """(index, JSON value or None, parse error) for a JSON array or a JSONL body."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            value = json.loads(text)
        except ValueError as e:
            raise RequestProblems([Problem(message=f"body is not valid JSON: {e}")]) from e
        return [(i, v, None) for i, v in enumerate(value)]
    out: list[tuple[int, Any, str | None]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            out.append((len(out), json.loads(line), None))
        except ValueError as e:
            out.append((len(out), None, f"line is not valid JSON: {e}"))
    return out


def parse_job_body(body: bytes, *, max_documents: int, max_text_chars: int) -> list[DocumentIn]:
    """The documents of a job body (a JSON array or JSONL), or every problem in it."""
    records = _records(_decode(body))
    if not records:
        raise RequestProblems([Problem(message="no documents in the body")])
    if len(records) > max_documents:
        raise RequestProblems(
            [Problem(message=f"{len(records)} documents, over the limit of {max_documents}")],
            status_code=413,
        )
    problems: list[Problem] = []
    docs: list[DocumentIn] = []
    seen: dict[str, int] = {}
    for index, obj, parse_error in records:
        if parse_error is not None:
            problems.append(Problem(document=index, message=parse_error))
            continue
        doc_id = _raw_id(obj)
        if not isinstance(obj, dict):
            problems.append(
                Problem(document=index, message="expected a JSON object with a 'text' field")
            )
            continue
        try:
            doc = DocumentIn.model_validate(obj)
            check_document(doc, index, max_text_chars)
        except ValidationError as e:
            problems.extend(problems_from_validation(e, index, doc_id))
            continue
        except RequestProblems as e:
            problems.extend(e.problems)
            continue
        if doc.id is not None:
            if doc.id in seen:
                problems.append(
                    Problem(
                        document=index,
                        id=doc.id,
                        field="id",
                        message=f"repeats the id of document {seen[doc.id]}",
                    )
                )
                continue
            seen[doc.id] = index
        docs.append(doc)
    if problems:
        raise RequestProblems(problems)
    return docs
