"""``/login``: the only page without a session.

A signed-in browser is sent on to ``next`` (a local path) or ``/tickets``. A correct password
goes through ``/login/complete`` (``renewal.py``), which gives the browser a new session id.
The check itself is ``appliance.services.signin.LoginGuard`` (``app.state.login_guard``):
Argon2id off the event loop, growing delays after 5 failures, the same answer for a wrong name
and a wrong password.

Test markers: ``login-name``, ``login-password``, ``login-submit``, ``login-error``,
``login-lang``.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, events, ui

from appliance.i18n import LANGUAGES, t
from appliance.services.signin import LoginGuard, LoginStatus
from appliance.ui.common import renewal
from appliance.ui.common.a11y import heading
from appliance.ui.common.guard import LOGIN_PATH, home_for, remote_addr_of, safe_next
from appliance.ui.common.renewal import SignInHandover
from appliance.ui.common.session import (
    KNOWN_LOGIN_KEY,
    LANG_KEY,
    app_context,
    guest_lang,
    load_session,
)
from appliance.ui.common.theme import apply_theme


def register() -> None:
    handover = SignInHandover()
    renewal.register(handover, LOGIN_PATH)

    @ui.page(LOGIN_PATH)
    async def login_page(request: Request, next: str = "") -> RedirectResponse | None:
        ctx = app_context()
        storage = app.storage.user
        remote_addr = remote_addr_of(request)
        target = safe_next(next)
        if await load_session(ctx, storage, remote_addr=remote_addr) is not None:
            return RedirectResponse(target, status_code=303)
        lang = guest_lang(ctx, storage)
        guard: LoginGuard = app.state.login_guard
        this_browser = renewal.browser_id(request)
        known_login = storage.get(KNOWN_LOGIN_KEY)

        apply_theme()
        ui.page_title(f"{t('auth.login.title', lang)} — {t('app.name', lang)}")

        def show_error(text: str) -> None:
            error.text = text
            error.set_visibility(True)

        async def submit() -> None:
            name = (name_input.value or "").strip()
            password = password_input.value or ""
            if not name or not password:
                show_error(t("auth.login.missing", lang))
                return
            error.set_visibility(False)
            button.props("loading")
            try:
                result = await guard.attempt(
                    name,
                    password,
                    remote_addr=remote_addr,
                    known_login=known_login if isinstance(known_login, str) else None,
                )
            finally:
                button.props(remove="loading")
            if result.status is LoginStatus.OK and result.user is not None:
                # No page asked for: each role's own home (managers: the dashboard).
                landing = target if next else home_for(result.user.role)
                ticket = handover.issue(result.user, browser_id=this_browser, target=landing)
                ui.navigate.to(renewal.complete_url(ticket))
                return
            password_input.value = ""
            if result.status is LoginStatus.DISABLED:
                show_error(t("auth.login.disabled", lang))
            elif result.status is LoginStatus.BUSY:
                show_error(t("auth.login.busy", lang))
            elif result.throttled:
                show_error(f"{t('auth.login.wrong', lang)} {t('auth.login.throttled', lang)}")
            else:
                show_error(t("auth.login.wrong", lang))

        def switch_language(event: events.ValueChangeEventArguments) -> None:
            if event.value in LANGUAGES and event.value != lang:
                storage[LANG_KEY] = event.value
                ui.navigate.reload()

        with ui.column().classes("absolute-center items-center gap-3"):
            with ui.card().classes("w-96 p-8 gap-4").props("flat bordered"):
                with ui.row().classes("items-center gap-2 no-wrap"):
                    ui.icon("confirmation_number", color="primary", size="md")
                    ui.label(t("app.name", lang)).classes("text-h5 text-primary")
                heading(t("auth.login.title", lang)).classes("text-subtitle1 text-grey-8")
                name_input = (
                    ui.input(t("auth.login.name", lang))
                    .props("outlined dense autofocus autocomplete=username")
                    .classes("w-full")
                    .mark("login-name")
                )
                password_input = (
                    ui.input(t("auth.login.password", lang), password=True)
                    .props("outlined dense autocomplete=current-password")
                    .classes("w-full")
                    .mark("login-password")
                )
                error = ui.label().classes("text-negative text-body2").mark("login-error")
                error.set_visibility(False)
                button = (
                    ui.button(t("auth.login.submit", lang), on_click=submit)
                    .props("unelevated no-caps")
                    .classes("w-full")
                    .mark("login-submit")
                )
                name_input.on("keydown.enter", lambda: password_input.run_method("focus"))
                password_input.on("keydown.enter", submit)
            ui.toggle(
                {code: code.upper() for code in LANGUAGES}, value=lang, on_change=switch_language
            ).props("dense flat no-caps toggle-color=primary").mark("login-lang")
        return None
