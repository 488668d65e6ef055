"""Lazy package attributes: a name is imported from its module on first use.

A package lists ``name -> module`` once; `attach` gives it the module-level
``__getattr__`` and ``__dir__`` (PEP 562), so ``import extractor``
stays cheap and the model stack (openai, instructor) loads only when
something from it is used.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any


class _ExportsWin(types.ModuleType):
    """A package whose exported names are not overwritten by same-named submodules.

    Importing ``extractor.evaluation.evaluate`` sets the package attribute
    ``evaluate`` to that module; the export of the same name (the function)
    must stay what ``from extractor.evaluation import evaluate`` gives, as it
    did when the package imported it eagerly.
    """

    _exports: Mapping[str, str] = {}

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self._exports and isinstance(value, types.ModuleType):
            return  # the submodule stays reachable through sys.modules
        super().__setattr__(name, value)


def attach(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``.

    ``exports`` maps each public name to the module (absolute, or relative to
    ``package`` when it starts with a dot) that defines it.
    """

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        globals_ = importlib.import_module(package).__dict__
        globals_[name] = value  # later look-ups skip __getattr__
        return value

    def __dir__() -> list[str]:
        return sorted({*importlib.import_module(package).__dict__, *exports})

    module = sys.modules[package]
    if _submodule_names(module, exports):
        module.__class__ = _ExportsWin
        module.__dict__["_exports"] = exports
    return __getattr__, __dir__


def _submodule_names(module: types.ModuleType, exports: Mapping[str, str]) -> list[str]:
    """Exported names that are also names of the package's modules."""
    import pkgutil

    paths = getattr(module, "__path__", None) or []
    names = {info.name for info in pkgutil.iter_modules(paths)}
    return [name for name in exports if name in names]
