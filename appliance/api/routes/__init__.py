"""The client API: its own FastAPI app, mounted at /api/v1 on NiceGUI's app.

A separate app keeps the API's error handlers (JSON ``ErrorBody`` for everything, 404 and 405
included) and its OpenAPI schema (``/api/v1/openapi.json``, the API routes only) apart from the
technicians' UI, which keeps NiceGUI's own pages and handlers. One module per resource.

When the server starts, API requests are also taken off NiceGUI's middleware stack
(``ApiFirst``): they need none of the UI's session cookie, request tracking, gzip or redirects,
and those layers cost more CPU than the whole API route (tests/bench/test_ingest_bench.py). It
also keeps the API off the UI's cookie by construction. The mount stays for in-process use (the
``user`` test fixture runs no server).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.routing import Mount
from starlette.types import ASGIApp, Receive, Scope, Send

from appliance import __version__
from appliance.api.bodylimit import JsonBodyLimit
from appliance.api.errors import install_error_handlers
from appliance.api.routes import blobs, enroll, faq, feed, health, tickets
from appliance.api.state import JSON_BODY_LIMIT, ApiState
from appliance.context import AppContext
from sync.wire import API_PREFIX, WIRE_VERSION

if TYPE_CHECKING:
    from nicegui.app import App


def build_api(ctx: AppContext) -> FastAPI:
    api = FastAPI(
        title="Tiketnitsa client API",
        version=f"{__version__} (wire {WIRE_VERSION})",
        summary="Enrolment, ticket submission, screenshots and the status feed for LiveViewer.",
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        # The appliance exports no traces or metrics; without this FastAPI looks the providers
        # up on every request.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    api.state.api = ApiState.for_context(ctx)
    install_error_handlers(api)
    # Blob bodies are streamed with their own (configurable) cap; every other body is small.
    api.add_middleware(
        JsonBodyLimit, limit=JSON_BODY_LIMIT, applies=lambda path: "/blobs/" not in path
    )
    for module in (health, enroll, blobs, tickets, feed, faq):
        api.include_router(module.router)
    return api


class ApiFirst:
    """The outermost ASGI layer: HTTP requests under /api/v1 go straight to the API app, the
    rest to the UI's stack. The scope handed on is the one Starlette's ``Mount`` would make."""

    def __init__(self, ui_stack: ASGIApp, api: ASGIApp) -> None:
        self.ui_stack = ui_stack
        self.api = api

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and (path == API_PREFIX or path.startswith(API_PREFIX + "/")):
            root = scope.get("root_path", "")
            child = {**scope, "app_root_path": scope.get("app_root_path", root)}
            child["root_path"] = root + API_PREFIX
            await self.api(child, receive, send)
            return
        await self.ui_stack(scope, receive, send)


def register_api(app: App, ctx: AppContext | None = None) -> None:
    """Mount the API on ``app`` (replacing an earlier mount: tests build the app repeatedly)
    and, once the server runs, put ``ApiFirst`` in front of the UI's middleware."""
    context = ctx if ctx is not None else app.state.ctx
    app.routes[:] = [r for r in app.routes if not (isinstance(r, Mount) and r.path == API_PREFIX)]
    api = build_api(context)
    app.mount(API_PREFIX, api)

    def serve_api_first() -> None:
        # Startup runs inside the first (lifespan) call, so Starlette has built the stack.
        stack = app.middleware_stack or app.build_middleware_stack()
        if not isinstance(stack, ApiFirst):
            app.middleware_stack = ApiFirst(stack, api)

    app.on_startup(serve_api_first)
