"""Progress reporting for batch runs: a rich bar on stderr, or nothing.

The runner only calls the `ProgressReporter` methods; the CLI picks the
reporter. The bar is shown only when stderr is a terminal and the user did not
ask for quiet, so logs and pipes never receive control sequences.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from rich.progress import TaskID

__all__ = ["NullProgress", "ProgressReporter", "RichProgress", "make_progress"]


class ProgressReporter(Protocol):
    def start(self, total: int | None) -> None: ...

    def advance(self, outcome: str, tokens: int = 0) -> None:
        """One document finished: ``outcome`` is ok, failed or skipped."""
        ...

    def stop(self) -> None: ...


class NullProgress:
    """Reports nothing."""

    def start(self, total: int | None) -> None:
        return None

    def advance(self, outcome: str, tokens: int = 0) -> None:
        return None

    def stop(self) -> None:
        return None


class RichProgress:
    """A live bar: documents done of total, failures, docs/s, tokens, ETA."""

    def __init__(self, stream: TextIO | None = None) -> None:
        from rich.console import Console  # rich loads only when a bar is shown
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._console = Console(file=stream or sys.stderr, stderr=stream is None)
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]extract"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"),
            TextColumn("{task.fields[rate]} docs/s"),
            TextColumn("{task.fields[tokens]} tokens"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self._console,
            transient=False,
            refresh_per_second=4,
        )
        self._task: TaskID | None = None
        self._failed = 0
        self._tokens = 0
        self._done = 0

    def start(self, total: int | None) -> None:
        self._progress.start()
        self._task = self._progress.add_task("extract", total=total, failed=0, rate="0.0", tokens=0)

    def advance(self, outcome: str, tokens: int = 0) -> None:
        if self._task is None:
            return
        self._done += 1
        self._failed += outcome == "failed"
        self._tokens += tokens
        task = self._progress.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = f"{self._done / elapsed:.1f}" if elapsed > 0 else "0.0"
        self._progress.update(
            self._task, advance=1, failed=self._failed, rate=rate, tokens=self._tokens
        )

    def stop(self) -> None:
        if self._task is not None:
            self._progress.update(self._task, total=self._done)  # inputs may have held duplicates
            self._progress.stop()
            self._task = None


def make_progress(*, quiet: bool = False, stream: TextIO | None = None) -> ProgressReporter:
    """A bar on ``stream`` (stderr) when it is a terminal and not ``quiet``."""
    target = stream or sys.stderr
    if quiet or not target.isatty():
        return NullProgress()
    return RichProgress(target)
