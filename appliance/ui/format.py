"""Showing stored values to people: times in the appliance's zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from appliance.domain.clock import from_db


def local_time(stored: str | None, time_zone: str) -> str:
    """Stored UTC text -> ``dd.mm.yyyy hh:mm`` in ``time_zone`` (UTC if the zone is unknown)."""
    if not stored:
        return ""
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return from_db(stored).astimezone(zone).strftime("%d.%m.%Y %H:%M")
