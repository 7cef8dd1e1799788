"""Report periods: the filter bar's presets, local days to UTC bounds, and week/month buckets.
Pure.

A period is a range of whole local days (the appliance's zone), ``start`` and ``end`` both
included: "this month" on 14 May is 1-31 May, "last month" is April, "quarter" the calendar
quarter that holds today. The previous period (for "change against the previous period") is the
same number of days just before; for a whole month or quarter it is the previous month or quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

PRESETS = ("this_month", "last_month", "quarter", "custom")
Preset = Literal["this_month", "last_month", "quarter", "custom"]
Bucket = Literal["week", "month"]
MAX_DAYS = 3 * 366  # a longer range is refused: a report is read, not a data dump


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """[since, until) in UTC: local midnight of ``start`` to local midnight after ``end``."""
        since = datetime.combine(self.start, time(), zone).astimezone(UTC)
        until = datetime.combine(self.end + timedelta(days=1), time(), zone).astimezone(UTC)
        return since, until

    def previous(self) -> Period:
        if self.start.day == 1 and _month_end(self.end) == self.end:
            months = _months_between(self.start, self.end)
            start = _add_months(self.start, -months)
            return Period(start, self.start - timedelta(days=1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def bucket(self) -> Bucket:
        """Weeks for up to about two months, months beyond."""
        return "week" if self.days <= 62 else "month"


def _month_end(day: date) -> date:
    return _add_months(day.replace(day=1), 1) - timedelta(days=1)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def preset_period(preset: str, today: date) -> Period:
    """The period a preset names, as seen on ``today`` (local)."""
    first = today.replace(day=1)
    if preset == "last_month":
        start = _add_months(first, -1)
        return Period(start, first - timedelta(days=1))
    if preset == "quarter":
        start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        return Period(start, _add_months(start, 3) - timedelta(days=1))
    return Period(first, _month_end(today))


def bucket_start(day: date, bucket: Bucket) -> date:
    """The Monday of ``day``'s week, or the first of its month."""
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def buckets(period: Period, bucket: Bucket) -> list[date]:
    """Every bucket the period touches, in order (by its first day)."""
    found: list[date] = []
    day = bucket_start(period.start, bucket)
    while day <= period.end:
        found.append(day)
        day = day + timedelta(days=7) if bucket == "week" else _add_months(day, 1)
    return found


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


_HOUR_US = 3_600_000_000
_DAY_US = 86_400_000_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class LocalDays:
    """Local days of many moments given as UTC microseconds since the epoch, in one zone.

    The zone's offset is looked up once per UTC hour and kept when it holds for the whole hour
    (two ``utcoffset`` calls): a report of 100,000 tickets asks about a few thousand hours. An
    hour with a clock change in it is converted moment by moment."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self._offsets: dict[int, int | None] = {}  # UTC hour -> offset µs, None: it changes

    def ordinal(self, moment_us: int) -> int:
        hour = moment_us // _HOUR_US
        try:
            offset = self._offsets[hour]
        except KeyError:
            offset = self._offsets[hour] = self._steady_offset(hour)
        if offset is None:
            return self._moment(moment_us).astimezone(self.zone).toordinal()
        return (moment_us + offset) // _DAY_US + _EPOCH_ORDINAL

    def _steady_offset(self, hour: int) -> int | None:
        first = self._moment(hour * _HOUR_US).astimezone(self.zone).utcoffset()
        last = self._moment((hour + 1) * _HOUR_US - 1).astimezone(self.zone).utcoffset()
        if first is None or first != last:
            return None
        return first // timedelta(microseconds=1)

    @staticmethod
    def _moment(moment_us: int) -> datetime:
        return _EPOCH + timedelta(microseconds=moment_us)
