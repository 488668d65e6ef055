"""`/v1/jobs`: submit many documents, follow the job, stream its results, cancel it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

from extractor.errors import InputError
from extractor.service.auth import Principal, require_token
from extractor.service.jobs import JobManager, JobRecord, iter_complete_lines
from extractor.service.routes.extract import ERRORS, choice_problems
from extractor.service.schemas import DocumentIn, ErrorBody, JobState, JobStatus, Problem
from extractor.service.validation import RequestProblems, parse_job_body

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])

Caller = Annotated[Principal, Depends(require_token)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    401: ERRORS[401],
    404: {"model": ErrorBody, "description": "No such job (or not yours)."},
}

_DOC_SCHEMA = DocumentIn.model_json_schema()
_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"type": "array", "items": _DOC_SCHEMA}},
        "application/x-ndjson": {"schema": _DOC_SCHEMA},
    },
    "description": "The documents: a JSON array, or JSONL (one document a line).",
}


def _manager(request: Request) -> JobManager:
    return request.app.state.jobs  # type: ignore[no-any-return]


def _job(request: Request, caller: Principal, job_id: str) -> JobRecord:
    job = _manager(request).get(caller.owner, job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r}")
    return job


def _status_response(request: Request, job: JobRecord, code: int = 200) -> JSONResponse:
    headers = {}
    if job.status in (JobState.queued, JobState.running):
        headers["Retry-After"] = str(request.app.state.service.retry_after_s)
    if code == 202:
        headers["Location"] = f"/v1/jobs/{job.id}"
    return JSONResponse(job.to_status().model_dump(mode="json"), code, headers=headers)


@router.post(
    "",
    status_code=202,
    response_model=JobStatus,
    responses={413: ERRORS[413], 422: ERRORS[422], 401: ERRORS[401]},
    openapi_extra={"requestBody": _BODY},
    summary="Submit a job of many documents",
)
async def submit_job(
    request: Request,
    caller: Caller,
    model: Annotated[str | None, Query(description="Model for every document.")] = None,
    strategy: Annotated[str | None, Query(description="Strategy for every document.")] = None,
    idempotency_key: Annotated[str | None, Header(max_length=255)] = None,
) -> JSONResponse:
    service = request.app.state.service
    choice_problems(request, model, strategy)
    body = await request.body()
    docs = parse_job_body(
        body, max_documents=service.max_job_documents, max_text_chars=service.max_text_chars
    )
    try:
        job, _created = await _manager(request).submit(
            caller.owner,
            docs,
            model=model,
            strategy=strategy,
            body=body,
            idempotency_key=idempotency_key,
        )
    except InputError as e:
        raise RequestProblems([Problem(field="Idempotency-Key", message=str(e))]) from e
    return _status_response(request, job, 202)


@router.get("", response_model=list[JobStatus], responses={401: ERRORS[401]}, summary="Your jobs")
async def list_jobs(request: Request, caller: Caller) -> list[JobStatus]:
    return [job.to_status() for job in _manager(request).owned_by(caller.owner)]


@router.get("/{job_id}", response_model=JobStatus, responses=NOT_FOUND, summary="A job's status")
async def job_status(request: Request, caller: Caller, job_id: str) -> JSONResponse:
    return _status_response(request, _job(request, caller, job_id))


def _jsonl(path_of: str, schema: str, what: str) -> dict[str, Any]:
    return {
        "summary": f"A job's {what} (JSONL, streamed)",
        "response_class": StreamingResponse,
        "responses": {
            **NOT_FOUND,
            200: {
                "description": f"One JSON object a line, as in {path_of}.",
                "content": {
                    "application/x-ndjson": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
                },
            },
        },
    }


@router.get("/{job_id}/results", **_jsonl("results.jsonl", "ExtractionResult", "results"))
async def job_results(request: Request, caller: Caller, job_id: str) -> StreamingResponse:
    job = _job(request, caller, job_id)
    path = _manager(request).results_path(job.id)
    return StreamingResponse(iter_complete_lines(path), media_type="application/x-ndjson")


@router.get("/{job_id}/errors", **_jsonl("errors.jsonl", "ErrorLine", "error records"))
async def job_errors(request: Request, caller: Caller, job_id: str) -> StreamingResponse:
    job = _job(request, caller, job_id)
    path = _manager(request).errors_path(job.id)
    return StreamingResponse(iter_complete_lines(path), media_type="application/x-ndjson")


@router.delete(
    "/{job_id}",
    response_model=JobStatus,
    responses={**NOT_FOUND, 409: {"model": ErrorBody, "description": "The job already ended."}},
    summary="Cancel a job (what it finished stays)",
)
async def cancel_job(request: Request, caller: Caller, job_id: str) -> Response:
    job = _job(request, caller, job_id)
    if job.status not in (JobState.queued, JobState.running):
        raise HTTPException(409, f"job {job_id} already ended: {job.status}")
    await _manager(request).cancel(job)
    return _status_response(request, job)
