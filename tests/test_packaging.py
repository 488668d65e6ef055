"""The package builds without setuptools warnings and ships its data files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

setuptools = pytest.importorskip("setuptools")


def test_building_the_package_raises_no_setuptools_warning(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    done = subprocess.run(
        [sys.executable, "-W", "error::Warning", "setup.py", "-q",
         "egg_info", "--egg-base", str(tmp_path), "build_py", "--build-lib", str(lib)],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert (lib / "extractor" / "data" / "places.json").is_file()
    assert (lib / "extractor" / "prompts" / "system.j2").is_file()
