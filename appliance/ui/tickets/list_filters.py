"""The filter bar above the ticket list: free text, status, priority, organisation, assignee,
category and SLA state. It holds a ``ListFilters`` and calls ``on_change`` when one changes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from nicegui import ui

from appliance.domain.workflow import PRIORITIES, STATUSES
from appliance.services.ticket_list import (
    SLA_STATES,
    UNASSIGNED,
    FilterChoices,
    ListFilters,
    Service,
)
from appliance.ui.common.a11y import icon_button
from appliance.ui.common.session import Session

MAX_TEXT = 200
SEARCH_DEBOUNCE_MS = 300


class FilterBar:
    def __init__(
        self,
        session: Session,
        choices: FilterChoices,
        filters: ListFilters,
        on_change: Callable[[ListFilters], Awaitable[None]],
    ) -> None:
        self.session = session
        self.choices = choices
        self.filters = filters
        self.on_change = on_change
        self.search: ui.input | None = None
        self._selects: list[ui.select] = []

    def build(self) -> None:
        t = self.session.t
        with ui.row().classes("w-full items-center gap-2 no-wrap tk-filters"):
            self.search = (
                ui.input(value=self.filters.text, placeholder=t("ticket_list.filter.search"))
                .props(
                    f"dense outlined clearable debounce={SEARCH_DEBOUNCE_MS} maxlength={MAX_TEXT}"
                )
                .classes("w-44 shrink-0")
                .mark("ticket-list-search")
            )
            with self.search.add_slot("prepend"):
                ui.icon("search", size="xs")
            self.search.on_value_change(lambda e: self._set(text=(e.value or "")[:MAX_TEXT]))
            self._select(
                "status",
                {s: t(f"status.{s}") for s in STATUSES},
                list(self.filters.statuses),
                lambda v: self._set(statuses=tuple(v or ())),
                multiple=True,
            )
            self._select(
                "priority",
                {p: t(f"priority.{p}") for p in reversed(PRIORITIES)},
                list(self.filters.priorities),
                lambda v: self._set(priorities=tuple(v or ())),
                multiple=True,
            )
            self._select(
                "organisation",
                {c.id: c.label for c in self.choices.organisations},
                self.filters.org_id,
                lambda v: self._set(org_id=v),
                searchable=True,
            )
            self._select(
                "assignee",
                {
                    UNASSIGNED: t("ticket_list.filter.unassigned"),
                    **{c.id: c.label for c in self.choices.assignees},
                },
                self.filters.assignee,
                lambda v: self._set(assignee=v),
                searchable=True,
            )
            self._select(
                "category",
                _category_options(self.choices.categories),
                self.filters.category_id,
                lambda v: self._set(category_id=v),
                searchable=True,
            )
            self._select(
                "sla",
                {s: t(f"ticket_list.sla.{s}") for s in SLA_STATES},
                self.filters.sla,
                lambda v: self._set(sla=v),
            )
            icon_button(
                "filter_alt_off",
                t("ticket_list.filter.clear"),
                self._clear,
                props="flat round dense color=grey-7",
            ).mark("ticket-list-clear")

    def _select(
        self,
        name: str,
        options: dict[Any, str],
        value: Any,
        apply: Callable[[Any], Awaitable[None]],
        *,
        multiple: bool = False,
        searchable: bool = False,
    ) -> None:
        select = (
            ui.select(
                options,
                value=value,
                label=self.session.t(f"ticket_list.filter.{name}"),
                multiple=multiple,
                with_input=searchable,
                clearable=True,
            )
            .props("dense outlined options-dense")
            .classes("min-w-0 grow basis-0")
            .mark(f"ticket-list-filter-{name}")
        )
        select.on_value_change(lambda e: apply(e.value))
        self._selects.append(select)

    async def _set(self, **changes: Any) -> None:
        fresh = replace(self.filters, **changes)
        if fresh == self.filters:
            return
        self.filters = fresh
        await self.on_change(fresh)

    async def _clear(self) -> None:
        if self.filters == ListFilters():
            return
        self.filters = ListFilters()
        # Setting each control fires its change; the list reloads once, below.
        for select in self._selects:
            select.set_value([] if select.multiple else None)
        if self.search is not None:
            self.search.set_value("")
        await self.on_change(self.filters)

    def focus_search(self) -> None:
        if self.search is not None:
            self.search.run_method("focus")


def _category_options(services: list[Service]) -> dict[int, str]:
    options: dict[int, str] = {}
    for service in services:
        options[service.id] = service.name
        for problem in service.problems:
            options[problem.id] = f"{service.name} › {problem.label}"
    return options
