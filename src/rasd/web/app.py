"""The HTTP API (`/api`) and the analysts' web page (`/`), one FastAPI application.

    from rasd.web.app import Settings, create_app
    app = create_app(Settings(db="rasd.db", api_key="secret"))   # then: uvicorn.run(app)

Reads (every GET) go through read-only store connections; writes only through
`POST /api/articles`, which can require an API key. Request bodies are
limited while they are read, not after. Errors are JSON `{"error", "detail"}`.
Everything the page needs is served from the package: no CDN, no build step.
"""

from __future__ import annotations

import hmac
import json
import os
import queue
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request, Security
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasd import __version__
from rasd.document import Document
from rasd.errors import InputError, RasdError
from rasd.ingest import Record, decode_bytes, document_from_record
from rasd.ingest.read import kind_of, parse_date, read_text
from rasd.pipeline import DEFAULT_STAGES, Pipeline
from rasd.store import DEFAULT_DB, EventFilter, Store, content_hash, open_store
from rasd.web import queries

STATIC = Path(__file__).parent / "static"
MAX_BODY = 2 * 1024 * 1024
MAX_PAGE = 1000
CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
DOCUMENT_JSON = {"schema": "rasd.document/1", "id": "...", "text": "...", "entities": [], "events": []}


@dataclass(slots=True)
class Settings:
    """How the server runs: the store, the write key, the body limit, the read connections kept."""

    db: str = DEFAULT_DB
    api_key: str | None = None
    max_body: int = MAX_BODY
    readers: int = 8

    @classmethod
    def from_env(cls, db: str) -> Settings:
        """Settings for `db` with the key from $RASD_API_KEY and the body limit from $RASD_MAX_BODY (bytes)."""
        return cls(db=db, api_key=os.environ.get("RASD_API_KEY") or None,
                   max_body=int(os.environ.get("RASD_MAX_BODY") or MAX_BODY))


class ApiError(HTTPException):
    """An error answered as JSON `{"error": message, "detail": detail}`."""

    def __init__(self, status: int, message: str, detail: Any = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.extra = detail


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit:,} bytes",
                         "send one article per request; use `rasd ingest` for corpora")


class Stores:
    """Store connections: a few read-only ones reused by GETs, one writer for POSTs, each opened when needed.

    A read connection cannot write (SQLite `query_only`, PostgreSQL read-only
    transactions), so no GET can change the store whatever its SQL does.
    """

    def __init__(self, location: str, readers: int) -> None:
        self.location = location
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self._slots = threading.BoundedSemaphore(readers)
        self._writer: Store | None = None
        self._write_lock = threading.Lock()

    def _open(self, create: bool) -> Store:
        try:
            return open_store(self.location, create=create)
        except RasdError as err:
            raise ApiError(503, "the store is not available", str(err)) from None

    @contextmanager
    def reading(self) -> Iterator[Store]:
        with self._slots:
            try:
                store = self._idle.get_nowait()
            except queue.Empty:
                store = self._open(create=False)
                if store.dialect == "sqlite":
                    store.conn.execute("PRAGMA query_only = ON")
                else:
                    store.conn.execute("SET default_transaction_read_only = on")
            try:
                yield store
            finally:
                self._idle.put(store)

    @contextmanager
    def writing(self) -> Iterator[Store]:
        with self._write_lock:
            if self._writer is None:
                self._writer = self._open(create=True)
            yield self._writer

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                break
        if self._writer is not None:
            self._writer.close()
            self._writer = None


class Analyzer:
    """The pipeline, loaded on first use; one article at a time (the NER tagger is not thread-safe)."""

    def __init__(self) -> None:
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def __call__(self, doc: Document) -> Document:
        with self._lock:
            try:
                if self._pipeline is None:
                    self._pipeline = Pipeline()
                return self._pipeline(doc)
            except Exception as exc:  # a model missing, or an article the pipeline chokes on
                raise ApiError(500, "analysis failed", f"{type(exc).__name__}: {exc}") from exc


