"""Engines: where the documents of a run are extracted.

- ``local``: the batch runner in this process (`extractor.batch.run_batch`);
- ``ray``: a pool of Ray actors, each holding one `Extractor` (extra ``ray``).

Both write through the same store (`extractor.batch.store`), in the driver, so
resume, exactly-once output, the result cache and error records are the same
whichever engine ran. An engine module holds no extraction logic.
"""

ENGINES = ("local", "ray")

__all__ = ["ENGINES"]
