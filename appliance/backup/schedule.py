"""When scheduled backups run, what they are called, and which old ones are removed. Pure.

A scheduled backup is written to ``tiketnitsa-YYYYMMDD-HHMMSS.tkbak`` (local time) in the chosen
folder. Retention keeps the newest backup of each of the last ``keep_daily`` days that have one,
and the newest of each of the last ``keep_weekly`` ISO weeks; other files of that name pattern
are removed (nothing else in the folder is touched).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta

from appliance.domain.errors import InvalidInput

SUFFIX = ".tkbak"
_NAME = re.compile(r"^tiketnitsa-(\d{8}-\d{6})\.tkbak$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
MAX_KEEP = 365


@dataclass(frozen=True)
class Schedule:
    enabled: bool = False
    at: str = "02:30"  # local time of the appliance's zone
    folder: str = ""
    keep_daily: int = 7
    keep_weekly: int = 4

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: str | None) -> Schedule:
        if not raw:
            return cls()
        doc = json.loads(raw)
        return cls(**{k: v for k, v in doc.items() if k in cls.__dataclass_fields__})

    def checked(self) -> Schedule:
        if not _TIME.match(self.at):
            raise InvalidInput("backup.bad_time")
        keeps = (self.keep_daily, self.keep_weekly)
        if any(not 0 <= k <= MAX_KEEP for k in keeps) or sum(keeps) == 0:
            raise InvalidInput("backup.bad_keep", n=MAX_KEEP)
        return self

    def time_of_day(self) -> time:
        hours, minutes = self.at.split(":")
        return time(int(hours), int(minutes))


def backup_name(moment: datetime) -> str:
    return f"tiketnitsa-{moment:%Y%m%d-%H%M%S}{SUFFIX}"


def moment_of(name: str) -> datetime | None:
    match = _NAME.match(name)
    return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S") if match else None


def next_run(schedule: Schedule, now_local: datetime) -> datetime:
    """The next moment (in ``now_local``'s zone) at the schedule's time of day, after now."""
    at = schedule.time_of_day()
    candidate = now_local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if candidate <= now_local:
        candidate = (candidate + timedelta(days=1)).replace(hour=at.hour, minute=at.minute)
    return candidate


def to_delete(names: list[str], *, keep_daily: int, keep_weekly: int) -> list[str]:
    """The scheduled backups among ``names`` that retention removes (oldest first)."""
    dated = sorted(((m, n) for n in names if (m := moment_of(n)) is not None), reverse=True)
    keep: set[str] = set()
    days: list[object] = []
    weeks: list[object] = []
    for moment, name in dated:  # newest first: the first of each day or week is its newest
        day = moment.date()
        week = moment.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.append(day)
            keep.add(name)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.append(week)
            keep.add(name)
    return [name for _, name in reversed(dated) if name not in keep]