class LimitBody:
    """ASGI middleware: refuse a body over `limit` bytes, by its Content-Length or as its chunks arrive."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            err = BodyTooLarge(self.limit) if declared.isdigit() else ApiError(400, "invalid Content-Length")
            await _error_response(err)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, limited, send)


class SecurityHeaders:
    """ASGI middleware: a strict Content-Security-Policy and friends on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def _error_response(exc: HTTPException) -> JSONResponse:
    body = {"error": exc.detail, "detail": getattr(exc, "extra", None)}
    return JSONResponse(jsonable_encoder(body), status_code=exc.status_code, headers=exc.headers)


@dataclass(slots=True)
class _State:
    settings: Settings
    stores: Stores
    analyze: Analyzer = field(default_factory=Analyzer)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application for one store; `settings` default to ./rasd.db, no API key, 2 MB bodies."""
    settings = settings or Settings()
    state = _State(settings, Stores(settings.db, settings.readers))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        yield
        state.stores.close()

    app = FastAPI(title="rasd", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Arabic news to structured event data: entities, dates, quantities and "
                              "PLOVER/CAMEO events. Documents follow the `rasd.document/1` schema.")
    app.state.rasd = state
    _error_handlers(app)
    _api_routes(app, state)
    _page_routes(app)
    app.add_middleware(LimitBody, limit=settings.max_body)
    app.add_middleware(SecurityHeaders)
    return app


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return _error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")} for e in exc.errors()]
        return JSONResponse({"error": "invalid request", "detail": detail}, status_code=422)

    @app.exception_handler(Exception)
    async def crash(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": "internal server error", "detail": type(exc).__name__}, status_code=500)

    @app.exception_handler(RasdError)
    async def rasd_error(_: Request, exc: RasdError) -> JSONResponse:
        return JSONResponse({"error": str(exc), "detail": None}, status_code=422)


# --- reading an article from a request -----------------------------------------------------------------

def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _date_or_422(value: Any) -> Any:
    try:
        return parse_date(value, "published")
    except InputError as err:
        raise ApiError(422, err.reason) from None


def _decode(data: bytes, source: str) -> str:
    try:
        return decode_bytes(data, source)
    except InputError as err:
        raise ApiError(400, err.reason) from None


def _from_record(obj: dict[str, Any], source: str) -> Document:
    if not isinstance(obj.get("text"), str) or not obj["text"].strip():
        raise ApiError(422, 'the article needs a non-empty "text" string')
    published = _date_or_422(obj.get("published"))
    try:
        doc = document_from_record({**obj, "published": None}, source)
    except InputError as err:
        raise ApiError(422, err.reason) from None
    doc.published = published
    return doc


def _from_text(text: str, source: str, kind: str, meta: dict[str, Any]) -> Document:
    """One article from decoded text of a kind (text, html, json, jsonl), with the request's metadata."""
    try:
        items = list(read_text(text, source, kind))
    except InputError as err:
        raise ApiError(422 if kind == "text" else 400, err.reason) from None
    if len(items) != 1:
        raise ApiError(422, f"expected one article, found {len(items)}", "send one article per request")
    if isinstance(items[0], Record):
        raise ApiError(422, items[0].error.reason)
    doc = items[0]
    if meta.get("title") and not doc.title:
        doc = _from_record({"text": doc.text, **meta}, source)
    if meta.get("id"):
        doc.id = str(meta["id"])
    if meta.get("published"):
        doc.published = _date_or_422(meta["published"])
    return doc


