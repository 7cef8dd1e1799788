"""Timestamps as stored: UTC ISO-8601 of fixed width, so that text order is time order."""

from __future__ import annotations

from datetime import UTC, datetime

# Stored form: YYYY-MM-DDTHH:MM:SS.ffffffZ (fixed width).


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_db(moment: datetime) -> str:
    """Aware datetime -> stored text. Naive datetimes are refused: their zone is a guess."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: give a time zone")
    # isoformat, not strftime: glibc's %Y writes year 1 as "1", which fromisoformat cannot read
    # back and which would sort after "2026"; isoformat pads to four digits (fixed width).
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def from_db(text: str) -> datetime:
    # fromisoformat reads the stored 'YYYY-MM-DDTHH:MM:SS.ffffffZ' form about 20x faster than
    # strptime, which matters on list pages (50 rows, 7 times each).
    return datetime.fromisoformat(text).astimezone(UTC)


def from_db_or_none(text: str | None) -> datetime | None:
    return from_db(text) if text is not None else None


def now_db() -> str:
    return to_db(utc_now())
