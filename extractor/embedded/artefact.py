"""A model's file: found or assembled once, and verified before every use.

A one-part model is used where its package installed it; a model of several
parts is assembled into ``<user cache>/conflict-extractor/models/`` (written
under a temporary name, verified, then renamed, so a crash leaves no half
file under the real name). Before first use, and on every start, the file's
size and SHA-256 must equal the pinned ones. The full hash is computed only
when the file's size or modification time differ from those recorded beside
it at the last verification (``<file>.verified``); a mismatch is an error
that names the file and both hashes, and nothing is loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from extractor.embedded.catalogue import MODELS, EmbeddedModel, Part
from extractor.errors import ConfigurationError

BLOCK = 1 << 20


class ArtefactError(ConfigurationError):
    """A model file that is missing, incomplete or not the pinned bytes."""


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "conflict-extractor" / "models"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def _stamp(path: Path) -> dict[str, int | str]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def verify_file(path: Path, *, size: int, sha256: str, stamp_dir: Path | None = None) -> None:
    """Raise ArtefactError unless ``path`` is exactly the pinned bytes.

    ``stamp_dir`` holds the record of the last verification (default: beside
    the file); with the same size and mtime as recorded, the hash is not
    computed again.
    """
    try:
        actual_size = path.stat().st_size
    except OSError as e:
        raise ArtefactError(f"model file {path}: {e.strerror or e}") from e
    if actual_size != size:
        raise ArtefactError(
            f"model file {path} has {actual_size:,} bytes, expected {size:,} "
            f"(SHA-256 expected {sha256}): refusing to load it"
        )
    stamp_file = (stamp_dir / (path.name + ".verified")) if stamp_dir else _stamp_path(path)
    now = {**_stamp(path), "sha256": sha256}
    with contextlib.suppress(OSError, ValueError):
        if json.loads(stamp_file.read_text()) == now:
            return
    actual = sha256_of(path)
    if actual != sha256:
        raise ArtefactError(
            f"model file {path} is not the pinned file: SHA-256 {actual}, expected {sha256}: "
            "refusing to load it"
        )
    with contextlib.suppress(OSError):
        stamp_file.parent.mkdir(parents=True, exist_ok=True)
        stamp_file.write_text(json.dumps(now))


def part_path(part: Part) -> Path | None:
    """Where an installed package holds a part, or None when the package is missing.

    Found without importing the package (some run code at import that needs
    packages of their own).
    """
    spec = importlib.util.find_spec(part.package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / part.path


def _missing(model: EmbeddedModel) -> list[str]:
    return [
        dist
        for dist, part in zip(model.distributions, model.parts, strict=True)
        if (p := part_path(part)) is None or not p.is_file()
    ]


def _assemble(model: EmbeddedModel, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            for part in model.parts:
                src = part_path(part)
                assert src is not None
                with src.open("rb") as fh:
                    while block := fh.read(BLOCK):
                        digest.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != model.sha256:
            raise ArtefactError(
                f"the parts of {model.name} assemble to SHA-256 {digest.hexdigest()}, "
                f"expected {model.sha256}: refusing to use them ({target})"
            )
        os.replace(tmp, target)
        with contextlib.suppress(OSError):
            _stamp_path(target).write_text(json.dumps({**_stamp(target), "sha256": model.sha256}))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def model_file(name: str) -> Path:
    """The verified file of an embedded model, assembling it first when needed."""
    model = MODELS.get(name)
    if model is None:
        raise ArtefactError(f"unknown embedded model {name!r}: use one of {', '.join(MODELS)}")
    missing = _missing(model)
    if missing:
        raise ArtefactError(
            f"the embedded model {name} needs {len(missing)} more package(s) "
            f"({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''}): "
            f"`pip install 'conflict-extractor[{model.extra}]'`"
        )
    if len(model.parts) == 1:
        path = part_path(model.parts[0])
        assert path is not None
        # the package's folder may be read-only: record verifications in the cache
        verify_file(path, size=model.size, sha256=model.sha256, stamp_dir=cache_dir())
        return path
    target = cache_dir() / model.file_name
    if not target.exists():
        _assemble(model, target)
    verify_file(target, size=model.size, sha256=model.sha256)
    return target


@dataclass(frozen=True)
class ModelStatus:
    model: EmbeddedModel
    state: str
    """``ready`` (file verified before), ``parts`` (installed, not assembled yet), ``missing``."""
    path: Path | None


def model_status(name: str) -> ModelStatus:
    """Whether a model is installed, without hashing or assembling anything."""
    model = MODELS[name]
    if _missing(model):
        return ModelStatus(model, "missing", None)
    if len(model.parts) == 1:
        return ModelStatus(model, "installed", part_path(model.parts[0]))
    target = cache_dir() / model.file_name
    return ModelStatus(model, "assembled" if target.exists() else "parts", target)
