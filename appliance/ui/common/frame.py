"""The single window's shell: header, left navigation and the content area, shared by every page.

    with frame(session, active="clients", title=session.t("shell.clients.title")):
        ...  # the page's content; elements created here land in the content column

The header holds the product name, the global search (``ui/search/box.py``: clients, people,
equipment and tickets as you type; Enter with nothing chosen opens ``/tickets?q=...``), the
signed-in user's name and role, the ru/en switch (saved to the account and the session, then the
page reloads in the new language) and logout. The drawer lists only the sections the user's role
may open. ``active`` names the highlighted section (a key of ``SECTIONS``, or None).

Test markers (for ``user.find(marker=...)``): ``shell-search``, ``shell-user``, ``shell-lang``,
``shell-logout``, ``nav-<section>``, ``page-title``, ``disk-full-banner`` (admins, while the disk
is full).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from nicegui import events, ui

from appliance.domain.permissions import Permission
from appliance.i18n import LANGUAGES
from appliance.services.accounts import set_language
from appliance.services.installation import disk_full
from appliance.services.signin import log_out
from appliance.ui.common.a11y import MAIN_ID, heading, named, skip_link
from appliance.ui.common.session import LANG_KEY, Session, sign_out
from appliance.ui.common.theme import apply_theme
from appliance.ui.search.box import global_search_box


@dataclass(frozen=True)
class Section:
    key: str
    path: str
    icon: str
    permission: Permission
    label_key: str


SECTIONS = (
    Section("dashboard", "/dashboard", "dashboard", Permission.VIEW_TICKETS, "shell.nav.dashboard"),
    Section(
        "tickets", "/tickets", "confirmation_number", Permission.VIEW_TICKETS, "shell.nav.tickets"
    ),
    Section("clients", "/clients", "business", Permission.VIEW_CLIENTS, "shell.nav.clients"),
    Section("faq", "/faq", "menu_book", Permission.VIEW_FAQ, "shell.nav.faq"),
    Section("reports", "/reports", "bar_chart", Permission.VIEW_REPORTS, "shell.nav.reports"),
    Section("settings", "/settings", "settings", Permission.MANAGE_SETTINGS, "shell.nav.settings"),
)


@contextmanager
def frame(
    session: Session,
    *,
    active: str | None,
    title: str | None = None,
    search: str = "",
    own_heading: bool = False,
) -> Iterator[ui.column]:
    """``title`` is the page's visible ``h1``. Without one, the page still gets an ``h1`` for
    screen readers (the section's name), unless ``own_heading``: the page draws its own (the
    ticket screen's number and subject)."""
    apply_theme()
    ui.page_title(f"{title} — {session.t('app.name')}" if title else session.t("app.name"))
    _header(session, search)
    _drawer(session, active)
    with ui.column().classes("w-full max-w-screen-xl mx-auto gap-4 p-2") as content:
        # The target of "skip to content"; focusable by script only, so the jump moves focus.
        content.props(f"id={MAIN_ID} tabindex=-1")
        if session.may(Permission.MANAGE_SETTINGS):
            _disk_full_banner(session)
        if title:
            heading(title).mark("page-title")
        elif not own_heading:
            heading(_section_name(session, active), hidden=True).mark("page-title")
        yield content


def _section_name(session: Session, active: str | None) -> str:
    for section in SECTIONS:
        if section.key == active:
            return session.t(section.label_key)
    return session.t("app.name")


DISK_CHECK_SECONDS = 5.0


def _disk_full_banner(session: Session) -> None:
    """For admins, while the appliance's disk is full (it refuses every write meanwhile)."""
    with (
        ui.row()
        .classes("w-full items-center gap-2 no-wrap p-3 rounded bg-red-1 text-negative")
        .mark("disk-full-banner") as banner
    ):
        ui.icon("storage", color="negative")
        ui.label(session.t("shell.disk_full")).classes("text-body1")

    def show() -> None:
        banner.set_visibility(disk_full(session.store))

    show()

    def watch() -> None:
        # Started once the browser is connected: a timer made while the page is built would
        # make NiceGUI send the page before an async page function has finished.
        if not started:
            started.append(True)
            with banner:
                ui.timer(DISK_CHECK_SECONDS, show)

    started: list[bool] = []
    ui.context.client.on_connect(watch)


def _header(session: Session, search: str) -> None:
    async def switch_language(event: events.ValueChangeEventArguments) -> None:
        lang = event.value
        if lang not in LANGUAGES or lang == session.lang:
            return
        await set_language(session.store, user_id=session.user.id, lang=lang)
        session.storage[LANG_KEY] = lang
        ui.navigate.reload()

    async def logout() -> None:
        await log_out(session.store, session.actor)
        sign_out(session.storage)
        ui.navigate.to("/login")

    with ui.header(elevated=True).classes("items-center gap-3 px-4 py-1 no-wrap"):
        skip_link(session.t("shell.skip_to_content"))
        with ui.row().classes("items-center gap-2 no-wrap"):
            ui.icon("confirmation_number", size="sm")
            ui.label(session.t("app.name")).classes("text-subtitle1 text-weight-medium")
        global_search_box(session, search)
        ui.space()
        with ui.row().classes("items-center gap-2 no-wrap").mark("shell-user"):
            ui.icon("account_circle", size="sm")
            with ui.column().classes("gap-0 leading-tight"):
                ui.label(session.user.full_name or session.user.login).classes("text-body2")
                ui.label(session.t(f"role.{session.user.role}")).classes("text-caption text-blue-2")
        ui.toggle(
            {lang: lang.upper() for lang in LANGUAGES},
            value=session.lang,
            on_change=switch_language,
        ).props(
            "dense unelevated rounded no-caps size=sm padding='2px 10px' color=primary "
            "text-color=blue-2 toggle-color=white toggle-text-color=primary"
        ).classes("border border-blue-3").mark("shell-lang")
        ui.button(session.t("shell.logout"), icon="logout", on_click=logout).props(
            "flat dense no-caps color=white"
        ).mark("shell-logout")


def _drawer(session: Session, active: str | None) -> None:
    with (
        ui.left_drawer(value=True, bordered=True)
        .props("width=210 breakpoint=600")
        .classes("bg-white q-pa-none tk-nav"),
        named(ui.element("nav"), session.t("shell.nav.label")).classes("column w-full gap-0 pt-2"),
    ):
        for section in SECTIONS:
            if not session.may(section.permission):
                continue
            link = ui.link(target=section.path).classes(
                "w-full flex items-center gap-3 px-4 py-3 text-body2"
            )
            if section.key == active:
                link.classes("tk-active")
            with link.mark(f"nav-{section.key}"):
                ui.icon(section.icon, size="xs")
                ui.label(session.t(section.label_key))


def forbidden_notice(session: Session) -> None:
    """The shell with a plain "not allowed" message, for a role that may not open the page."""
    with (
        frame(session, active=None),
        ui.card().props("flat bordered").classes("max-w-xl").mark("forbidden"),
    ):
        with ui.row().classes("items-center gap-3 no-wrap"):
            ui.icon("block", color="negative", size="md")
            ui.label(session.t("shell.forbidden.title")).classes("text-subtitle1")
        ui.label(session.t("shell.forbidden.text")).classes("text-body2 text-grey-8")
