"""``/tickets`` (and ``/`` -> ``/tickets``): the technicians' live ticket list.

Ready views as tabs with their counts, a filter bar, and one page of tickets at a time: paging,
sorting and filtering run in the store (``appliance.services.ticket_list``), so the list stays fast
at any size. ``?q=text`` (the header's search) opens the list searching all tickets for the text;
``?view=`` picks a view.

Live: the page subscribes to the app's change watcher (``appliance.live``) and reloads the page
it shows when any ticket changes, from wherever. A one-second timer recomputes only the SLA
timers and "received ... ago" of the rows on screen, without a query; it sends them to the
browser only when some text changed.

Keys (not while typing in a field): ``j``/``k`` move the selection, ``Enter`` opens it, ``/``
focuses the search, ``n`` opens ``/tickets/new``. Clicking a row opens the ticket.

Test markers: ``ticket-list`` (the table), ``ticket-list-views``, ``ticket-list-view-<view>``,
``ticket-list-count-<view>``, ``ticket-list-search``, ``ticket-list-filter-<name>``,
``ticket-list-clear``, ``ticket-list-keys``, ``ticket-list-new``, ``ticket-list-sound``,
``ticket-list-browser``.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, events, ui

from appliance.domain.clock import utc_now
from appliance.domain.errors import AppError
from appliance.domain.permissions import Permission
from appliance.domain.sla import BusinessCalendar
from appliance.live import TicketChanges, ticket_changes
from appliance.services.ticket_list import (
    VIEWS,
    ListFilters,
    TicketRow,
    filter_choices,
    list_screen,
    new_rows,
)
from appliance.ui.common.coalesce import Coalesced
from appliance.ui.common.errors import notify_error
from appliance.ui.common.format import zone
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import HOME_PATH, home_for, remote_addr_of, require_user
from appliance.ui.common.session import Session, app_context, load_session
from appliance.ui.common.tables import friendly_empty, paging_words
from appliance.ui.tickets import sla_warnings
from appliance.ui.tickets.list_filters import FilterBar
from appliance.ui.tickets.list_notify import Notifier, register_static
from appliance.ui.tickets.list_rows import cells, refresh_clock
from appliance.ui.tickets.list_url import filters_from_query, list_url

log = logging.getLogger("tiketnitsa.ui")

NEW_TICKET_PATH = "/tickets/new"
DEFAULT_VIEW = "open"
SEARCH_VIEW = "all"
DEFAULT_SORT = ("received", True)
# "Breaching soon" reads best most urgent first (and that is its index's own order).
VIEW_SORTS = {"breaching": ("due", False)}
PER_PAGE = 50
PER_PAGE_OPTIONS = [25, 50, 100]
MAX_QUERY = 200
MAX_ANNOUNCED = 10
CLOCK_INTERVAL = 1.0

# Table column -> list sort key; columns not here do not sort.
_SORT_OF_COLUMN = {
    "number": "number",
    "received": "received",
    "org": "organisation",
    "priority": "priority",
    "status": "status",
    "assignee": "assignee",
    "sla": "due",
}
_COLUMN_OF_SORT = {sort: column for column, sort in _SORT_OF_COLUMN.items()}

# (column, label key, align, width). The table has a fixed layout so that it fits a 1366-pixel
# screen beside the navigation; the description takes what the others leave.
_COLUMNS = (
    ("number", "ticket_list.col.number", "right", "66px"),
    ("received", "ticket_list.col.received", "left", "96px"),
    ("org", "ticket_list.col.organisation", "left", "11%"),
    ("person", "ticket_list.col.person", "left", "9%"),
    ("summary", "ticket_list.col.summary", "left", ""),
    ("category", "ticket_list.col.category", "left", "10%"),
    ("priority", "ticket_list.col.priority", "left", "92px"),
    ("status", "ticket_list.col.status", "left", "142px"),
    ("assignee", "ticket_list.col.assignee", "left", "10%"),
    ("sla", "ticket_list.col.sla", "left", "180px"),
)

# One row. Only {{ }} and bound attributes: Vue escapes both, so no user text becomes markup.
_ROW_TEMPLATE = r"""
<q-tr :props="props" :class="props.row.sel ? 'tk-row tk-row-selected' : 'tk-row'"
      @click="$parent.$emit('open_ticket', props.row.number)">
  <q-td key="number" :props="props">
    <a :href="props.row.href" class="tk-number" @click.stop>{{ props.row.number }}</a>
  </q-td>
  <q-td key="received" :props="props">
    <span>{{ props.row.received }}</span>
    <q-tooltip>{{ props.row.received_abs }}</q-tooltip>
  </q-td>
  <q-td key="org" :props="props">
    <div class="tk-clamp" :title="props.row.org">{{ props.row.org }}</div>
  </q-td>
  <q-td key="person" :props="props">
    <div class="tk-clamp" :title="props.row.person">{{ props.row.person }}</div>
  </q-td>
  <q-td key="summary" :props="props">
    <div class="tk-clamp" :title="props.row.summary">{{ props.row.summary }}</div>
  </q-td>
  <q-td key="category" :props="props">
    <div class="tk-clamp" :title="props.row.category">{{ props.row.category }}</div>
  </q-td>
  <q-td key="priority" :props="props">
    <q-badge :color="props.row.priority_colour" :label="props.row.priority" />
  </q-td>
  <q-td key="status" :props="props">
    <q-badge outline :color="props.row.status_colour" :label="props.row.status" />
  </q-td>
  <q-td key="assignee" :props="props">
    <div class="tk-clamp" :title="props.row.assignee">{{ props.row.assignee }}</div>
  </q-td>
  <q-td key="sla" :props="props">
    <q-badge v-if="props.row.sla_text" class="tk-sla" :color="props.row.sla_colour"
             :label="props.row.sla_text">
      <q-tooltip>{{ props.row.sla_hint }}</q-tooltip>
    </q-badge>
  </q-td>
