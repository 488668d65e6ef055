"""Source-grounded extraction of incidents and statements from conflict news.

>>> from extractor import extract
>>> result = extract(article_text, published="2016-08-12")
>>> result.incidents[0].casualty_claims

Names are imported on first use (see `extractor._lazy`): ``import
extractor`` loads neither the model client (openai, instructor) nor the
record model until they are needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import attach

_EXPORTS = {
    **dict.fromkeys(["ExtractorConfig", "resolve_config"], ".config"),
    **dict.fromkeys(
        [
            "ConfigurationError",
            "ExtractionValidationError",
            "ExtractorError",
            "InputError",
            "ProviderError",
        ],
        ".errors",
    ),
    **dict.fromkeys(
        [
            "SCHEMA_VERSION",
            "Actor",
            "CasualtyClaim",
            "DateSpec",
            "Evidence",
            "ExtractionResult",
            "GoldAnnotation",
            "Incident",
            "Location",
            "Statement",
        ],
        ".models",
    ),
    **dict.fromkeys(
        ["Extractor", "__version__", "aextract", "aextract_many", "extract", "extract_many"],
        ".pipeline",
    ),
    "fuse": ".fuse",
}

__getattr__, __dir__ = attach(__name__, _EXPORTS)

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "CasualtyClaim",
    "ConfigurationError",
    "DateSpec",
    "Evidence",
    "ExtractionResult",
    "ExtractionValidationError",
    "Extractor",
    "ExtractorConfig",
    "ExtractorError",
    "GoldAnnotation",
    "Incident",
    "InputError",
    "Location",
    "ProviderError",
    "Statement",
    "__version__",
    "aextract",
    "aextract_many",
    "extract",
    "extract_many",
    "fuse",
    "resolve_config",
]

if TYPE_CHECKING:  # for type checkers and IDEs: the same names, eagerly
    from .config import ExtractorConfig, resolve_config
    from .errors import (
        ConfigurationError,
        ExtractionValidationError,
        ExtractorError,
        InputError,
        ProviderError,
    )
    from .models import (
        SCHEMA_VERSION,
        Actor,
        CasualtyClaim,
        DateSpec,
        Evidence,
        ExtractionResult,
        GoldAnnotation,
        Incident,
        Location,
        Statement,
    )
    from .pipeline import Extractor, __version__, aextract, aextract_many, extract, extract_many
