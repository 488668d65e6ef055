"""Pause Python's cyclic garbage collector while many small objects are built.

Loading and scoring create hundreds of thousands of small, acyclic objects
(pydantic models, feature records); each allocation burst triggers full
collections that rescan everything built so far, which made loading 10,000
documents several times slower. Reference counting still frees memory while
paused; the collector is restored (if it was on) when the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the duration of the block."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
