"""Settings -> Audit log (admins): who did what, when, from where.

Filters by user, action, object (type and number) and period (dates in the appliance's zone);
pages are read on the server (``services.audit.read_audit``), newest first. Reveals and copies of
credentials and license keys stand out (an icon, red, and a word). "Export CSV" downloads the
entries under the current filter from ``/settings/audit.csv`` (the same check, and the export is
itself audited).

Test markers: ``audit-table`` (``ui.table``), ``audit-user``, ``audit-action``,
``audit-object-type``, ``audit-object-id``, ``audit-from``, ``audit-to``, ``audit-export``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Response
from nicegui import app, events, ui

from appliance.domain.clock import to_db
from appliance.domain.permissions import Permission
from appliance.services.audit import (
    AuditEntry,
    AuditFilter,
    audit_choices,
    export_csv,
    is_reveal,
    read_audit,
)
from appliance.ui.common.coalesce import Coalesced
from appliance.ui.common.date_field import date_field
from appliance.ui.common.errors import shown_errors
from appliance.ui.common.format import local_time, zone
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import http_session, require_user
from appliance.ui.common.session import Session

PATH = "/settings/audit"
EXPORT_PATH = "/settings/audit.csv"
PER_PAGE = 50
PER_PAGE_OPTIONS = [25, 50, 100, 200]

AdminSession = Annotated[Session, Depends(http_session(Permission.MANAGE_SETTINGS))]

_ACTION_CELL = r"""
<q-td :props="props">
  <span v-if="props.row.reveal" class="text-negative text-weight-bold">
    <q-icon name="visibility" color="negative" size="xs" class="q-mr-xs" />
    {{ props.row.reveal_word }}:
  </span>
  <span :class="props.row.reveal ? 'text-negative' : ''">{{ props.value }}</span>
</q-td>
"""


def parse_day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def audit_filter(
    *,
    time_zone: str,
    user: object = None,
    action: object = None,
    object_type: object = None,
    object_id: object = None,
    day_from: object = None,
    day_to: object = None,
) -> AuditFilter:
    """The filter from what the page (or the export URL) holds; unreadable parts are ignored.
    Days are the appliance's local days, ``day_to`` inclusive."""
    tz = zone(time_zone)
    start, end = parse_day(day_from), parse_day(day_to)

    def number(value: object) -> int | None:
        try:
            found = int(str(value)) if value not in (None, "") else None
        except ValueError:
            return None
        return found if found is not None and 0 <= found < 2**63 else None

    return AuditFilter(
        user_id=number(user),
        action=str(action) if action else None,
        object_type=str(object_type) if object_type else None,
        object_id=number(object_id),
        since=to_db(datetime.combine(start, time(), tz)) if start else None,
        until=to_db(datetime.combine(end + timedelta(days=1), time(), tz)) if end else None,
    )


def register() -> None:
    @ui.page(PATH)
    @require_user(Permission.MANAGE_SETTINGS)
    async def audit_page(session: Session) -> None:
        with frame(session, active="settings", title=session.t("audit.title")):
            ui.link(session.t("enrollment.back"), "/settings").classes("text-primary")
            page = AuditLogPage(session)
            await page.build()

    @app.get(EXPORT_PATH, include_in_schema=False)
    async def audit_export(
        session: AdminSession,
        user: str = "",
        action: str = "",
        object_type: str = "",
        object_id: str = "",
        day_from: str = "",
        day_to: str = "",
    ) -> Response:
        wanted = audit_filter(
            time_zone=session.ctx.settings.time_zone,
            user=user,
            action=action,
            object_type=object_type,
            object_id=object_id,
            day_from=day_from,
            day_to=day_to,
        )
        text = await export_csv(session.store, session.actor, wanted)
        return Response(
            # A byte-order mark, so that spreadsheet programs read the Cyrillic as UTF-8.
            content="\ufeff" + text,
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": 'attachment; filename="tiketnitsa-audit.csv"',
                "Cache-Control": "no-store",
            },
        )


