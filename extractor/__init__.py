"""Source-grounded extraction of incidents and statements from conflict news.

>>> from extractor import extract
>>> result = extract(article_text, published="2016-08-12")
>>> result.incidents[0].casualty_claims
"""

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
    "resolve_config",
]
