"""Review in the browser: an analyst accepts, rejects, corrects or adds records.

What belongs where:
- `texts` finds a result's article text (a file, a JSONL line, a job's input);
- `state` is one document's review: its working records and the decision on
  each, kept in ``RUN_DIR/review/<doc_id>.json``;
- `gold` turns a review into a gold file in the guideline's format,
  ``RUN_DIR/reviewed/<doc_id>.json``, which `extractor eval` scores;
- `store` ties a run folder, its texts and its reviews together;
- `app` serves the pages and their JSON (`extractor review`, and ``/review``
  under `extractor serve`). Article text and fields are rendered as text.
"""

from extractor.review.app import create_review_app, review_router
from extractor.review.store import ReviewStore

__all__ = ["ReviewStore", "create_review_app", "review_router"]
