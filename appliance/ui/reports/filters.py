"""The filter bar every report page shares: period (this month, last month, quarter, custom
with two dates), organisation, technician, category and priority. A change reloads the page at
the URL that holds the new filters.

Test markers: ``report-preset``, ``report-start``, ``report-end``, ``report-org``,
``report-tech``, ``report-category``, ``report-priority``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from nicegui import ui

from appliance.reports.period import PRESETS, Period
from appliance.services.reports import PRIORITIES, ReportChoices
from appliance.ui.common.date_field import date_field
from appliance.ui.common.session import Session
from appliance.ui.reports.params import ReportParams


class FilterBar:
    def __init__(
        self,
        session: Session,
        choices: ReportChoices,
        params: ReportParams,
        period: Period,
        on_change: Callable[[ReportParams], None],
    ) -> None:
        self.session = session
        self.choices = choices
        self.params = params
        self.period = period
        self.on_change = on_change

    def build(self) -> None:
        s = self.session
        any_ = s.t("reports.ui.any")
        with ui.row().classes("w-full items-end gap-3").mark("report-filters"):
            self._select(
                "preset",
                s.t("reports.ui.period"),
                {p: s.t(f"reports.ui.preset.{p}") for p in PRESETS},
                self.params.preset,
                "w-44",
            )
            custom = self.params.preset == "custom"
            for key, value in (("start", self.period.start), ("end", self.period.end)):
                date_field(
                    s.t(f"reports.ui.{key}"),
                    value,
                    s.lang,
                    on_change=self._day_setter(key),
                    disabled=not custom,
                ).props("outlined dense").classes(f"w-44 tk-report-{key}").mark(f"report-{key}")
            self._select(
                "org",
                s.t("reports.filter.org"),
                {0: any_} | {c.id: c.label for c in self.choices.organisations},
                self.params.org or 0,
                "w-52",
            )
            self._select(
                "tech",
                s.t("reports.filter.tech"),
                {0: any_} | {c.id: c.label for c in self.choices.technicians},
                self.params.tech or 0,
                "w-44",
            )
            self._select(
                "category",
                s.t("reports.filter.category"),
                {0: any_} | {c.id: c.label for c in self.choices.categories},
                self.params.category or 0,
                "w-52",
            )
            self._select(
                "priority",
                s.t("reports.filter.priority"),
                {"": any_} | {p: s.t(f"priority.{p}") for p in PRIORITIES},
                self.params.priority or "",
                "w-36",
            )

    def _select(
        self, key: str, label: str, options: dict[Any, str], value: object, width: str
    ) -> None:
        select = ui.select(options, label=label, value=value).props("outlined dense options-dense")
        select.classes(width).mark(f"report-{key}")
        select.on_value_change(lambda e, k=key: self._changed(k, e.value))

    def _changed(self, key: str, value: object) -> None:
        if key == "preset":
            changed = self.params.with_(preset=str(value))
            if value == "custom":
                changed = changed.with_(start=self.period.start, end=self.period.end)
        elif key == "priority":
            changed = self.params.with_(priority=str(value) or None)
        else:
            changed = self.params.with_(**{key: int(str(value or 0)) or None})
        self.on_change(changed)

    def _day_setter(self, key: str) -> Callable[[date | None], None]:
        return lambda day: self._day(key, day)

    def _day(self, key: str, day: date | None) -> None:
        if day is None:  # emptied: the period stays as it is until a day is given
            return
        start = day if key == "start" else self.period.start
        end = day if key == "end" else self.period.end
        self.on_change(self.params.with_(preset="custom", start=start, end=end))
