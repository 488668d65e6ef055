"""A run folder under review: its results, their texts, the reviews and their gold.

    RUN_DIR/results.jsonl          the run (read only)
    RUN_DIR/review/<doc_id>.json   the review state of each document touched
    RUN_DIR/reviewed/<doc_id>.json its gold file, rewritten on every save

Both files are written atomically (a temporary file, then a rename), state
first: a crash between the two leaves the state ahead, and the next save
writes the gold again. A save names the revision it started from; a save
from a tab that is behind is refused, so one tab never silently undoes
another.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.batch.store import read_results, write_json_atomic
from extractor.errors import InputError
from extractor.evaluation.score import RECORD_TYPES, score_document
from extractor.models import ExtractionResult, GoldAnnotation
from extractor.review.gold import reviewed_gold
from extractor.review.state import ReviewState, Status
from extractor.review.texts import find_text

REVIEW_DIR, REVIEWED_DIR = "review", "reviewed"


class ReviewConflict(Exception):
    """A save started from an older revision than the one on disk."""


class UnknownDocument(KeyError):
    """No result of that doc id in the run."""


@dataclass(frozen=True)
class DocumentView:
    """Everything the document page shows."""

    result: ExtractionResult
    text: str | None
    state: ReviewState
    gold: GoldAnnotation | None
    score: dict[str, Any] | None
    matches: dict[str, dict[str, Any]] | None


class ReviewStore:
    """The results of one run folder and their reviews."""

    def __init__(
        self,
        run_dir: str | Path,
        *,
        gold_dir: str | Path | None = None,
        texts: Mapping[str, str] | None = None,
        text_bases: list[Path] | None = None,
    ) -> None:
        self.run_dir = Path(run_dir)
        if not (self.run_dir / "results.jsonl").is_file():
            raise InputError("no results.jsonl: not a run folder", path=str(self.run_dir))
        self.gold_dir = Path(gold_dir) if gold_dir is not None else None
        self._given = texts
        self._bases = text_bases or [Path.cwd(), self.run_dir]
        self._lock = threading.Lock()
        self._results: dict[str, ExtractionResult] = {}
        self._texts: dict[str, str | None] = {}
        self.reload()

    def reload(self) -> None:
        """Read the run's results again (the latest line per document wins)."""
        self._results = {r.doc_id: r for r in read_results(self.run_dir / "results.jsonl")}

    @property
    def doc_ids(self) -> list[str]:
        return sorted(self._results)

    def result(self, doc_id: str) -> ExtractionResult:
        try:
            return self._results[doc_id]
        except KeyError:
            raise UnknownDocument(doc_id) from None

    def text(self, doc_id: str) -> str | None:
        if doc_id not in self._texts:
            r = self.result(doc_id)
            self._texts[doc_id] = find_text(
                r.source, r.text_sha256, bases=self._bases, given=self._given, doc_id=doc_id
            )
        return self._texts[doc_id]

    # -- files ---------------------------------------------------------------------
    def _state_path(self, doc_id: str) -> Path:
        return self.run_dir / REVIEW_DIR / f"{_safe(doc_id)}.json"

    def gold_path(self, doc_id: str) -> Path:
        return self.run_dir / REVIEWED_DIR / f"{_safe(doc_id)}.json"

    def state(self, doc_id: str) -> ReviewState:
        path = self._state_path(doc_id)
        if path.is_file():
            try:
                return ReviewState.model_validate_json(path.read_bytes())
            except (ValidationError, ValueError) as e:
                raise InputError(f"unreadable review state: {e}", path=str(path)) from e
        return ReviewState.start(self.result(doc_id))

    def gold(self, doc_id: str) -> GoldAnnotation | None:
        if self.gold_dir is None:
            return None
        path = self.gold_dir / f"{_safe(doc_id)}.json"
        if not path.is_file():
            return None
        try:
            return GoldAnnotation.model_validate_json(path.read_bytes())
        except (ValidationError, ValueError) as e:
            raise InputError(f"unreadable gold file: {e}", path=str(path)) from e

    def save(self, doc_id: str, incoming: ReviewState) -> ReviewState:
        """Write the state and its gold file; the incoming revision must be the current one."""
        result = self.result(doc_id)
        if incoming.doc_id != doc_id:
            raise InputError(f"the review is of {incoming.doc_id!r}, not {doc_id!r}")
        text = self.text(doc_id)
        if text is None:
            raise InputError("the article text was not found: nothing can be saved", path=doc_id)
        with self._lock:
            current = self.state(doc_id)
            if incoming.revision != current.revision:
                raise ReviewConflict(
                    f"{doc_id} was saved elsewhere (revision {current.revision}, this page "
                    f"has {incoming.revision}): reload it"
                )
            saved = incoming.model_copy(update={"revision": current.revision + 1})
            gold = reviewed_gold(result, saved, text)  # refuses bad evidence before writing
            for folder in (REVIEW_DIR, REVIEWED_DIR):
                (self.run_dir / folder).mkdir(exist_ok=True)
            write_json_atomic(self._state_path(doc_id), saved.model_dump(mode="json"))
            write_json_atomic(self.gold_path(doc_id), gold.model_dump(mode="json"))
        return saved

    # -- views ---------------------------------------------------------------------
    def _score(
        self, gold: GoldAnnotation | None, result: ExtractionResult, text: str | None
    ) -> Any:
        return score_document(gold, result, text=text) if gold is not None else None

    def summaries(self) -> list[dict[str, Any]]:
        """One row a document for the list page."""
        rows = []
        for doc_id in self.doc_ids:
            r = self.result(doc_id)
            state = self.state(doc_id)
            score = self._score(self.gold(doc_id), r, None)
            rows.append(
                {
                    "doc_id": doc_id,
                    "source": r.source,
                    "language": r.language,
                    "incidents": len(r.incidents),
                    "claims": sum(len(i.casualty_claims) for i in r.incidents),
                    "statements": len(r.statements),
                    "warnings": len(r.warnings),
                    "status": state.status.value,
                    "decisions": state.counts(),
                    "scores": _f1s(score) if score is not None else None,
                }
            )
        return rows

    def view(self, doc_id: str) -> DocumentView:
        r = self.result(doc_id)
        text = self.text(doc_id)
        gold = self.gold(doc_id)
        score = self._score(gold, r, text)
        matches = None
        if score is not None:
            matches = {
                kind: {
                    "pred_to_gold": score.alignments[kind].pred_to_gold(),
                    "unmatched_gold": list(score.alignments[kind].unmatched_gold),
                }
                for kind in RECORD_TYPES
                if kind in score.alignments
            }
        return DocumentView(
            r, text, self.state(doc_id), gold, _f1s(score) if score else None, matches
        )

    def status_counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Status}
        for doc_id in self.doc_ids:
            out[self.state(doc_id).status.value] += 1
        return out


def _f1s(score: Any) -> dict[str, Any]:
    return {kind: score.counts[kind].to_dict()["f1"] for kind in RECORD_TYPES}


def _safe(doc_id: str) -> str:
    """A doc id as a file name: path separators and leading dots are replaced."""
    name = doc_id.replace("/", "_").replace("\\", "_")
    return "_" + name[1:] if name.startswith(".") else name
