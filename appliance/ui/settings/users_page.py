"""``/settings`` (admins only): the appliance's settings. For now one section, Users: list the
accounts, add one with a role and a password, disable or enable, reset a password, and let a
manager reveal credentials. Every change goes through ``appliance.services.accounts``, which reads
the acting admin afresh, checks the change and records it in the audit log in one transaction.

Test markers: ``users-table``, ``user-row-<login>``, ``reveal-<login>``, ``reset-<login>``,
``disable-<login>``, ``enable-<login>``; the new-user form ``new-login``, ``new-name``,
``new-email``, ``new-role``, ``new-password``, ``new-password-repeat``, ``new-create``; the reset
dialog ``reset-password``, ``reset-password-repeat``, ``reset-save``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import events, ui

from appliance.domain.errors import AppError
from appliance.domain.permissions import ROLES, Permission
from appliance.services import accounts
from appliance.services import backup as backups
from appliance.services.accounts import User
from appliance.ui.common.a11y import named, titled
from appliance.ui.common.errors import notify_error
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session
from appliance.ui.settings.audit_page import PATH as AUDIT_PATH
from appliance.ui.settings.enrollment_page import PATH


def register() -> None:
    @ui.page("/settings")
    @require_user(Permission.MANAGE_SETTINGS)
    async def settings_page(session: Session) -> None:
        with frame(session, active="settings", title=session.t("settings.title")):
            with ui.row().classes("items-center gap-6"):
                ui.link(session.t("enrollment.link"), PATH).mark("settings-enrollment")
                ui.link(session.t("slaui.link"), "/settings/sla").mark("settings-sla")
                ui.link(session.t("audit.link"), AUDIT_PATH).mark("settings-audit")
                ui.link(session.t("backups.link"), "/settings/backups").mark("settings-backups")
                if await backups.last_backup_failed(session.store, session.actor):
                    ui.badge(session.t("backups.failed_badge"), color="negative").mark(
                        "settings-backup-failed"
                    )
            panel = UsersPanel(session)
            new_user = NewUserDialog(session, on_created=panel.reload)
            with ui.row().classes("w-full items-center"):
                ui.label(session.t("settings.users.title")).classes("text-subtitle1")
                ui.space()
                ui.button(
                    session.t("settings.users.add"), icon="person_add", on_click=new_user.open
                ).props("unelevated no-caps").mark("add-user")
            await panel.show()


async def _attempt(session: Session, change: Awaitable[object], done_key: str) -> bool:
    """Run an account change; tell the admin how it went. True when it was saved."""
    try:
        await change
    except AppError as error:
        notify_error(session, error)
        return False
    ui.notify(session.t(done_key), type="positive")
    return True


class UsersPanel:
    """The accounts table and the reset-password dialog."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.show = ui.refreshable(self._table)
        self._reset_target: User | None = None
        self._dialog = self._reset_dialog()

    async def reload(self) -> None:
        await self.show.refresh()

    async def _table(self) -> None:
        s = self.session
        accounts_list = await accounts.list_accounts(s.store, s.actor)
        headers = [
            "settings.users.col.login",
            "settings.users.col.name",
            "settings.users.col.role",
            "settings.users.col.status",
            "settings.users.col.reveal",
            "settings.users.col.actions",
        ]
        with (
            ui.element("q-markup-table")
            .props("flat bordered dense separator=horizontal")
            .classes("w-full")
            .mark("users-table")
        ):
            with ui.element("thead"), ui.element("tr"):
                for key in headers:
                    with ui.element("th").classes("text-left"):
                        ui.label(s.t(key))
            with ui.element("tbody"):
                for account in accounts_list:
                    self._row(account)

    def _row(self, account: User) -> None:
        s = self.session
        is_me = account.id == s.user.id
        with ui.element("tr").mark(f"user-row-{account.login}"):
            with ui.element("td"):
                ui.label(account.login + (f" ({s.t('settings.users.you')})" if is_me else ""))
            with ui.element("td"), ui.column().classes("gap-0"):
                ui.label(account.full_name or "—")
                if account.email:
                    ui.label(account.email).classes("text-caption text-grey-7")
            with ui.element("td"):
                ui.label(s.t(f"role.{account.role}"))
            with ui.element("td"):
                if account.active:
                    ui.badge(s.t("settings.users.active"), color="positive").props("outline")
                else:
                    ui.badge(s.t("settings.users.disabled"), color="grey-7")
            with ui.element("td"):
                if account.role == "manager":
                    named(
                        ui.switch(
                            value=account.can_reveal_credentials,
                            on_change=lambda e, a=account: self._set_reveal(a, e),
                        )
                        .props("dense")
                        .mark(f"reveal-{account.login}"),
                        f"{s.t('settings.users.col.reveal')}: {account.login}",
                    )
                else:
                    ui.label(s.t("settings.users.reveal_by_role")).classes("text-grey-7")
            with ui.element("td"), ui.row().classes("gap-1 no-wrap"):
                ui.button(
                    s.t("settings.users.reset"),
                    icon="key",
                    on_click=lambda a=account: self._open_reset(a),
                ).props("flat dense no-caps no-wrap").mark(f"reset-{account.login}")
                if account.active and not is_me:
                    ui.button(
                        s.t("settings.users.disable"),
                        icon="block",
                        on_click=lambda a=account: self._set_active(a, False),
                    ).props("flat dense no-caps no-wrap color=negative").mark(
                        f"disable-{account.login}"
                    )
                elif not account.active:
                    ui.button(
                        s.t("settings.users.enable"),
                        icon="check_circle",
                        on_click=lambda a=account: self._set_active(a, True),
                    ).props("flat dense no-caps no-wrap color=positive").mark(
                        f"enable-{account.login}"
                    )

    async def _set_active(self, account: User, active: bool) -> None:
        s = self.session
        change = accounts.set_account_active(
            s.store,
            s.actor,
            user_id=account.id,
            active=active,
        )
        key = "settings.users.enabled_done" if active else "settings.users.disabled_done"
        await _attempt(s, change, key)
        await self.reload()

    async def _set_reveal(self, account: User, event: events.ValueChangeEventArguments) -> None:
        s = self.session
        allowed = bool(event.value)
        if allowed == account.can_reveal_credentials:
            return
        change = accounts.set_credential_reveal(
            s.store,
            s.actor,
            user_id=account.id,
            allowed=allowed,
        )
        await _attempt(s, change, "settings.users.reveal_done")
        await self.reload()

    def _reset_dialog(self) -> ui.dialog:
        s = self.session
        with ui.dialog() as dialog, ui.card().classes("w-96 gap-3"):
            self._reset_title = ui.label().classes("text-subtitle1")
            titled(dialog, self._reset_title)
            self._reset_password = (
                ui.input(s.t("settings.users.new_password"), password=True)
                .props("outlined dense autocomplete=new-password")
                .classes("w-full")
                .mark("reset-password")
            )
            self._reset_repeat = (
                ui.input(s.t("settings.users.repeat_password"), password=True)
                .props("outlined dense autocomplete=new-password")
                .classes("w-full")
                .mark("reset-password-repeat")
            )
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(s.t("settings.users.cancel"), on_click=dialog.close).props("flat no-caps")
                ui.button(s.t("settings.users.save"), on_click=self._save_reset).props(
                    "unelevated no-caps"
                ).mark("reset-save")
        return dialog

    def _open_reset(self, account: User) -> None:
        self._reset_target = account
        self._reset_title.text = self.session.t("settings.users.reset_title", login=account.login)
        self._reset_password.value = ""
        self._reset_repeat.value = ""
        self._dialog.open()

    async def _save_reset(self) -> None:
        s = self.session
        account = self._reset_target
        if account is None:
            return
        password = self._reset_password.value or ""
        if password != (self._reset_repeat.value or ""):
            ui.notify(s.t("settings.users.password_mismatch"), type="negative")
            return
        change = accounts.reset_password(
            s.store,
            s.actor,
            user_id=account.id,
            password=password,
        )
        if await _attempt(s, change, "settings.users.reset_done"):
            self._dialog.close()
            self._reset_password.value = ""
            self._reset_repeat.value = ""


