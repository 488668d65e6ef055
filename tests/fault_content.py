"""Reply bodies for the fault server: valid drafts and schema-breaking JSON.

For the pipeline's draft model (``incidents``/``statements``) a valid reply is a
small realistic draft whose evidence is a sentence copied from the request, so
grounding finds it in the article; for any other response schema it is the
smallest instance of that schema.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "minimal_instance",
    "request_schema",
    "schema_breaking",
    "unknown_keys",
    "valid_content",
]

_SENTENCE = re.compile(r"[^.!?\n]{20,400}[.!?]")


def _pick_sentence(messages: list[dict[str, Any]]) -> str:
    """A sentence of the last user message (where the article is), verbatim."""
    for message in reversed(messages):
        if message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, list):
            content = " ".join(p.get("text", "") for p in content if isinstance(p, dict))
        if isinstance(content, str):
            found = [m.group(0).strip() for m in _SENTENCE.finditer(content)]
            if found:
                return max(found[:50], key=len)
    return "An airstrike hit the town on Thursday."


def _draft_content(sentence: str) -> dict[str, Any]:
    return {
        "incidents": [
            {
                "evidence": [sentence],
                "event_type": "airstrike",
                "status": "reported",
                "date": "on Thursday",
                "location": "Raqqa",
                "perpetrators": ["Russian military"],
                "attribution": "stated",
                "targets": ["market"],
                "weapons": [],
                "casualties": [
                    {
                        "source": "Syrian Observatory for Human Rights",
                        "figure": "at least 20 civilians",
                        "outcome": "killed",
                        "evidence": sentence,
                    }
                ],
            }
        ],
        "statements": [
            {
                "evidence": sentence,
                "speaker": "Syrian Observatory for Human Rights",
                "speaker_role": "",
                "type": "claim",
                "content": "The monitor reported the death toll of the strike.",
                "quote": "",
                "incident": 1,
            }
        ],
    }


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        node: Any = root
        for part in ref[2:].split("/"):
            node = node.get(part, {})
        return _resolve(node, root)
    return schema


def minimal_instance(schema: dict[str, Any], root: dict[str, Any] | None = None) -> Any:
    """The smallest value valid for a (pydantic-style) JSON schema."""
    root = root or schema
    schema = _resolve(schema, root)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    for key in ("anyOf", "oneOf", "allOf"):
        if schema.get(key):
            options = [_resolve(s, root) for s in schema[key]]
            non_null = [s for s in options if s.get("type") != "null"]
            return minimal_instance((non_null or options)[0], root)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {name: minimal_instance(props[name], root) for name in schema.get("required", [])}
    return {
        "array": [],
        "string": "text",
        "integer": max(0, int(schema.get("minimum", 0))),
        "number": 0.0,
        "boolean": False,
        "null": None,
    }.get(kind)


def schema_breaking(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """An object whose every declared field has a wrong type."""
    props = _resolve(schema, root).get("properties", {}) or {"incidents": {}, "statements": {}}
    return {name: 12345 if i % 2 == 0 else {"wrong": "type"} for i, name in enumerate(props)}


def unknown_keys(valid: dict[str, Any]) -> dict[str, Any]:
    """The same content under keys the schema does not have (wrapped, renamed)."""
    return {"result": valid, **{f"{k}_list": v for k, v in valid.items()}, "note": "done"}


def request_schema(body: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The response schema of a request and, in tools mode, the tool name."""
    tools = body.get("tools")
    if tools:
        fn = tools[0].get("function", {})
        return fn.get("parameters") or {}, fn.get("name") or "response"
    fmt = body.get("response_format") or {}
    js = fmt.get("json_schema") or {}
    return js.get("schema") or {}, None


def valid_content(body: dict[str, Any]) -> dict[str, Any]:
    """A JSON object valid for the response schema of the request."""
    schema, _ = request_schema(body)
    props = schema.get("properties", {}) if schema else {}
    if not schema or {"incidents", "statements"} <= set(props):
        return _draft_content(_pick_sentence(body.get("messages") or []))
    return minimal_instance(schema)
