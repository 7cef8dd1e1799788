"""The web app: NiceGUI pages for technicians and the JSON API for clients, on one port.

``build(ctx)`` wires everything onto NiceGUI's app; ``serve`` runs it (HTTPS when the address is
not loopback, with the certificate made at init). Tests build the app through ``appliance/main.py``
for NiceGUI's ``user`` fixture, or run ``tiketnitsa serve`` as a real process.
"""

from __future__ import annotations

import logging
import os

from nicegui import app, ui
from nicegui.storage import Storage
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from appliance.config import PRIVATE_UMASK, DataDir
from appliance.context import AppContext, open_context
from appliance.tls import is_loopback

log = logging.getLogger("tiketnitsa")


# Strict-Transport-Security on every answer of an HTTPS appliance: a browser that has seen it
# never talks plain HTTP to this host again for a year, so nobody on the network can strip the
# connection down and read the session cookie. Only over HTTPS (a loopback HTTP appliance must
# stay reachable, and browsers ignore it over HTTP anyway).
HSTS_VALUE = b"max-age=31536000"
# NiceGUI keeps an in-memory ``app.storage.tab`` for every browser tab that ever connected, for 30
# days by default: a few hundred bytes each, never given back while the appliance runs (every new
# tab, every ticket opened in a new tab). The appliance stores nothing per tab, so it lets NiceGUI
# prune them soon; a tab that reconnects gets an empty one again. Do not use app.storage.tab
# without raising this.
TAB_STORAGE_SECONDS = 300.0


class HstsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("scheme") != "https":
            await self.app(scope, receive, send)
            return

        async def send_with_hsts(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"strict-transport-security", HSTS_VALUE))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_hsts)


def _outermost_hsts() -> None:
    # After the API's ApiFirst (registered by build, so it ran first): wrap the whole stack, so
    # API answers carry the header too.
    stack = app.middleware_stack or app.build_middleware_stack()
    if not isinstance(stack, HstsMiddleware):
        app.middleware_stack = HstsMiddleware(stack)


def build(ctx: AppContext) -> None:
    """Attach the context and register API routes and UI pages.

    ``app.state.ctx`` is the context every page and route uses; ``app.state.login_guard`` checks
    logins (its ``policy`` sets the throttling delays; tests shorten them).
    """
    from appliance.api.routes import register_api
    from appliance.live import install_change_watcher
    from appliance.services.backup_scheduler import BackupScheduler, zone
    from appliance.services.signin import LoginGuard
    from appliance.sla_watch import install_sla_checker
    from appliance.ui.pages import register_pages

    app.state.ctx = ctx
    app.state.login_guard = LoginGuard(ctx.store)
    ctx.data_dir.ui_storage_dir.mkdir(exist_ok=True, mode=0o700)
    os.umask(PRIVATE_UMASK)  # NiceGUI writes ui-storage/*.json later, with the process umask
    ctx.data_dir.make_private()
    Storage.path = ctx.data_dir.ui_storage_dir
    app.storage.max_tab_storage_age = TAB_STORAGE_SECONDS
    register_api(app)
    register_pages()
    install_change_watcher(ctx.store)  # live updates; registered before ctx.close so it stops first
    scheduler = BackupScheduler(ctx.store, ctx.data_dir, zone(ctx.settings.time_zone))
    app.state.backup_scheduler = scheduler
    app.on_startup(scheduler.start)
    app.on_shutdown(scheduler.stop)  # before the store closes
    install_sla_checker(ctx.store)  # SLA warnings to open windows (appliance/sla_watch.py)
    app.on_shutdown(ctx.close)


def run_options(ctx: AppContext, *, host: str, port: int, tls: bool = False) -> dict[str, object]:
    options: dict[str, object] = {
        "host": host,
        "port": port,
        "title": "Tiketnitsa",
        "storage_secret": ctx.data_dir.ui_secret(),
        "reload": False,
        "show": False,
        "show_welcome_message": False,
        "language": "ru" if ctx.settings.lang == "ru" else "en-US",
        "favicon": "🎫",
    }
    if tls or not is_loopback(host):
        # Off loopback, only HTTPS: clients pin this certificate's fingerprint at enrolment.
        # ``tls`` forces it on loopback too (tests of pinning on 127.0.0.1).
        options["ssl_certfile"] = str(ctx.data_dir.cert_file)
        options["ssl_keyfile"] = str(ctx.data_dir.cert_key_file)
        # The session cookie only ever travels over HTTPS; Lax keeps it off cross-site posts.
        options["session_middleware_kwargs"] = {"https_only": True, "same_site": "lax"}
    return options


def serve(
    data_dir: DataDir, *, host: str | None = None, port: int | None = None, tls: bool = False
) -> None:
    ctx = open_context(data_dir)
    host = host or ctx.settings.host
    port = port or ctx.settings.port
    build(ctx)
    scheme = "https" if tls or not is_loopback(host) else "http"
    if scheme == "https":
        app.on_startup(_outermost_hsts)
    log.warning("Tiketnitsa serving on %s://%s:%s", scheme, host, port)
    ui.run(**run_options(ctx, host=host, port=port, tls=tls))  # type: ignore[arg-type]
