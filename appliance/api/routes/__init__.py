"""The client API: its own FastAPI app, mounted at /api/v1 on NiceGUI's app.

A separate app keeps the API's error handlers (JSON ``ErrorBody`` for everything, 404 and 405
included) and its OpenAPI schema (``/api/v1/openapi.json``, the API routes only) apart from the
technicians' UI, which keeps NiceGUI's own pages and handlers. One module per resource.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.routing import Mount

from appliance import __version__
from appliance.api.bodylimit import JsonBodyLimit
from appliance.api.errors import install_error_handlers
from appliance.api.routes import blobs, enroll, feed, health, tickets
from appliance.api.state import JSON_BODY_LIMIT, ApiState
from appliance.context import AppContext
from sync.wire import API_PREFIX, WIRE_VERSION


def build_api(ctx: AppContext) -> FastAPI:
    api = FastAPI(
        title="Tiketnitsa client API",
        version=f"{__version__} (wire {WIRE_VERSION})",
        summary="Enrolment, ticket submission, screenshots and the status feed for LiveViewer.",
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    api.state.api = ApiState.for_context(ctx)
    install_error_handlers(api)
    # Blob bodies are streamed with their own (configurable) cap; every other body is small.
    api.add_middleware(
        JsonBodyLimit, limit=JSON_BODY_LIMIT, applies=lambda path: "/blobs/" not in path
    )
    for module in (health, enroll, blobs, tickets, feed):
        api.include_router(module.router)
    return api


def register_api(app: FastAPI, ctx: AppContext | None = None) -> None:
    """Mount the API on ``app`` (replacing an earlier mount: tests build the app repeatedly)."""
    context = ctx if ctx is not None else app.state.ctx
    app.routes[:] = [r for r in app.routes if not (isinstance(r, Mount) and r.path == API_PREFIX)]
    app.mount(API_PREFIX, build_api(context))
