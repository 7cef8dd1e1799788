"""The web app: NiceGUI pages for technicians and the JSON API for clients, on one port.

``build(ctx)`` wires everything onto NiceGUI's app; ``serve`` runs it (HTTPS when the address is
not loopback, with the certificate made at init). Tests build the app through ``appliance/main.py``
for NiceGUI's ``user`` fixture, or run ``tiketnitsa serve`` as a real process.
"""

from __future__ import annotations

import logging

from nicegui import app, ui
from nicegui.storage import Storage

from appliance.config import DataDir
from appliance.context import AppContext, open_context
from appliance.tls import is_loopback

log = logging.getLogger("tiketnitsa")


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
    Storage.path = ctx.data_dir.ui_storage_dir
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
    return options


def serve(
    data_dir: DataDir, *, host: str | None = None, port: int | None = None, tls: bool = False
) -> None:
    ctx = open_context(data_dir)
    host = host or ctx.settings.host
    port = port or ctx.settings.port
    build(ctx)
    scheme = "https" if tls or not is_loopback(host) else "http"
    log.warning("Tiketnitsa serving on %s://%s:%s", scheme, host, port)
    ui.run(**run_options(ctx, host=host, port=port, tls=tls))  # type: ignore[arg-type]
