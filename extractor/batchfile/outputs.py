"""Reading Batch API output lines: OpenAI's output and error files, vLLM's
`run_batch` output (errors in the same file), and `execute`'s.

A line is ``{"id", "custom_id", "response": {"status_code", "request_id",
"body"} | null, "error": {"code", "message"} | null}``. Lines come in any
order and may repeat; per custom id a success wins over an error, and the
first success over later ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import InputError

__all__ = ["OutputIndex", "is_success", "line_error"]


def is_success(line: dict[str, Any]) -> bool:
    response = line.get("response")
    return (
        not line.get("error")
        and isinstance(response, dict)
        and response.get("status_code") == 200
        and isinstance(response.get("body"), dict)
    )


def line_error(line: dict[str, Any]) -> str:
    """A one-line description of a failed output line."""
    error = line.get("error")
    if isinstance(error, dict) and (error.get("message") or error.get("code")):
        return f"{error.get('code') or 'error'}: {error.get('message') or ''}".strip()
    response = line.get("response") if isinstance(line.get("response"), dict) else {}
    body = response.get("body") if isinstance(response.get("body"), dict) else {}
    detail = body.get("error") if isinstance(body.get("error"), dict) else {}
    message = detail.get("message") or json.dumps(body)[:200]
    return f"HTTP {response.get('status_code')}: {message}"


@dataclass
class OutputIndex:
    """Where the best line of each custom id is: (file, byte offset)."""

    paths: list[Path] = field(default_factory=list)
    best: dict[str, tuple[int, int, bool]] = field(default_factory=dict)
    lines: int = 0
    unreadable: int = 0
    duplicates: int = 0

    @classmethod
    def build(cls, paths: Iterable[str | Path]) -> OutputIndex:
        index = cls()
        for path in paths:
            index.add(Path(path))
        return index

    def add(self, path: Path) -> None:
        if not path.is_file():
            raise InputError("no such output file", path=str(path))
        n = len(self.paths)
        self.paths.append(path)
        offset = 0
        with path.open("rb") as handle:
            for raw in handle:
                here, offset = offset, offset + len(raw)
                if not raw.strip():
                    continue
                self.lines += 1
                try:
                    line = json.loads(raw)
                    cid = line["custom_id"]
                    if not isinstance(cid, str):
                        raise TypeError("custom_id is not a string")
                except (ValueError, KeyError, TypeError):
                    self.unreadable += 1  # cannot be attributed to any request
                    continue
                ok = is_success(line)
                seen = self.best.get(cid)
                if seen is not None:
                    self.duplicates += 1
                    if seen[2] or not ok:
                        if not seen[2] and not ok:  # the later error replaces the earlier
                            self.best[cid] = (n, here, ok)
                        continue
                self.best[cid] = (n, here, ok)

    def get(self, custom_id: str) -> dict[str, Any] | None:
        found = self.best.get(custom_id)
        if found is None:
            return None
        n, offset, _ = found
        with self.paths[n].open("rb") as handle:
            handle.seek(offset)
            return json.loads(handle.readline())  # type: ignore[no-any-return]
