"""Embedded models as verified artefacts.

What belongs where:
- `catalogue`: every embedded model, where its bytes come from (PyPI packages
  and the files inside them), its size, SHA-256 and licence, as data;
- `artefact`: finds a model's file (assembling its parts once into the user
  cache) and verifies it against the pinned size and SHA-256 before any use;
  nothing loads an unverified file.
The server that serves a model is `extractor.local_server`.
"""

from extractor.embedded.artefact import ArtefactError, model_file, model_status, verify_file
from extractor.embedded.catalogue import MODELS, EmbeddedModel, Part

__all__ = [
    "MODELS",
    "ArtefactError",
    "EmbeddedModel",
    "Part",
    "model_file",
    "model_status",
    "verify_file",
]
