"""``/review/jobs/{job_id}/``: the review pages over a finished job's results.

The same pages as `extractor review`, behind the service's tokens: a job is
reviewed only by the token that submitted it (any other gets 404, as for
``/v1/jobs``). Reviews are written into the job's run folder.
"""

from __future__ import annotations

from fastapi import HTTPException, Request

from extractor.errors import InputError
from extractor.review import ReviewStore, review_router
from extractor.review.texts import job_texts
from extractor.service.auth import Principal
from extractor.service.jobs import INPUT_FILE, JobManager

PREFIX = "/review/jobs/{job_id}"


def _store_for(request: Request, caller: Principal) -> ReviewStore:
    job_id = request.path_params["job_id"]
    manager: JobManager = request.app.state.jobs
    if manager.get(caller.owner, job_id) is None:
        raise HTTPException(404, f"no job {job_id!r}")
    stores: dict[str, ReviewStore] = request.app.state.__dict__.setdefault("review_stores", {})
    store = stores.get(job_id)
    if store is None:
        folder = manager.folder(job_id)
        try:
            store = ReviewStore(folder / "run", texts=job_texts(folder / INPUT_FILE))
        except InputError:
            raise HTTPException(404, f"job {job_id!r} has no results yet") from None
        stores[job_id] = store
    else:
        store.reload()
    return store


router = review_router(_store_for, prefix=PREFIX)
