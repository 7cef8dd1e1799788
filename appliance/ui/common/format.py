"""The one place that turns times, durations and sizes into text for people.

One wording in both languages, everywhere: the list, the ticket header, the history, the client
panel, settings and reports all call these. Times are stored in UTC and shown in the appliance's
zone as ``dd.mm.yyyy hh:mm``. Durations read "12 д" / "12 d" from a week on, "2 д 3 ч" /
"2 d 3 h", "1 ч 05 мин" / "1 h 05 min", under ten minutes "7 мин 21 с" / "7 min 21 s" (the
last minutes before a breach count), and "40 с" / "40 s".
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from appliance.domain.clock import from_db
from appliance.i18n import t

DATE_FORMAT = "%d.%m.%Y"
TIME_FORMAT = "%d.%m.%Y %H:%M"
# Under this many seconds a duration counts seconds too.
SECONDS_SHOWN_BELOW = 600
# From this many days on, hours are noise ("181 д", not "181 д 4 ч").
DAYS_ONLY_FROM = 7
# Clocks closer than this are treated as agreeing (transport and queueing take a moment).
CLOCK_TOLERANCE_SECONDS = 60


def zone(time_zone: str) -> ZoneInfo:
    """The appliance's zone; UTC if the configured name is unknown to this machine."""
    try:
        return ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _shown(moment: datetime, tz: ZoneInfo, pattern: str) -> str:
    # A stored time near the ends of the calendar (year 1 or 9999) has no local form in a zone
    # ahead of or behind UTC: show it in UTC, saying so, instead of failing the whole page.
    try:
        return moment.astimezone(tz).strftime(pattern)
    except (OverflowError, ValueError):
        return moment.astimezone(UTC).strftime(pattern) + " UTC"


def when(moment: datetime | None, time_zone: str | ZoneInfo) -> str:
    """``dd.mm.yyyy hh:mm`` in the appliance's zone; empty for no time."""
    if moment is None:
        return ""
    tz = time_zone if isinstance(time_zone, ZoneInfo) else zone(time_zone)
    return _shown(moment, tz, TIME_FORMAT)


def when_seconds(moment: datetime, time_zone: str) -> str:
    return _shown(moment, zone(time_zone), TIME_FORMAT + ":%S")


def day(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def local_time(stored: str | None, time_zone: str) -> str:
    """Stored UTC text -> ``dd.mm.yyyy hh:mm`` in ``time_zone``."""
    return when(from_db(stored), time_zone) if stored else ""


def ago(moment: datetime, now: datetime, lang: str) -> str:
    """ "5 мин назад" / "5 min ago"; a time a little ahead of our clock is "just now"."""
    seconds = int((now - moment).total_seconds())
    if seconds < 60:
        return t("format.ago.now", lang)
    if seconds < 3600:
        return t("format.ago.minutes", lang, n=seconds // 60)
    if seconds < 86_400:
        return t("format.ago.hours", lang, n=seconds // 3600)
    return t("format.ago.days", lang, n=seconds // 86_400)


def duration(seconds: int | float, lang: str) -> str:
    """A short duration, its sign dropped (the caller says "left" or "overdue by")."""
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days >= DAYS_ONLY_FROM or (days and not hours):
        return t("format.duration.days_only", lang, d=days)
    if days:
        return t("format.duration.days", lang, d=days, h=hours)
    if hours:
        return t("format.duration.hours", lang, h=hours, m=minutes)
    if not minutes:
        return t("format.duration.seconds", lang, s=secs)
    if secs and seconds < SECONDS_SHOWN_BELOW:
        return t("format.duration.minutes_seconds", lang, m=minutes, s=secs)
    return t("format.duration.minutes", lang, m=minutes)


def minutes_spent(minutes: int, lang: str) -> str:
    """Time logged on a ticket ("1 ч 05 мин", "30 мин"): whole minutes, never seconds."""
    hours, mins = divmod(max(0, int(minutes)), 60)
    if hours:
        return t("format.duration.hours", lang, h=hours, m=mins)
    return t("format.duration.minutes", lang, m=mins)


def size(n_bytes: int, lang: str) -> str:
    gib = n_bytes / 2**30
    if gib >= 1:
        return t("format.size.gib", lang, n=f"{gib:.1f}")
    return t("format.size.mib", lang, n=f"{n_bytes / 2**20:.0f}")


def clock_note(submitted: datetime, received: datetime, lang: str) -> str | None:
    """A note when the client's send time and the appliance's receive time disagree, or None.

    Sent before received is usually the outbox holding the request while the network was down
    (or a slow client clock); sent after received can only be a client clock running fast.
    """
    delta = int((received - submitted).total_seconds())
    if abs(delta) < CLOCK_TOLERANCE_SECONDS:
        return None
    if delta < 0:
        return t("ticket_screen.clock.ahead", lang, d=duration(-delta, lang))
    return t("ticket_screen.clock.later", lang, d=duration(delta, lang))
