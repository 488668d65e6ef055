"""Batch files: the OpenAI Batch API's JSONL format (also vLLM's `run_batch`).

- `prepare`: the exact request of every document chunk, split into files the
  Batch API accepts, plus a manifest mapping custom ids to documents;
- `execute`: run a request file against any OpenAI-compatible server and
  write Batch output lines (for servers with no batch API);
- `openai_api`: submit, poll and fetch through OpenAI's Files and Batches;
- `collect`: join output lines back to documents and post-process them as a
  live run does, into a run folder like `extractor run` writes.
"""

from extractor.batchfile.collect import CollectSummary, collect
from extractor.batchfile.execute import ExecuteSummary, execute_requests
from extractor.batchfile.layout import BatchDir, load_batch_dir
from extractor.batchfile.openai_api import fetch_batches, refresh_status, submit_batches
from extractor.batchfile.prepare import PrepareSummary, prepare

__all__ = [
    "BatchDir",
    "CollectSummary",
    "ExecuteSummary",
    "PrepareSummary",
    "collect",
    "execute_requests",
    "fetch_batches",
    "load_batch_dir",
    "prepare",
    "refresh_status",
    "submit_batches",
]