async def read_article(request: Request, limit: int) -> Document | dict[str, Any]:
    """The article a request carries: text/plain or text/html, JSON, or a multipart upload.

    A JSON body that is already a `rasd.document/1` document is returned as
    a dict (stored as it is by POST /api/articles).
    """
    media = _media_type(request)
    meta = {k: request.query_params[k] for k in ("title", "published", "id") if request.query_params.get(k)}
    if media in ("text/plain", "text/html"):
        return _from_text(_decode(await request.body(), "request body"), "request body",
                          "html" if media == "text/html" else "text", meta)
    if media == "application/json":
        try:
            obj = json.loads(await request.body())
        except (ValueError, RecursionError) as exc:
            raise ApiError(400, "the body is not valid JSON", str(exc)[:200]) from None
        if not isinstance(obj, dict):
            raise ApiError(422, 'the JSON body must be an object {"text": ...}')
        if obj.get("schema") == "rasd.document/1":
            return obj
        return _from_record({**obj, **meta}, "request body")
    if media == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=8, max_part_size=limit)
        fields = {k: v for k, v in form.items() if isinstance(v, str) and v.strip()}
        upload = form.get("file")
        meta.update({k: fields[k] for k in ("title", "published", "id") if k in fields})
        if upload is not None and not isinstance(upload, str):
            name = upload.filename or "upload"
            text = _decode(await upload.read(), name)
            return _from_text(text, name, kind_of(name, text), meta)
        if "text" in fields:
            return _from_record({"text": fields["text"], **meta}, "form")
        raise ApiError(422, 'the form needs a "file" or a "text" field')
    raise ApiError(415, f"unsupported content type {media or '(none)'!r}",
                   "send text/plain, text/html, application/json or multipart/form-data")


# --- the API ---------------------------------------------------------------------------------------------

ARTICLE_BODY = {
    "required": True,
    "content": {
        "text/plain": {"schema": {"type": "string"}, "example": "عنوان الخبر\n\nنص الخبر..."},
        "text/html": {"schema": {"type": "string"}},
        "application/json": {"schema": {
            "type": "object", "required": ["text"],
            "properties": {"text": {"type": "string"}, "title": {"type": "string"},
                           "published": {"type": "string", "format": "date"}, "id": {"type": "string"},
                           "source": {"type": "string"}, "url": {"type": "string"}}}},
        "multipart/form-data": {"schema": {
            "type": "object",
            "properties": {"file": {"type": "string", "format": "binary"}, "text": {"type": "string"},
                           "title": {"type": "string"}, "published": {"type": "string", "format": "date"}}}},
    },
}
ARTICLE_PARAMS = [{"name": n, "in": "query", "required": False, "schema": {"type": "string"}, "description": d}
                  for n, d in (("published", "publication date YYYY-MM-DD (anchors relative dates)"),
                               ("title", "the title, for a text/plain body without one"), ("id", "your id"))]
ERRORS = {s: {"description": d} for s, d in ((400, "malformed body"), (413, "body too large"),
                                              (415, "unsupported content type"), (422, "invalid article"))}


