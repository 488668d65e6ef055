"""Health, readiness, metrics, the record schema and the API description."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from extractor.schema import SCHEMAS, json_schema
from extractor.service.auth import require_token
from extractor.service.metrics import CONTENT_TYPE

open_router = APIRouter(tags=["meta"])
router = APIRouter(tags=["meta"], dependencies=[Depends(require_token)])


@open_router.get("/healthz", summary="The process is up (no token needed)")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The model endpoint answers")
async def readyz(request: Request) -> JSONResponse:
    ready, detail = await request.app.state.pool.ready()
    return JSONResponse(
        {"status": "ready" if ready else "not ready", "detail": detail}, 200 if ready else 503
    )


@router.get(
    "/metrics",
    summary="Prometheus metrics (text format)",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE: {}}}},
)
async def metrics(request: Request) -> Response:
    return Response(request.app.state.metrics.render(), media_type=CONTENT_TYPE)


@router.get("/v1/schema", summary="JSON Schema of the record model (as in schemas/)")
async def schema(
    name: str = Query("extraction_result", description=f"One of {', '.join(SCHEMAS)}."),
) -> dict[str, Any]:
    if name not in SCHEMAS:
        raise HTTPException(422, f"unknown schema {name!r}: use one of {', '.join(SCHEMAS)}")
    return json_schema(name)


@router.get("/openapi.json", include_in_schema=False)
async def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get("/docs", include_in_schema=False)
async def docs() -> HTMLResponse:
    return get_swagger_ui_html(openapi_url="/openapi.json", title="conflict-extractor API")
