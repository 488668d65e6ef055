"""Batch extraction: inputs, concurrent runner, output folder with resume."""

from extractor.batch.inputs import Document, InputFailure, count_documents, iter_documents
from extractor.batch.progress import NullProgress, ProgressReporter, make_progress
from extractor.batch.runner import run_batch
from extractor.batch.store import ErrorRecord, OutputStore, read_errors, read_results
from extractor.batch.summary import BatchSummary, SupportsAextract

__all__ = [
    "BatchSummary",
    "Document",
    "ErrorRecord",
    "InputFailure",
    "NullProgress",
    "OutputStore",
    "ProgressReporter",
    "SupportsAextract",
    "count_documents",
    "iter_documents",
    "make_progress",
    "read_errors",
    "read_results",
    "run_batch",
]