def event_filter(
    actor: Annotated[list[str] | None, Query(description="source or target: CAMEO code prefix, ISO3 or entity id; "
                                                         "repeat for both sides")] = None,
    source: Annotated[str | None, Query(description="the source actor")] = None,
    target: Annotated[str | None, Query(description="the target actor")] = None,
    plover: Annotated[list[str] | None, Query(description="PLOVER categories, comma-separated or repeated")] = None,
    since: Annotated[str | None, Query(description="from this day: YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="to the end of this day, month or year")] = None,
    location: Annotated[str | None, Query(description="entity id, place name or country code")] = None,
    outlet: Annotated[str | None, Query(description="part of the article's source (the paper)")] = None,
    include_duplicates: bool = False,
) -> EventFilter:
    """The filters of `rasd events`, as query parameters."""
    return EventFilter(actors=[a for a in actor or () if a.strip()], source=source or None, target=target or None,
                       plover=[p for v in plover or () for p in v.split(",") if p.strip()], since=since or None,
                       until=until or None, location=location or None, outlet=outlet or None,
                       include_duplicates=include_duplicates)


Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page size")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]


def _page(rows: list[Any], key: str, offset: int, limit: int) -> dict[str, Any]:
    """A page of `limit` rows out of `limit + 1` fetched, with the offset of the next page (None at the end)."""
    return {key: rows[:limit], "offset": offset, "limit": limit,
            "next_offset": offset + limit if len(rows) > limit else None}


KeyHeader = Annotated[str | None, Security(APIKeyHeader(name="X-API-Key", auto_error=False,
                                                       description="the server's $RASD_API_KEY"))]
BearerToken = Annotated[HTTPAuthorizationCredentials | None,
                        Security(HTTPBearer(auto_error=False, description="$RASD_API_KEY as a bearer token"))]


def _api_routes(app: FastAPI, state: _State) -> None:
    def require_key(x_api_key: KeyHeader = None, token: BearerToken = None) -> None:
        expected = state.settings.api_key
        if expected is None:
            return
        given = x_api_key or (token.credentials if token else "")
        if not hmac.compare_digest(given.encode(), expected.encode()):
            raise ApiError(401, "a valid API key is required to write",
                           "send it as X-API-Key: KEY or Authorization: Bearer KEY",
                           headers={"WWW-Authenticate": "Bearer"})

    @app.post("/api/analyze", tags=["analysis"], openapi_extra={"requestBody": ARTICLE_BODY,
                                                                 "parameters": ARTICLE_PARAMS},
              responses={200: {"content": {"application/json": {"example": DOCUMENT_JSON}}}, **ERRORS})
    async def analyze(request: Request) -> JSONResponse:
        """Analyze one article and return its `rasd.document/1` JSON (nothing is stored)."""
        article = await read_article(request, state.settings.max_body)
        if isinstance(article, dict):
            raise ApiError(422, "this is already an analyzed document", "POST it to /api/articles to store it")
        doc = await run_in_threadpool(state.analyze, article)
        return JSONResponse(doc.to_dict())

    @app.post("/api/articles", tags=["store"], dependencies=[Depends(require_key)], status_code=201,
              openapi_extra={"requestBody": ARTICLE_BODY, "parameters": ARTICLE_PARAMS},
              responses={200: {"description": "already stored (status duplicate)"}, 401: {"description": "no key"},
                         **ERRORS})
    async def add_article(request: Request) -> JSONResponse:
        """Analyze one article and store it; a `rasd.document/1` JSON body is stored as it is."""
        article = await read_article(request, state.settings.max_body)
        return await run_in_threadpool(_store_article, state, article)

    @app.get("/api/articles", tags=["store"])
    def list_articles(limit: Limit = 50, offset: Offset = 0, include_duplicates: bool = False) -> dict[str, Any]:
        """Stored articles, newest first, with their event and entity counts."""
        with state.stores.reading() as store:
            return _page(queries.article_page(store, offset, limit + 1, include_duplicates), "articles", offset, limit)

    @app.get("/api/articles/{key}", tags=["store"], responses={404: {"description": "no such article"}})
    def get_article(key: str) -> dict[str, Any]:
        """A stored `rasd.document/1` document, by store number, document id or content hash."""
        with state.stores.reading() as store:
            docs = store.articles(key)
        if not docs:
            raise ApiError(404, f"no article {key!r}", "GET /api/articles or /api/search lists article ids")
        return docs[0]

    @app.get("/api/events", tags=["events"])
    def events(f: Filter, limit: Limit = 50, offset: Offset = 0,
               order: Annotated[str, Query(pattern="^(newest|oldest)$")] = "newest") -> dict[str, Any]:
        """Coded events matching the filters of `rasd events`, a page at a time."""
        with state.stores.reading() as store:
            rows = queries.event_page(store, f, offset, limit + 1, newest_first=order == "newest")
        return _page(rows, "events", offset, limit)

    @app.get("/api/timeline", tags=["events"])
    def timeline(f: Filter, by: Annotated[str, Query(pattern="^(day|week|month)$")] = "day") -> dict[str, Any]:
        """Events per day, week or month and PLOVER category, for the same filters as /api/events."""
        with state.stores.reading() as store:
            return queries.timeline(store, f, by)

    @app.get("/api/network", tags=["events"])
    def network(f: Filter, nodes: Annotated[int, Query(ge=2, le=200)] = 40) -> dict[str, Any]:
        """Who acts on whom: the busiest actors and the events between them, by category."""
        with state.stores.reading() as store:
            return queries.network(store, f, nodes)

    @app.get("/api/places", tags=["events"])
    def places(f: Filter) -> dict[str, Any]:
        """Where events happen: places with coordinates from the knowledge base and counts by category."""
        with state.stores.reading() as store:
            return {"places": queries.places(store, f)}

    @app.get("/api/entities", tags=["entities"])
    def entities(type: Annotated[str | None, Query(pattern="^(PER|LOC|ORG|MISC)$")] = None,
                 name: Annotated[str | None, Query(description="part of the English or Arabic name, or an id")] = None,
                 limit: Limit = 50, offset: Offset = 0, include_duplicates: bool = False) -> dict[str, Any]:
        """Entities with their mention and article counts, most widespread first."""
        with state.stores.reading() as store:
            rows = store.entities(type=type, name=name or None, limit=offset + limit + 1,
                                  include_duplicates=include_duplicates)
        return _page(rows[offset:], "entities", offset, limit)

    @app.get("/api/entities/{entity_id}", tags=["entities"], responses={404: {"description": "unknown entity"}})
    def entity(entity_id: str, by: Annotated[str, Query(pattern="^(day|week|month)$")] = "week") -> dict[str, Any]:
        """An entity's profile: names, roles and actor codes, events over time, counterparts, articles."""
        with state.stores.reading() as store:
            profile = queries.entity_profile(store, entity_id, by)
        if profile is None:
            raise ApiError(404, f"no entity {entity_id!r} in the store", "GET /api/entities?name=... finds ids")
        return profile

    @app.get("/api/search", tags=["store"])
    def search(q: Annotated[str, Query(min_length=1, description='words that must all occur; "a phrase"')],
               limit: Annotated[int, Query(ge=1, le=200)] = 20, include_duplicates: bool = False) -> dict[str, Any]:
        """Full-text search over stored articles (Arabic-aware: clitics and spelling variants match)."""
        with state.stores.reading() as store:
            return {"query": q, "results": store.search(q, limit=limit, include_duplicates=include_duplicates)}

    @app.get("/api/stats", tags=["store"])
    def stats() -> dict[str, Any]:
        """What the store holds: counts of articles, entities, events (by PLOVER category)."""
        with state.stores.reading() as store:
            return store.stats()

    @app.get("/api/meta", tags=["analysis"])
    def meta() -> dict[str, Any]:
        """The vocabularies the page draws with: PLOVER categories and their quad classes, entity types."""
        from rasd.document import ENTITY_TYPES
        from rasd.events.ontology import PLOVER_QUADS

        return {"version": __version__, "schema": "rasd.document/1", "plover": PLOVER_QUADS,
                "entity_types": list(ENTITY_TYPES), "writes_need_key": state.settings.api_key is not None}


def _store_article(state: _State, article: Document | dict[str, Any]) -> JSONResponse:
    """Analyze (unless already analyzed) and store one article: 201 new, 200 already there, 422 refused."""
    if isinstance(article, Document):
        with state.stores.writing() as store:
            known = store.has_article(content_hash(article.text))
        if known:
            return JSONResponse({"status": "duplicate", "article_id": None, "duplicate_of": None, "document": None})
        doc, analysis = state.analyze(article).to_dict(), ",".join(DEFAULT_STAGES)
    else:
        doc, analysis = article, "imported"
    with state.stores.writing() as store:
        added = store.add_many([(doc, analysis)])[0]
    if added.status == "failed":
        raise ApiError(422, "the document could not be stored", added.error)
    body = {"status": added.status, "article_id": added.article_id, "duplicate_of": added.duplicate_of,
            "document": doc}
    return JSONResponse(body, status_code=201 if added.article_id else 200)


# --- the page -------------------------------------------------------------------------------------------

def _page_routes(app: FastAPI) -> None:
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="swagger")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")