class AuditLogPage:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.page = 1
        self.per_page = PER_PAGE
        self.total = 0
        self.values: dict[str, Any] = {}
        # Filters change faster than the query answers: the newest state must win.
        self.reload = Coalesced(self._load)

    async def build(self) -> None:
        s = self.session
        async with shown_errors(s):
            choices = await audit_choices(s.store, s.actor)
            users = {0: s.t("audit.any")} | {uid: login for uid, login in choices.users}
            actions = {"": s.t("audit.any")} | {a: a for a in choices.actions}
            types = {"": s.t("audit.any")} | {o: o for o in choices.object_types}
            with ui.row().classes("w-full items-end gap-3"):
                self._select("user", s.t("audit.user"), users, 0)
                self._select("action", s.t("audit.action"), actions, "")
                self._select("object_type", s.t("audit.object_type"), types, "")
                self._field("object_id", s.t("audit.object_id"), "number", "w-28", "object-id")
                self._day_field("day_from", s.t("audit.from"), "from")
                self._day_field("day_to", s.t("audit.to"), "to")
                ui.space()
                self.export = (
                    ui.button(s.t("audit.export"), icon="download")
                    .props("outline no-caps")
                    .mark("audit-export")
                )
                self.export.on_click(lambda: ui.navigate.to(self.export_url()))
            self.table = self._table()
            await self.reload()

    def _select(self, key: str, label: str, options: dict[Any, str], empty: object) -> None:
        self.values[key] = empty
        select = ui.select(options, label=label, value=empty).props("outlined dense")
        select.classes("w-44").mark(f"audit-{key.replace('_', '-')}")
        select.on_value_change(lambda e, k=key: self._changed(k, e.value))

    def _field(self, key: str, label: str, kind: str, width: str, marker: str) -> None:
        self.values[key] = ""
        field = ui.input(label).props(f"outlined dense type={kind} stack-label").classes(width)
        field.mark(f"audit-{marker}")
        field.on_value_change(lambda e, k=key: self._changed(k, e.value))

    def _day_field(self, key: str, label: str, marker: str) -> None:
        self.values[key] = ""

        async def changed(day: date | None) -> None:
            await self._changed(key, day.isoformat() if day else "")

        field = date_field(label, None, self.session.lang, on_change=changed)
        field.props("outlined dense").classes("w-44").mark(f"audit-{marker}")

    async def _changed(self, key: str, value: object) -> None:
        self.values[key] = value
        self.page = 1
        await self.reload()

    def _query(self) -> dict[str, str]:
        v = self.values
        return {
            "user": str(v.get("user") or ""),
            "action": str(v.get("action") or ""),
            "object_type": str(v.get("object_type") or ""),
            "object_id": str(v.get("object_id") or ""),
            "day_from": str(v.get("day_from") or ""),
            "day_to": str(v.get("day_to") or ""),
        }

    def export_url(self) -> str:
        query = {k: v for k, v in self._query().items() if v}
        return f"{EXPORT_PATH}?{urlencode(query)}" if query else EXPORT_PATH

    def current_filter(self) -> AuditFilter:
        return audit_filter(time_zone=self.session.ctx.settings.time_zone, **self._query())

    def _table(self) -> ui.table:
        s = self.session
        columns = [
            {"name": name, "label": s.t(f"audit.col.{name}"), "field": name, "align": "left"}
            for name in ("at", "who", "action", "object", "detail", "addr")
        ]
        table = (
            ui.table(columns=columns, rows=[], row_key="id", pagination=self._pagination())
            .props("dense flat bordered wrap-cells")
            .props(f"rows-per-page-options=[{','.join(map(str, PER_PAGE_OPTIONS))}]")
            .classes("w-full")
            .mark("audit-table")
        )
        table.props["no-data-label"] = s.t("audit.empty")
        table.add_slot("body-cell-action", _ACTION_CELL)
        table.on("request", self._on_request)
        return table

    def _pagination(self) -> dict[str, Any]:
        return {"page": self.page, "rowsPerPage": self.per_page, "rowsNumber": self.total}

    async def _on_request(self, event: events.GenericEventArguments) -> None:
        wanted = event.args.get("pagination", {}) if isinstance(event.args, dict) else {}
        per_page = wanted.get("rowsPerPage")
        self.per_page = per_page if per_page in PER_PAGE_OPTIONS else PER_PAGE
        page = wanted.get("page")
        self.page = page if isinstance(page, int) and page > 0 else 1
        await self.reload()

    def _row(self, entry: AuditEntry) -> dict[str, Any]:
        s = self.session
        reveal = is_reveal(entry.action)
        obj = entry.object_type
        if entry.object_id is not None:
            obj = f"{obj} #{entry.object_id}"
        return {
            "id": entry.id,
            "at": local_time(entry.at, s.ctx.settings.time_zone),
            "who": entry.user_login or ("—" if entry.user_id is None else f"#{entry.user_id}"),
            "action": entry.action,
            "object": obj,
            "detail": entry.detail,
            "addr": entry.remote_addr,
            "reveal": reveal,
            "reveal_word": s.t("audit.reveal") if reveal else "",
        }

    async def _load(self) -> None:
        s = self.session
        async with shown_errors(s):
            found = await read_audit(
                s.store, s.actor, self.current_filter(), page=self.page, per_page=self.per_page
            )
            self.total = found.total
            self.table.rows = [self._row(entry) for entry in found.entries]
            self.table.pagination = self._pagination()
            self.table.update()
