"""`POST /v1/extract`: one short document in, its `ExtractionResult` out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from extractor.errors import (
    ConfigurationError,
    ExtractionValidationError,
    ExtractorError,
    InputError,
    ProviderError,
)
from extractor.models import ExtractionResult
from extractor.service.auth import require_token
from extractor.service.schemas import ErrorBody, ExtractRequest, Problem
from extractor.service.validation import RequestProblems, check_document

router = APIRouter(prefix="/v1", tags=["extract"], dependencies=[Depends(require_token)])

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "No or wrong bearer token."},
    413: {"model": ErrorBody, "description": "Body or text over the configured limit."},
    422: {"model": ErrorBody, "description": "Bad input, naming the document and the problem."},
    502: {"model": ErrorBody, "description": "The model failed after bounded retries."},
    503: {"model": ErrorBody, "description": "The model is not available."},
}


def choice_problems(request: Request, model: str | None, strategy: str | None) -> None:
    message = request.app.state.pool.check_choice(model, strategy)
    if message is not None:
        field = "model" if message.startswith("model") else "strategy"
        raise RequestProblems([Problem(field=field, message=message)])


@router.post(
    "/extract",
    response_model=ExtractionResult,
    responses=ERRORS,
    summary="Extract incidents and statements from one document",
)
async def extract(body: ExtractRequest, request: Request) -> Response:
    state = request.app.state
    check_document(body, None, state.service.max_text_chars, size_status=413)
    choice_problems(request, body.model, body.strategy)
    try:
        extractor = await state.pool.get(body.model, body.strategy)
    except ExtractorError as e:
        raise HTTPException(503, f"the model is not available: {e}") from e
    try:
        result = await extractor.aextract(
            body.text,
            published=body.published,
            doc_id=body.id,
            source=body.url or body.id,
            metadata=body.metadata_strings() or None,
            title=body.title,
        )
    except ExtractorError as e:
        state.metrics.document("failed", 0)
        if isinstance(e, InputError):
            raise RequestProblems([Problem(id=body.id, message=str(e))]) from e
        if isinstance(e, ProviderError | ExtractionValidationError):
            raise HTTPException(502, f"{type(e).__name__}: {e}") from e
        if isinstance(e, ConfigurationError):
            raise HTTPException(503, str(e)) from e
        raise HTTPException(502, str(e)) from e
    state.metrics.document("ok", result.provenance.usage.total_tokens)
    return Response(result.model_dump_json(), media_type="application/json")
