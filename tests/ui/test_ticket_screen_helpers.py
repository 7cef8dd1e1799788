"""Small pure helpers of the ticket screen: durations, clock notes, minutes, numbers, sniffing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from appliance.ui.common.format import clock_note, duration, size
from appliance.ui.tickets.actions import parse_minutes
from appliance.ui.tickets.screen_page import parse_number
from appliance.ui.tickets.screenshot_route import sniff_image_type

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("seconds", "ru", "en"),
    [
        (40, "40 с", "40 s"),
        (7 * 60, "7 мин", "7 min"),
        (3600 + 5 * 60, "1 ч 05 мин", "1 h 05 min"),
        (2 * 86400 + 3 * 3600 + 59, "2 д 3 ч", "2 d 3 h"),
        (-(7 * 60), "7 мин", "7 min"),
    ],
)
def test_duration(seconds: int, ru: str, en: str) -> None:
    assert duration(seconds, "ru") == ru
    assert duration(seconds, "en") == en


def test_size() -> None:
    assert size(42 * 2**30, "en") == "42.0 GiB"
    assert size(300 * 2**20, "ru") == "300 МиБ"


def test_clock_note() -> None:
    assert clock_note(T0, T0 + timedelta(seconds=59), "en") is None
    assert clock_note(T0 + timedelta(seconds=30), T0, "en") is None
    assert clock_note(T0, T0 + timedelta(minutes=3), "en").startswith("Received 3 min after")
    assert clock_note(T0 + timedelta(hours=2), T0, "en") == "The client's clock is 2 h 00 min ahead"


@pytest.mark.parametrize(
    ("value", "minutes"),
    [(None, 0), ("", 0), (15, 15), (15.0, 15), (12.5, None), (True, None), ("15", None)],
)
def test_parse_minutes(value: object, minutes: int | None) -> None:
    assert parse_minutes(value) == minutes


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12),
        ("№12", 12),
        ("#7", 7),
        ("0", None),
        ("-1", None),
        ("abc", None),
        ("1" * 13, None),
        ("12a", None),
        ("", None),
    ],
)
def test_parse_number(text: str, number: int | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (b"\x89PNG\r\n\x1a\n...", "image/png"),
        (b"\xff\xd8\xff\xe0...", "image/jpeg"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"<html><script>", None),
        (b"GIF89a", None),
        (b"", None),
    ],
)
def test_sniff_image_type(data: bytes, media_type: str | None) -> None:
    assert sniff_image_type(data) == media_type


def test_the_sla_figure_is_one_quantity_in_due_order_whatever_the_plan() -> None:
    """Sorted by due time the list read −181 d, −151 d, −37 d, −36 d, −59 d: business time for
    some plans and calendar time for others. The figure is now the time to the due moment, so
    tickets in due order show figures in order, and the header says the same as the list."""
    from appliance.domain.sla import BusinessCalendar, SlaClock
    from appliance.ui.tickets.sla_view import sla_text, timer_phrase

    all_week = BusinessCalendar("UTC", {d: (("00:00", "24:00"),) for d in DAYS})
    office = BusinessCalendar("UTC", {d: (("09:00", "18:00"),) for d in DAYS[:5]})
    now = T0 + timedelta(days=200)
    shown: list[tuple[int, str]] = []
    for days_overdue, calendar in ((181, office), (151, all_week), (60, office), (37, all_week)):
        due = now - timedelta(days=days_overdue)
        clock = SlaClock(due - timedelta(hours=8), None, due, now, None, None, None, 0)
        state = clock.state(now, calendar)
        phrase = timer_phrase(state, now, "ru")
        assert phrase == f"просрочено на {days_overdue} д"
        assert sla_text(state, now, "en") == f"Resolution: overdue by {days_overdue} d"
        shown.append((days_overdue, phrase))
    assert [d for d, _ in shown] == sorted((d for d, _ in shown), reverse=True)


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
