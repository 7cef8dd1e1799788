"""Business-hours calendars and arithmetic on business time. Pure: no I/O.

A calendar says, for each weekday, which wall-clock intervals of its time zone are working time,
which dates are holidays, and which otherwise free dates are worked (a Saturday the government
moves a working day to, as Russia's production calendar does); such a date has the hours of a
normal working day (the first of Monday..Friday that has hours).

Business time between two instants is the real (elapsed) time that falls inside working
intervals, so on a day when the clocks change an interval spanning the change
is an hour shorter or longer, as it is for the people working it.

Wall-clock times that do not exist (spring-forward gap) or exist twice (fall-back) are read the
way ``zoneinfo`` reads them with ``fold=0``: a gap time counts with the offset before the change,
a repeated time means its first occurrence.

Work runs in integer microseconds since the Unix epoch so that ``business_seconds_between(start,
add_business_seconds(start, s)) == s`` holds exactly. The loop walks day by day; a day without a
clock change costs two ``utcoffset`` calls once and is then kept in the calendar's small day
table, so a span of a year costs a few hundred dictionary lookups, not a minute-by-minute walk.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_US = 1_000_000
_DAY_US = 86_400 * _US
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# A calendar with some working hours reaches them within a week, unless holidays fill the way;
# this bounds the walk through a calendar whose every working day is a holiday for years.
_MAX_DAYS = 366 * 200
_DAY_CACHE_SIZE = 4096

_Day = tuple[int, tuple[tuple[int, int], ...]]
_NO_WORK: _Day = (0, ())


class CalendarError(ValueError):
    """A calendar that cannot be used: bad zone, bad hours, or no working time at all."""


@dataclass(frozen=True)
class BusinessCalendar:
    """Working hours per weekday in one IANA time zone, and holidays (dates in that zone).

    ``week_hours`` maps 'mon'..'sun' to intervals ``(("09:00", "13:00"), ("14:00", "18:00"))``;
    a missing day has no working hours; "24:00" ends a day. Overlapping intervals are merged.
    """

    time_zone: str
    week_hours: Mapping[str, tuple[tuple[str, str], ...]]
    holidays: frozenset[date] = frozenset()
    # Moved working days: dates worked with a normal working day's hours. A holiday wins.
    workdays: frozenset[date] = frozenset()
    # Derived in __post_init__: per weekday, merged (start, end) seconds of the day.
    _spans: tuple[tuple[tuple[int, int], ...], ...] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _totals_us: tuple[int, ...] = field(init=False, repr=False, compare=False, hash=False)
    _zone: ZoneInfo = field(init=False, repr=False, compare=False, hash=False)
    _workday: tuple[tuple[int, int], ...] = field(init=False, repr=False, compare=False, hash=False)
    # Local day ordinal -> (business microseconds, UTC intervals). Timers ask about the same few
    # days every second; a day's table never changes for a given calendar, so it is kept.
    _days: dict[int, _Day] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        try:
            zone = ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise CalendarError(f"unknown time zone {self.time_zone!r}") from None
        unknown = set(self.week_hours) - set(WEEKDAYS)
        if unknown:
            raise CalendarError(f"unknown weekday(s) {sorted(unknown)}; use {', '.join(WEEKDAYS)}")
        spans = tuple(_merge(self.week_hours.get(day, ()), day) for day in WEEKDAYS)
        normalised = {
            day: tuple((_hhmm(a), _hhmm(b)) for a, b in spans[i]) for i, day in enumerate(WEEKDAYS)
        }
        object.__setattr__(self, "week_hours", normalised)
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "workdays", frozenset(self.workdays) - self.holidays)
        # A moved working day is worked like a normal weekday: the first of Mon..Fri with hours.
        working = [s for s in spans[:5] if s] or [s for s in spans if s] or [()]
        object.__setattr__(self, "_workday", working[0])
        object.__setattr__(self, "_spans", spans)
        object.__setattr__(self, "_totals_us", tuple(sum(b - a for a, b in s) * _US for s in spans))
        object.__setattr__(self, "_zone", zone)

    def __hash__(self) -> int:
        return hash((self.time_zone, self._spans, self.holidays, self.workdays))

    @classmethod
    def from_json(
        cls,
        time_zone: str,
        week_hours_json: str,
        holidays: Iterable[date] = (),
        workdays: Iterable[date] = (),
    ) -> BusinessCalendar:
        """From the store's form: ``{"mon": [["09:00", "18:00"]], ..., "sun": []}``."""
        try:
            doc = json.loads(week_hours_json)
        except (TypeError, ValueError):
            raise CalendarError("week hours are not valid JSON") from None
        if not isinstance(doc, dict):
            raise CalendarError("week hours must be an object of weekday -> intervals")
        week: dict[str, tuple[tuple[str, str], ...]] = {}
        for day, intervals in doc.items():
            if not isinstance(intervals, list) or not all(
                isinstance(i, list | tuple) and len(i) == 2 for i in intervals
            ):
                raise CalendarError(f"{day}: intervals must be a list of [start, end] pairs")
            week[str(day)] = tuple((str(a), str(b)) for a, b in intervals)
        return cls(time_zone, week, frozenset(holidays), frozenset(workdays))

    @classmethod
    def twenty_four_seven(
        cls, time_zone: str = "UTC", holidays: Iterable[date] = ()
    ) -> BusinessCalendar:
        return cls(time_zone, dict.fromkeys(WEEKDAYS, (("00:00", "24:00"),)), frozenset(holidays))

    def to_json(self) -> str:
        return json.dumps({day: [list(i) for i in self.week_hours[day]] for day in WEEKDAYS})

    @property
    def has_working_hours(self) -> bool:
        return any(self._totals_us)

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    # -- day tables ----------------------------------------------------------------------------

    def _day(self, ordinal: int) -> _Day:
        """(business microseconds, working intervals as UTC microseconds) of a local day."""
        found = self._days.get(ordinal)
        if found is None:
            found = self._compute_day(ordinal)
            if len(self._days) >= _DAY_CACHE_SIZE:
                self._days.clear()
            self._days[ordinal] = found
        return found

    def _compute_day(self, ordinal: int) -> _Day:
        weekday = (ordinal + 6) % 7  # date.fromordinal(1) is a Monday
        spans = self._spans[weekday]
        day = date.fromordinal(ordinal)
        if day in self.holidays:
            return _NO_WORK
        if not spans and day in self.workdays:
            spans = self._workday
        if not spans:
            return _NO_WORK
        offset = self._midnight_offset_us(ordinal)
        if offset == self._midnight_offset_us(ordinal + 1):
            midnight = (ordinal - _EPOCH_ORDINAL) * _DAY_US - offset
            intervals = tuple((midnight + a * _US, midnight + b * _US) for a, b in spans)
            return sum(b - a for a, b in spans) * _US, intervals
        # The clocks change today: convert each end on its own.
        converted = []
        for a, b in spans:
            start, end = self._utc_us(ordinal, a), self._utc_us(ordinal, b)
            if end > start:
                converted.append((start, end))
        return sum(e - s for s, e in converted), tuple(converted)

    def _midnight_offset_us(self, ordinal: int) -> int:
        return self._utc_offset_us(datetime.fromordinal(ordinal).replace(tzinfo=self._zone))

    def _utc_offset_us(self, moment: datetime) -> int:
        offset = self._zone.utcoffset(moment)
        assert offset is not None
        return (offset.days * 86_400 + offset.seconds) * _US + offset.microseconds

    def _utc_us(self, ordinal: int, second_of_day: int) -> int:
        day, second = divmod(second_of_day, 86_400)
        ordinal += day
        d = date.fromordinal(ordinal)
        hour, rest = divmod(second, 3600)
        moment = datetime(d.year, d.month, d.day, hour, rest // 60, rest % 60, tzinfo=self._zone)
        return (ordinal - _EPOCH_ORDINAL) * _DAY_US + second * _US - self._utc_offset_us(moment)


def _hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def _parse_time(text: str, day: str) -> int:
    hours, sep, minutes = str(text).partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise CalendarError(f"{day}: {text!r} is not a time like 09:00")
    value = int(hours) * 3600 + int(minutes) * 60
    if int(minutes) > 59 or value > 86_400:
        raise CalendarError(f"{day}: {text!r} is not a time between 00:00 and 24:00")
    return value


def _merge(intervals: Iterable[tuple[str, str]], day: str) -> tuple[tuple[int, int], ...]:
    parsed = []
    for start, end in intervals:
        a, b = _parse_time(start, day), _parse_time(end, day)
        if b <= a:
            raise CalendarError(f"{day}: interval {start}-{end} ends before it starts")
        parsed.append((a, b))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(parsed):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


# -- walking the calendar ----------------------------------------------------------------------


def _to_us(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: give a time zone")
    return (moment - _EPOCH) // _ONE_US


def _from_us(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def _local_ordinal(cal: BusinessCalendar, moment: datetime) -> int:
    return moment.astimezone(cal.zone).toordinal()


def _require_hours(cal: BusinessCalendar) -> None:
    if not cal.has_working_hours:
        raise CalendarError(
            "the calendar has no working hours on any weekday, so no due time can be reached"
        )


def add_business_seconds(cal: BusinessCalendar, start: datetime, seconds: int) -> datetime:
    """The UTC instant when ``seconds`` of business time have passed since ``start``.

    Lands at the end of the working interval that uses up the last second (Friday 17:00 plus one
    hour on a 9-18 calendar is Friday 18:00, not Monday 09:00). Zero seconds gives ``start``.
    """
    if seconds < 0:
        raise ValueError("seconds must not be negative")
    start_us = _to_us(start)
    if seconds == 0:
        return _from_us(start_us)
    _require_hours(cal)
    remaining = seconds * _US
    first = _local_ordinal(cal, start) - 1
    for ordinal in range(first, first + _MAX_DAYS):
        total, intervals = cal._day(ordinal)
        if not total:
            continue
        if intervals[0][0] >= start_us and total < remaining:
            remaining -= total
            continue
        for a, b in intervals:
            if b <= start_us:
                continue
            a = max(a, start_us)
            if b - a >= remaining:
                return _from_us(a + remaining)
            remaining -= b - a
    raise CalendarError("holidays leave no working day within 200 years of the start")


def business_seconds_between(cal: BusinessCalendar, start: datetime, end: datetime) -> int:
    """Whole business seconds from ``start`` to ``end``; 0 when ``end`` is not after ``start``."""
    start_us, end_us = _to_us(start), _to_us(end)
    if end_us <= start_us or not cal.has_working_hours:
        return 0
    total_us = 0
    for ordinal in range(_local_ordinal(cal, start) - 1, _local_ordinal(cal, end) + 2):
        total, intervals = cal._day(ordinal)
        if not total:
            continue
        if intervals[0][0] >= start_us and intervals[-1][1] <= end_us:
            total_us += total
            continue
        for a, b in intervals:
            a, b = max(a, start_us), min(b, end_us)
            if b > a:
                total_us += b - a
    return total_us // _US


class BusinessTimeline:
    """Business time on ``cal`` as a running total, for measuring many tickets:
    ``between(start, end)`` equals ``business_seconds_between(cal, start, end)``, but costs the
    same for a span of a year as for an hour (the reports measure 100,000 tickets; the day loop
    above is for one).

    The working intervals of the days asked about are laid end to end in UTC microseconds, with
    the business time before each: the business time up to a moment is then one ``bisect`` and
    a subtraction, with no time-zone arithmetic per moment. The table grows by whole days, a
    year at a time, in both directions as needed."""

    def __init__(self, cal: BusinessCalendar) -> None:
        self.cal = cal
        self._first = 0  # the table holds the local days [_first, _last)
        self._last = 0
        self._starts: list[int] = []  # interval starts, UTC µs, ascending
        self._ends: list[int] = []
        self._before: list[int] = []  # business µs of the intervals before each one
        # On a spring-forward day an interval ending in the gap can reach past the next one's
        # start (both are read with the offset before the change): the table's one-bisect sum
        # assumes none do, so such a calendar is measured by the day loop instead.
        self._overlap = False
        self._working = cal.has_working_hours
        # Moments in [_low_us, _high_us) need no _cover: the UTC days two in from both ends.
        self._low_us = self._high_us = 0

    def _cover(self, moment_us: int) -> None:
        """Make the table hold every interval that can start before the moment and after the
        table's first day: the local day is within a day of the UTC day, so two days either
        side; it then grows a year at a time, so a report's moments cost few rebuilds."""
        day = moment_us // _DAY_US + _EPOCH_ORDINAL
        if self._first <= day - 2 and day + 3 <= self._last:
            return
        if self._first == self._last or day - 2 < self._first:
            last = day + 3 + 366 if self._first == self._last else max(self._last, day + 3)
            self._rebuild(day - 2 - 366, last)
        else:
            self._extend(day + 3 + 366)

    def _rebuild(self, first: int, last: int) -> None:
        self._first = self._last = first
        self._starts, self._ends, self._before = [], [], []
        self._extend(last)

    def _extend(self, last: int) -> None:
        starts, ends, before = self._starts, self._ends, self._before
        total = before[-1] + ends[-1] - starts[-1] if starts else 0
        for ordinal in range(self._last, last):
            for a, b in self.cal._day(ordinal)[1]:
                if ends and a < ends[-1]:
                    self._overlap = True
                starts.append(a)
                ends.append(b)
                before.append(total)
                total += b - a
        self._last = last
        self._low_us = (self._first + 2 - _EPOCH_ORDINAL) * _DAY_US
        self._high_us = (self._last - 3 - _EPOCH_ORDINAL) * _DAY_US

    def between(self, start: datetime, end: datetime) -> int:
        return self.between_us(_to_us(start), _to_us(end))

    def between_us(self, start_us: int, end_us: int) -> int:
        """``between`` for moments as UTC microseconds since the epoch."""
        if end_us <= start_us or not self._working:
            return 0
        # Most moments fall inside the table: test that here before calling _cover.
        if not self._low_us <= start_us < self._high_us:
            self._cover(start_us)
        if not self._low_us <= end_us < self._high_us:
            self._cover(end_us)
        if self._overlap:
            return business_seconds_between(self.cal, _from_us(start_us), _from_us(end_us))
        # The business time up to each moment: that of the intervals before the last one to
        # start before it, plus what of that one has passed. (Written out twice, not as a
        # method: this runs for every ticket of a report.)
        starts, ends, before = self._starts, self._ends, self._before
        i = bisect_left(starts, end_us) - 1
        until_end = 0
        if i >= 0:
            until_end = before[i] - starts[i] + (end_us if end_us < ends[i] else ends[i])
        i = bisect_left(starts, start_us) - 1
        until_start = 0
        if i >= 0:
            until_start = before[i] - starts[i] + (start_us if start_us < ends[i] else ends[i])
        return (until_end - until_start) // _US
