"""The review pages and their JSON, as a router and as a stand-alone app.

The same router serves `extractor review RUN_DIR` (one run, at ``/``) and
``/review/jobs/{job_id}`` under `extractor serve` (a job's run folder,
behind the service's tokens and only for the job's owner). Pages are Jinja2
templates with autoescape on; the article text and every field reach the
page as JSON and are put in the document with ``textContent``, never as
HTML. A browser that cannot send a bearer header opens a page once with
``?token=...``: the token goes into an HttpOnly, SameSite=Strict cookie and
the address is cleaned. Saves need a custom header, which a cross-site form
cannot send.
"""

# No `from __future__ import annotations`: FastAPI reads the dependencies of the routes
# defined inside `review_router` from their (local) annotations.

from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import SecretStr, ValidationError

from extractor.errors import InputError
from extractor.models import (
    DatePrecision,
    DocumentRecords,
    EventType,
    IncidentStatus,
    Outcome,
    Population,
    Qualifier,
    StatementType,
)
from extractor.review.state import ReviewState
from extractor.review.store import ReviewConflict, ReviewStore, UnknownDocument

if TYPE_CHECKING:  # the service imports this module: its auth is imported when used
    from extractor.service.auth import Principal

__all__ = ["StoreFor", "create_review_app", "review_router"]

COOKIE = "extractor_review_token"
SAVE_HEADER = "x-extractor-review"
STATIC = {"review.js": "text/javascript", "review.css": "text/css"}

StoreFor = Callable[[Request, "Principal"], ReviewStore]
"""Finds the store a request is about (the stand-alone run, or a job's), or raises 404."""

ENUMS = {
    name: [v.value for v in enum]
    for name, enum in (
        ("event_type", EventType),
        ("status", IncidentStatus),
        ("date_precision", DatePrecision),
        ("outcome", Outcome),
        ("population", Population),
        ("qualifier", Qualifier),
        ("statement_type", StatementType),
    )
}

_templates = Jinja2Templates(directory=str(resources.files("extractor.review") / "templates"))


def principal(request: Request) -> "Principal":
    """The caller, from a bearer header or the review cookie (401 without a valid token)."""
    from extractor.service.auth import ANONYMOUS

    checker = request.app.state.tokens
    if not checker.enabled:
        return ANONYMOUS
    header = request.headers.get("authorization")
    if not header and request.cookies.get(COOKIE):
        header = f"Bearer {request.cookies[COOKIE]}"
    return checker.check(header)


def _dump(records: DocumentRecords | None) -> Any:
    return records.model_dump(mode="json") if records is not None else None


def review_router(store_for: StoreFor, *, prefix: str = "") -> APIRouter:
    """Pages and JSON of the review app; ``store_for`` picks the run folder."""
    router = APIRouter(prefix=prefix, tags=["review"])

    # `object`, not Principal: the service's auth module is imported only when used
    def store(request: Request, caller: Annotated[object, Depends(principal)]) -> ReviewStore:
        return store_for(request, caller)  # type: ignore[arg-type]

    Store = Annotated[ReviewStore, Depends(store)]

    def base(request: Request) -> str:
        path = prefix.format(**request.path_params)
        return f"{request.scope.get('root_path', '')}{path}"

    def _token_redirect(request: Request) -> Response | None:
        token = request.query_params.get("token")
        if not token:
            return None
        request.app.state.tokens.check(f"Bearer {token}")
        clean = request.url.remove_query_params("token")
        response = RedirectResponse(str(clean), status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response

    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    def list_page(request: Request) -> Response:
        if (r := _token_redirect(request)) is not None:
            return r
        s = store(request, principal(request))
        rows = s.summaries()
        return _templates.TemplateResponse(
            request,
            "list.html",
            {
                "base": base(request),
                "rows": rows,
                "run": s.run_dir.name,
                "gold": s.gold_dir is not None,
                "counts": s.status_counts(),
            },
        )

    @router.get("/doc/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> Response:
        if (r := _token_redirect(request)) is not None:
            return r
        s = store(request, principal(request))
        try:
            s.result(doc_id)
        except UnknownDocument:
            raise HTTPException(404, f"no document {doc_id!r} in this run") from None
        return _templates.TemplateResponse(
            request, "document.html", {"base": base(request), "doc_id": doc_id}
        )

    @router.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STATIC:
            raise HTTPException(404, "no such file")
        body = (resources.files("extractor.review") / "static" / name).read_bytes()
        return Response(body, media_type=STATIC[name], headers={"Cache-Control": "no-cache"})

    @router.get("/api/documents")
    def documents(s: Store) -> JSONResponse:
        return JSONResponse({"documents": s.summaries(), "counts": s.status_counts()})

    @router.get("/api/documents/{doc_id}")
    def document(s: Store, doc_id: str) -> JSONResponse:
        try:
            view = s.view(doc_id)
        except UnknownDocument:
            raise HTTPException(404, f"no document {doc_id!r} in this run") from None
        ids = s.doc_ids
        at = ids.index(doc_id)
        return JSONResponse(
            {
                "doc_id": doc_id,
                "text": view.text,
                "result": view.result.model_dump(mode="json"),
                "state": view.state.model_dump(mode="json"),
                "status": view.state.status.value,
                "gold": _dump(view.gold),
                "score": view.score,
                "matches": view.matches,
                "previous": ids[at - 1] if at > 0 else None,
                "next": ids[at + 1] if at + 1 < len(ids) else None,
                "enums": ENUMS,
            }
        )

    @router.put("/api/documents/{doc_id}")
    async def save(request: Request, s: Store, doc_id: str) -> JSONResponse:
        if request.headers.get(SAVE_HEADER) != "1":
            raise HTTPException(403, f"a save must send the {SAVE_HEADER} header")
        try:
            s.result(doc_id)
            incoming = ReviewState.model_validate_json(await request.body())
            saved = s.save(doc_id, incoming)
        except UnknownDocument:
            raise HTTPException(404, f"no document {doc_id!r} in this run") from None
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(x) for x in first.get("loc", ()))
            raise HTTPException(422, f"invalid review: {where}: {first.get('msg')}") from e
        except ReviewConflict as e:
            raise HTTPException(409, str(e)) from e
        except InputError as e:
            raise HTTPException(422, str(e)) from e
        return JSONResponse(
            {
                "state": saved.model_dump(mode="json"),
                "status": saved.status.value,
                "gold_file": str(s.gold_path(doc_id)),
            }
        )

    return router


def create_review_app(store: ReviewStore, *, tokens: list[SecretStr] | None = None) -> FastAPI:
    """The stand-alone review app of one run folder (`extractor review`)."""
    from extractor.service.auth import TokenChecker

    app = FastAPI(title="extractor review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.tokens = TokenChecker(tokens or [])
    app.state.review_store = store

    def store_for(request: Request, caller: object) -> ReviewStore:
        return request.app.state.review_store  # type: ignore[no-any-return]

    app.include_router(review_router(store_for))
    return app
