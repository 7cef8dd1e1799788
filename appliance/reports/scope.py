"""What a report covers, as its header says it: the period and the filters chosen. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from appliance.i18n import t
from appliance.reports.cells import DATE_FORMAT, TIME_FORMAT
from appliance.reports.period import Period


@dataclass(frozen=True)
class Scope:
    period: Period
    zone: ZoneInfo
    lang: str
    now: datetime
    org: str | None = None  # names of what the filters chose; None: all
    tech: str | None = None
    category: str | None = None
    priority: str | None = None  # the priority's code

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def header(self) -> list[str]:
        p = self.period
        lines = [
            self.t(
                "reports.header.period",
                start=p.start.strftime(DATE_FORMAT),
                end=p.end.strftime(DATE_FORMAT),
            )
        ]
        chosen = [
            (self.org, "reports.filter.org"),
            (self.tech, "reports.filter.tech"),
            (self.category, "reports.filter.category"),
            (
                self.t(f"priority.{self.priority}") if self.priority else None,
                "reports.filter.priority",
            ),
        ]
        parts = [f"{self.t(key)}: {name}" for name, key in chosen if name]
        if parts:
            lines.append("; ".join(parts))
        lines.append(
            self.t(
                "reports.header.made",
                at=self.now.astimezone(self.zone).strftime(TIME_FORMAT),
                zone=self.zone.key,
            )
        )
        return lines
