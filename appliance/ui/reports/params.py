"""A report page's filters as they travel in its URL (so a filtered report can be reloaded,
bookmarked and exported with the same filters): ``preset``, ``start``, ``end`` (custom period,
``YYYY-MM-DD``), ``org``, ``tech``, ``category`` (ids) and ``priority``. Unreadable parts are
ignored, as the ticket list does."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from urllib.parse import urlencode

from appliance.reports.period import PRESETS, Period, preset_period
from appliance.services.reports import PRIORITIES, ReportQuery
from appliance.ui.common.format import zone

DEFAULT_PRESET = "this_month"


@dataclass(frozen=True)
class ReportParams:
    preset: str = DEFAULT_PRESET
    start: date | None = None
    end: date | None = None
    org: int | None = None
    tech: int | None = None
    category: int | None = None
    priority: str | None = None

    def period(self, today: date) -> Period:
        if self.preset == "custom" and self.start and self.end:
            return Period(self.start, self.end)
        return preset_period(self.preset if self.preset != "custom" else DEFAULT_PRESET, today)

    def query(self, kind: str, today: date) -> ReportQuery:
        return ReportQuery(
            kind,
            self.period(today),
            org_id=self.org,
            tech_id=self.tech,
            category_id=self.category,
            priority=self.priority,
        )

    def encoded(self, **extra: str) -> str:
        values: dict[str, object] = {"preset": self.preset}
        if self.preset == "custom":
            values |= {"start": self.start or "", "end": self.end or ""}
        for key in ("org", "tech", "category", "priority"):
            if getattr(self, key) is not None:
                values[key] = getattr(self, key)
        return urlencode({**values, **extra})

    def with_(self, **changes: object) -> ReportParams:
        return replace(self, **changes)  # type: ignore[arg-type]


def _int(text: str) -> int | None:
    try:
        value = int(text)
    except ValueError:
        return None
    return value if 0 < value < 2**63 else None


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def from_query(
    *,
    preset: str = "",
    start: str = "",
    end: str = "",
    org: str = "",
    tech: str = "",
    category: str = "",
    priority: str = "",
) -> ReportParams:
    return ReportParams(
        preset=preset if preset in PRESETS else DEFAULT_PRESET,
        start=parse_day(start),
        end=parse_day(end),
        org=_int(org),
        tech=_int(tech),
        category=_int(category),
        priority=priority if priority in PRIORITIES else None,
    )


def today_in(time_zone: str, now: datetime) -> date:
    return now.astimezone(zone(time_zone)).date()
