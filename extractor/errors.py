"""The project's exception tree; every error here is meant to be shown to a user."""

from __future__ import annotations


class ExtractorError(Exception):
    """Base error: its message is one line a user can act on."""

    #: model calls made before giving up, where the error came from a model call
    attempts: int | None = None
    #: tokens spent on those calls (an `extractor.models.Usage`), where known
    usage: object | None = None


class ConfigurationError(ExtractorError):
    """A setting is missing or wrong (API key, base URL, model, option)."""


class InputError(ExtractorError):
    """A document cannot be read: missing, empty, binary or not UTF-8."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


class OutputError(ExtractorError):
    """The output folder cannot be written: disk full, read-only, removed."""

    def __init__(self, message: str, *, folder: str | None = None) -> None:
        super().__init__(message)
        self.folder = folder


class ProviderError(ExtractorError):
    """The model endpoint failed after bounded retries (network, HTTP, server)."""


class EndpointUnreachableError(ProviderError):
    """The model endpoint cannot be reached at all (refused, reset, timed out, bad host)."""


class ExtractionValidationError(ExtractorError):
    """The model's output broke the schema after bounded re-asks."""