</q-tr>
"""

_CSS = """
.tk-list table { table-layout: fixed; width: 100%; }
.tk-list th { font-weight: 600; color: #455a64; white-space: nowrap; overflow: hidden;
              text-overflow: ellipsis; padding-left: 6px; padding-right: 6px; }
.tk-list td { font-size: 13px; vertical-align: top; padding: 6px; line-height: 1.35;
              white-space: normal; overflow-wrap: normal; word-break: normal; hyphens: manual; }
.tk-list .tk-clamp { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
                     overflow: hidden; text-overflow: ellipsis; }
.tk-list .tk-row { cursor: pointer; }
.tk-list .tk-row-selected td { background: #e3edf7; }
.tk-list .tk-row-selected td:first-child { box-shadow: inset 3px 0 0 #24527a; }
.tk-list a.tk-number { color: #24527a; font-weight: 600; text-decoration: none;
                      white-space: nowrap; }
.tk-list .q-badge { font-size: 12px; padding: 3px 6px; white-space: nowrap; }
.tk-list .tk-sla { font-variant-numeric: tabular-nums; }
.tk-tabs .q-tab { padding: 0 10px; min-height: 36px; }
.tk-tabs .q-tab__label { font-size: 13px; }
.tk-filters .q-field__label, .tk-filters .q-field__native { font-size: 13px; }
"""


class TicketListPage:
    """One browser window's ticket list."""

    def __init__(self, session: Session, *, view: str, filters: ListFilters) -> None:
        self.session = session
        self.lang = session.lang
        self.zone = zone(session.ctx.settings.time_zone)
        self.view = view
        self.filters = filters
        self.sort, self.descending = VIEW_SORTS.get(self.view, DEFAULT_SORT)
        self.page = 1
        self.per_page = PER_PAGE
        self.total = 0
        self.rows: dict[int, TicketRow] = {}
        self.calendars: dict[int, BusinessCalendar] = {}
        self.selected_id: int | None = None
        self.may_create = session.may(Permission.CREATE_TICKETS)
        self.views = [v for v in VIEWS if v != "mine" or session.may(Permission.WORK_TICKETS)]
        if self.view not in self.views:
            self.view = DEFAULT_VIEW
        self.notifier = Notifier(session)
        self._counts: dict[str, ui.badge] = {}
        self.reload = Coalesced(self._load)
        # The change the next load answers (None: the user changed what is shown). Windows
        # answering the same change share one read of the common part (services.ticket_list).
        self._as_of: int | None = None
        self.table: ui.table
        self.tabs: ui.tabs
        self.filter_bar: FilterBar

    # -- building ---------------------------------------------------------------------------

    async def build(self) -> None:
        choices = await filter_choices(self.session.store, self.session.actor)
        ui.add_css(_CSS)
        t = self.session.t
        with ui.row().classes("w-full items-center gap-2 no-wrap"):
            self.tabs = (
                # A tab's name works as the value too (NiceGUI's stubs name only Tab objects).
                ui.tabs(value=self.view, on_change=self._on_view)  # type: ignore[arg-type]
                .props("dense no-caps inline-label align=left")
                .props("active-color=primary indicator-color=primary")
                .classes("tk-tabs text-grey-8")
                .mark("ticket-list-views")
            )
            with self.tabs:
                for view in self.views:
                    with ui.tab(view, label=t(f"ticket_list.view.{view}")).mark(
                        f"ticket-list-view-{view}"
                    ):
                        self._counts[view] = (
                            ui.badge("", color="grey-3", text_color="grey-9")
                            .props("rounded")
                            .classes("ml-1")
                            .mark(f"ticket-list-count-{view}")
                        )
            ui.space()
            self.notifier.controls()
            if self.may_create:
                ui.button(
                    t("ticket_list.new_ticket"),
                    icon="add",
                    on_click=lambda: ui.navigate.to(NEW_TICKET_PATH),
                ).props("unelevated no-caps dense color=primary").classes("px-3").mark(
                    "ticket-list-new"
                )
        self.filter_bar = FilterBar(self.session, choices, self.filters, self._on_filters)
        self.filter_bar.build()
        self.table = self._build_table()
        ui.label(t("ticket_list.keys_hint")).classes("text-caption text-grey-6")
        ui.keyboard(on_key=self._on_key).mark("ticket-list-keys")
        ui.timer(CLOCK_INTERVAL, self._tick)

    def _build_table(self) -> ui.table:
        t = self.session.t
        columns = [
            {
                "name": name,
                "label": t(label),
                "field": name,
                "align": align,
                "headerStyle": f"width: {width}" if width else "",
                "sortable": name in _SORT_OF_COLUMN,
            }
            for name, label, align, width in _COLUMNS
        ]
        table = (
            ui.table(columns=columns, rows=[], row_key="id", pagination=self._pagination())
            .props("dense flat bordered binary-state-sort")
            .props(f"rows-per-page-options={json.dumps(PER_PAGE_OPTIONS)}")
            .classes("w-full tk-list")
            .mark("ticket-list")
        )
        table.props["lang"] = self.lang
        friendly_empty(table, t("ticket_list.empty"), icon="task_alt")
        paging_words(table, self.lang)
        table.add_slot("body", _ROW_TEMPLATE)
        table.on("request", self._on_request)
        table.on_pagination_change(self._keep_pagination)
        table.on("open_ticket", lambda e: self.open_ticket(e.args))
        return table

    def _keep_pagination(self, event: events.ValueChangeEventArguments[dict[str, Any]]) -> None:
        """Quasar reports its pagination when the table mounts with a sort (the "Горят сроки"
        view opened from its address), carrying its own count of 0 — which NiceGUI adopts and
        the footer then read "1–0 из 0". The server's count is the truth: put it back."""
        shown = event.value or {}
        if shown.get("rowsNumber") != self.total:
            self.table.pagination = self._pagination()

    def _pagination(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "rowsPerPage": self.per_page,
            "rowsNumber": self.total,
            "sortBy": _COLUMN_OF_SORT.get(self.sort),
            "descending": self.descending,
        }

    def follow_changes(self) -> None:
        # Subscribed inside the page: unsubscribed when this window goes away.
        ticket_changes().subscribe(self._on_changes)
        sla_warnings.follow(self.session)

    # -- loading ----------------------------------------------------------------------------

    async def _load(self) -> None:
        """Read the current page and the view counts again (through ``self.reload``: a burst of
        changes costs two queries)."""
        now = utc_now()
        as_of, self._as_of = self._as_of, None
        try:
            shown_now = await list_screen(
                self.session.store,
                self.session.actor,
                view=self.view,
                filters=self.filters,
                sort=self.sort,
                descending=self.descending,
                page=self.page,
                per_page=self.per_page,
                now=now,
                as_of=as_of,
            )
        except AppError as err:
            notify_error(self.session, err)
            return
        found, counts, calendars = shown_now.page, shown_now.counts, shown_now.calendars
        self.page, self.total, self.calendars = found.page, found.total, calendars
        self.rows = {row.id: row for row in found.rows}
        shown = [
            cells(row, now=now, calendars=calendars, lang=self.lang, zone=self.zone)
            for row in found.rows
        ]
        if self.selected_id not in self.rows:
            self.selected_id = None
        for cell in shown:
            cell["sel"] = cell["id"] == self.selected_id
        self.table.rows = shown
        self.table.pagination = self._pagination()
        self.table.update()
        for view_name, badge in self._counts.items():
            badge.set_text(str(counts.get(view_name, 0)))

    def _tick(self) -> None:
        if refresh_clock(
            self.table.rows,
            self.rows,
            now=utc_now(),
            calendars=self.calendars,
            lang=self.lang,
            zone=self.zone,
        ):
            self.table.update()

    # -- events -----------------------------------------------------------------------------

    async def _on_view(self, event: events.ValueChangeEventArguments) -> None:
        if event.value == self.view or event.value not in self.views:
            return
        self.view = event.value
        self.sort, self.descending = VIEW_SORTS.get(self.view, DEFAULT_SORT)
        self.page = 1
        self.selected_id = None
        self._show_in_address()
        await self.reload()

    async def _on_filters(self, filters: ListFilters) -> None:
        self.filters = filters
        self.page = 1
        self._show_in_address()
        await self.reload()

    def _show_in_address(self) -> None:
        """Put the view and filters in the address bar (replacing, so Back leaves the list
        rather than undoing one filter at a time): a reload, a bookmark and Back from a
        ticket all bring this list back."""
        ui.navigate.history.replace(list_url(self.view, self.filters))

    async def _on_request(self, event: events.GenericEventArguments) -> None:
        wanted = event.args.get("pagination", {}) if isinstance(event.args, dict) else {}
        column = wanted.get("sortBy")
        if column in _SORT_OF_COLUMN:
            self.sort, self.descending = _SORT_OF_COLUMN[column], bool(wanted.get("descending"))
        else:
            self.sort, self.descending = VIEW_SORTS.get(self.view, DEFAULT_SORT)
        per_page = wanted.get("rowsPerPage")
        self.per_page = per_page if per_page in PER_PAGE_OPTIONS else PER_PAGE
        page = wanted.get("page")
        self.page = page if isinstance(page, int) and page > 0 else 1
        await self.reload()

    async def _on_changes(self, changes: TicketChanges) -> None:
        self._as_of = changes.last_seq
        await self.reload()
        created = sorted(changes.created_ids)[:MAX_ANNOUNCED]
        if created and (self.notifier.sound or self.notifier.browser):
            arrived = await new_rows(self.session.store, self.session.actor, ticket_ids=created)
            self.notifier.announce(arrived)

    def _on_key(self, event: events.KeyEventArguments) -> None:
        if not event.action.keydown:
            return
        if event.modifiers.ctrl or event.modifiers.alt or event.modifiers.meta:
            return
        key = event.key.name
        if key == "j":
            self.move_selection(+1)
        elif key == "k":
            self.move_selection(-1)
        elif key == "Enter" and self.selected_id is not None:
            self.open_ticket(self.rows[self.selected_id].number)
        elif key == "/":
            self.filter_bar.focus_search()
        elif key == "n" and self.may_create:
            ui.navigate.to(NEW_TICKET_PATH)

    def move_selection(self, step: int) -> None:
        ids = [cell["id"] for cell in self.table.rows]
        if not ids:
            return
        if self.selected_id in ids:
            index = min(max(ids.index(self.selected_id) + step, 0), len(ids) - 1)
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.selected_id = ids[index]
        for cell in self.table.rows:
            cell["sel"] = cell["id"] == self.selected_id
        self.table.update()
        ui.run_javascript(
            "setTimeout(() => document.querySelector('.tk-row-selected')"
            "?.scrollIntoView({block: 'nearest'}), 60)"
        )

    def open_ticket(self, number: object) -> None:
        if isinstance(number, int) and number > 0:
            ui.navigate.to(f"/tickets/{number}")


def register() -> None:
    register_static()

    @ui.page("/")
    async def index(request: Request) -> RedirectResponse:
        # Each role's home: the list for those who work tickets, the dashboard for managers.
        session = await load_session(
            app_context(), app.storage.user, remote_addr=remote_addr_of(request)
        )
        return RedirectResponse(
            home_for(session.user.role) if session is not None else HOME_PATH, status_code=303
        )

    @ui.page("/tickets")
    @require_user(Permission.VIEW_TICKETS)
    async def tickets_page(
        session: Session,
        q: str = "",
        view: str = "",
        status: str = "",
        priority: str = "",
        org: str = "",
        assignee: str = "",
        category: str = "",
        sla: str = "",
    ) -> None:
        filters = filters_from_query(
            q=q,
            status=status,
            priority=priority,
            org=org,
            assignee=assignee,
            category=category,
            sla=sla,
        )
        text = filters.text
        if view not in VIEWS:
            view = SEARCH_VIEW if text else DEFAULT_VIEW
        page = TicketListPage(session, view=view, filters=filters)
        with frame(session, active="tickets", search=text):
            ui.page_title(f"{session.t('ticket_list.title')} — {session.t('app.name')}")
            await page.build()
        page.follow_changes()
        await page.reload()
