"""Progress reporting for batch runs: a live bar, plain lines, or nothing.

The runner only calls the `ProgressReporter` methods; the CLI picks the
reporter. On a terminal, a rich bar; when stderr is a pipe or a log file,
a plain line every ``interval_s`` seconds (and at the first document), so
``make demo | tee log`` shows the run moving without control sequences.

Both show the rate from the first finished document: documents per second,
or seconds per document when that reads better (a slow model at 0.02
docs/s is "50.0 s/doc", not "0.0 docs/s"), and an ETA from that rate.
Documents already done (skipped) count as done but not in the rate.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from rich.progress import TaskID

__all__ = [
    "NullProgress",
    "PlainProgress",
    "ProgressReporter",
    "RateClock",
    "RichProgress",
    "make_progress",
]


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


def _duration(seconds: float) -> str:
    whole = round(seconds)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s" if m else f"{s}s"


class RateClock:
    """Counts documents and tells rate and ETA from the first one on."""

    def __init__(self) -> None:
        self._now = time.perf_counter
        self.started = self._now()
        self.total: int | None = None
        self.done = 0
        self.worked = 0  # done by the model in this run (not skipped)
        self.failed = 0
        self.tokens = 0

    def start(self, total: int | None) -> None:
        self.started = self._now()
        self.total = total

    def count(self, outcome: str, tokens: int) -> None:
        self.done += 1
        self.worked += outcome != "skipped"
        self.failed += outcome == "failed"
        self.tokens += tokens

    @property
    def elapsed(self) -> float:
        return self._now() - self.started

    def rate(self) -> str:
        """``1.3 docs/s`` or ``12.5 s/doc``; ``-`` before the first document."""
        elapsed = self.elapsed
        if self.worked == 0 or elapsed <= 0:
            return "-"
        per_s = self.worked / elapsed
        return f"{per_s:.1f} docs/s" if per_s >= 1 else f"{elapsed / self.worked:.1f} s/doc"

    def eta(self) -> str:
        if self.total is None or self.worked == 0:
            return "?"
        left = max(0, self.total - self.done)
        return _duration(left * self.elapsed / self.worked)

    def line(self) -> str:
        of = f"/{self.total}" if self.total is not None else ""
        return (
            f"progress: {self.done}{of} documents, {self.failed} failed, {self.rate()}, "
            f"{self.tokens} tokens, {_duration(self.elapsed)} elapsed, ETA {self.eta()}"
        )


class PlainProgress:
    """A plain line on ``stream`` at the first document and every ``interval_s`` seconds."""

    def __init__(self, stream: TextIO | None = None, *, interval_s: float = 10.0) -> None:
        self._stream = stream or sys.stderr
        self._interval_s = interval_s
        self._clock = RateClock()
        self._last: float | None = None

    def start(self, total: int | None) -> None:
        self._clock.start(total)
        self._last = None

    def _emit(self) -> None:
        print(self._clock.line(), file=self._stream, flush=True)
        self._last = self._clock.elapsed

    def advance(self, outcome: str, tokens: int = 0) -> None:
        self._clock.count(outcome, tokens)
        if self._last is None or self._clock.elapsed - self._last >= self._interval_s:
            self._emit()

    def stop(self) -> None:
        if self._clock.done and self._last != self._clock.elapsed:
            self._emit()


class RichProgress:
    """A live bar: documents done of total, failures, rate, tokens, elapsed, ETA."""

    def __init__(self, stream: TextIO | None = None) -> None:
        from rich.console import Console  # rich loads only when a bar is shown
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._console = Console(file=stream or sys.stderr, stderr=stream is None)
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]extract"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"),
            TextColumn("{task.fields[rate]}"),
            TextColumn("{task.fields[tokens]} tokens"),
            TimeElapsedColumn(),
            TextColumn("ETA {task.fields[eta]}"),
            console=self._console,
            transient=False,
            refresh_per_second=4,
        )
        self._task: TaskID | None = None
        self._clock = RateClock()

    def start(self, total: int | None) -> None:
        self._clock.start(total)
        self._progress.start()
        self._task = self._progress.add_task(
            "extract", total=total, failed=0, rate="-", tokens=0, eta="?"
        )

    def advance(self, outcome: str, tokens: int = 0) -> None:
        if self._task is None:
            return
        self._clock.count(outcome, tokens)
        self._progress.update(
            self._task,
            advance=1,
            failed=self._clock.failed,
            rate=self._clock.rate(),
            tokens=self._clock.tokens,
            eta=self._clock.eta(),
        )

    def stop(self) -> None:
        if self._task is not None:
            # inputs may have held duplicates
            self._progress.update(self._task, total=self._clock.done, eta="0s")
            self._progress.stop()
            self._task = None


def make_progress(
    *, quiet: bool = False, stream: TextIO | None = None, interval_s: float = 10.0
) -> ProgressReporter:
    """A bar on a terminal, plain periodic lines elsewhere, nothing when ``quiet``."""
    target = stream or sys.stderr
    if quiet:
        return NullProgress()
    if target.isatty():
        return RichProgress(target)
    return PlainProgress(target, interval_s=interval_s)