class NewUserDialog:
    """The dialog that adds an account."""

    def __init__(self, session: Session, *, on_created: Callable[[], Awaitable[None]]) -> None:
        self.session = session
        self.on_created = on_created
        s = session
        with ui.dialog() as self.dialog, ui.card().classes("w-96 gap-3"):
            titled(self.dialog, ui.label(s.t("settings.users.add_title")).classes("text-subtitle1"))
            self._fields()
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(s.t("settings.users.cancel"), on_click=self.dialog.close).props(
                    "flat no-caps"
                )
                ui.button(s.t("settings.users.create"), on_click=self.create).props(
                    "unelevated no-caps"
                ).mark("new-create")

    def open(self) -> None:
        self.dialog.open()

    def _fields(self) -> None:
        s = self.session

        def field(label_key: str, marker: str, *, password: bool = False) -> ui.input:
            return (
                ui.input(s.t(label_key), password=password)
                .props("outlined dense" + (" autocomplete=new-password" if password else ""))
                .classes("w-full")
                .mark(marker)
            )

        self.login = field("settings.users.login", "new-login")
        self.full_name = field("settings.users.full_name", "new-name")
        self.email = field("settings.users.email", "new-email")
        self.role = (
            ui.select(
                {role: s.t(f"role.{role}") for role in ROLES},
                label=s.t("settings.users.role"),
                value="technician",
            )
            .props("outlined dense")
            .classes("w-full")
            .mark("new-role")
        )
        self.password = field("settings.users.password", "new-password", password=True)
        self.repeat = field("settings.users.repeat_password", "new-password-repeat", password=True)

    async def create(self) -> None:
        s = self.session
        password = self.password.value or ""
        if password != (self.repeat.value or ""):
            ui.notify(s.t("settings.users.password_mismatch"), type="negative")
            return
        change = accounts.create_account(
            s.store,
            s.actor,
            login=self.login.value or "",
            role=self.role.value or "",
            password=password,
            full_name=self.full_name.value or "",
            email=self.email.value or "",
        )
        if await _attempt(s, change, "settings.users.created"):
            for box in (self.login, self.full_name, self.email, self.password, self.repeat):
                box.value = ""
            self.dialog.close()
            await self.on_created()
