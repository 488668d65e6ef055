"""Shared test setup: every test runs isolated from the user's state.

- HOME and the cache folder point at a temp dir, and every EXTRACTOR_* and
  OPENAI_* variable is cleared, so no real configuration or key leaks in;
- the network is blocked by pytest-socket (see pyproject addopts) except
  loopback; model calls replay recorded cassettes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT / "seeds"
CASSETTES = ROOT / "evals" / "cassettes"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture(autouse=True)
def isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    for name in list(os.environ):
        if name.startswith(("EXTRACTOR_", "OPENAI_")):
            monkeypatch.delenv(name)
    yield


@pytest.fixture
def seed_text() -> dict[str, str]:
    return {doc: (SEEDS / f"{doc}.txt").read_text(encoding="utf-8") for doc in SEED_IDS}
