"""Events across articles: `POST /v1/fuse` and `GET /v1/jobs/{id}/events`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field

from extractor.errors import InputError
from extractor.fuse import Event, fuse, load_results
from extractor.models import ExtractionResult
from extractor.service.auth import Principal, require_token
from extractor.service.jobs import JobManager
from extractor.service.routes.extract import ERRORS
from extractor.service.schemas import ErrorBody, JobState, Problem
from extractor.service.validation import RequestProblems

router = APIRouter(prefix="/v1", tags=["events"])

Caller = Annotated[Principal, Depends(require_token)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    401: ERRORS[401],
    404: {"model": ErrorBody, "description": "No such job (or not yours)."},
}


class FuseRequest(BaseModel):
    """What to fuse: finished jobs' results, results given inline, or both."""

    model_config = ConfigDict(extra="forbid")

    jobs: list[str] = Field(default_factory=list, description="Ids of your jobs.")
    results: list[ExtractionResult] = Field(default_factory=list)


def _manager(request: Request) -> JobManager:
    return request.app.state.jobs  # type: ignore[no-any-return]


def _job_results(request: Request, caller: Principal, job_id: str) -> list[ExtractionResult]:
    manager = _manager(request)
    job = manager.get(caller.owner, job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r}")
    if job.status in (JobState.queued, JobState.running):
        raise HTTPException(409, f"job {job_id} has not finished: {job.status}")
    path = manager.results_path(job.id)
    try:
        return load_results([path]) if path.is_file() else []
    except InputError as e:  # pragma: no cover - the service writes these lines itself
        raise HTTPException(500, str(e)) from e


@router.post(
    "/fuse",
    response_model=list[Event],
    responses={**NOT_FOUND, 409: {"model": ErrorBody, "description": "A job has not finished."}},
    summary="Fuse the incidents of jobs or results into events",
)
async def fuse_results(request: Request, caller: Caller, body: FuseRequest) -> list[Event]:
    if not body.jobs and not body.results:
        raise RequestProblems([Problem(field="jobs", message="give job ids or results")])
    results: list[ExtractionResult] = []
    for job_id in body.jobs:
        results.extend(_job_results(request, caller, job_id))
    results.extend(body.results)
    return fuse(results)


@router.get(
    "/jobs/{job_id}/events",
    response_model=list[Event],
    responses={**NOT_FOUND, 409: {"model": ErrorBody, "description": "The job has not finished."}},
    summary="A finished job's events",
)
async def job_events(request: Request, caller: Caller, job_id: str) -> list[Event]:
    return fuse(_job_results(request, caller, job_id))
