"""The client card's field checks: what they accept, how they store it, and the key and field
they name when they refuse."""

from __future__ import annotations

from datetime import date

import pytest

from appliance.domain import validation as v
from appliance.domain.errors import InvalidInput
from appliance.i18n import t


@pytest.mark.parametrize(
    ("check", "value", "stored"),
    [
        (v.ip, " 192.168.1.10 ", "192.168.1.10"),
        (v.ip, "2001:DB8::0001", "2001:db8::1"),
        (v.ip, "", ""),
        (v.cidr, "192.168.1.7/24", "192.168.1.0/24"),
        (v.cidr_list, "10.0.0.0/8, 192.168.1.0/24\n10.0.0.0/8", "10.0.0.0/8\n192.168.1.0/24"),
        (v.ip_list, "8.8.8.8; 77.88.8.8", "8.8.8.8\n77.88.8.8"),
        (v.mac, "00-1A-2B-3C-4D-5E", "00:1a:2b:3c:4d:5e"),
        (v.mac, "001a.2b3c.4d5e", "00:1a:2b:3c:4d:5e"),
        (v.mac, "001A2B3C4D5E", "00:1a:2b:3c:4d:5e"),
        (v.email, " anna@romashka.ru ", "anna@romashka.ru"),
        (v.phone, "+7 (495)  741-22-18, доб. 102", "+7 (495) 741-22-18, доб. 102"),
        (v.phone, "102", "102"),
        (v.hostname, "PC-ACC-01", "PC-ACC-01"),
        (v.hostname, "srv1.office.local", "srv1.office.local"),
    ],
)
def test_accepted_values_are_stored_in_one_form(check, value, stored) -> None:  # type: ignore[no-untyped-def]
    assert check(value, "f") == stored


@pytest.mark.parametrize(
    ("check", "value", "kind"),
    [
        (v.ip, "192.168.1.300", "ip"),
        (v.ip, "server", "ip"),
        (v.cidr, "192.168.1.0", "cidr"),
        (v.cidr, "192.168.1.0/33", "cidr"),
        (v.cidr_list, "10.0.0.0/8, nonsense", "cidr"),
        (v.ip_list, "8.8.8.8, 8.8.8", "ip"),
        (v.mac, "00:1a:2b:3c:4d", "mac"),
        (v.mac, "00:1a:2b:3c:4d:zz", "mac"),
        (v.mac, "00:1a-2b:3c:4d:5e", "mac"),
        (v.email, "anna@", "email"),
        (v.email, "anna romashka.ru", "email"),
        (v.phone, "12", "phone"),
        (v.phone, "call me", "phone"),
        (v.hostname, "PC ACC 01", "hostname"),
        (v.hostname, "-pc", "hostname"),
    ],
)
def test_bad_values_name_their_check_and_field(check, value, kind) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as caught:
        check(value, "the_field")
    assert caught.value.key == f"cards.invalid.{kind}"
    assert caught.value.values["field"] == "the_field"
    bad_item = value.split(",")[-1].strip()  # a list's message names the item that is wrong
    for lang in ("ru", "en"):
        assert bad_item in t(caught.value.key, lang, **caught.value.values)


def test_days_in_both_office_formats() -> None:
    assert v.day("2026-03-01", "d") == date(2026, 3, 1)
    assert v.day("01.03.2026", "d") == date(2026, 3, 1)
    assert v.day(date(2026, 3, 1), "d") == date(2026, 3, 1)
    assert v.day("", "d") is None and v.day(None, "d") is None
    assert v.day_text("1.3.2026", "d") == "2026-03-01"
    for bad in ("31.02.2026", "2026-13-01", "yesterday"):
        with pytest.raises(InvalidInput) as caught:
            v.day(bad, "valid_until")
        assert (caught.value.key, caught.value.values["field"]) == (
            "cards.invalid.date",
            "valid_until",
        )


def test_a_period_must_not_end_before_it_starts() -> None:
    v.days_in_order(date(2026, 1, 1), date(2026, 1, 1), "valid_until")
    v.days_in_order(None, date(2020, 1, 1), "valid_until")
    with pytest.raises(InvalidInput) as caught:
        v.days_in_order(date(2026, 1, 2), date(2026, 1, 1), "valid_until")
    assert caught.value.values["field"] == "valid_until"


def test_counts_and_required_text() -> None:
    assert v.count("12", "seats") == 12 and v.count(0, "seats") == 0
    for bad in ("-1", "1.5", "many", -3):
        with pytest.raises(InvalidInput):
            v.count(bad, "seats")
    assert v.required("  Anna ", "full_name") == "Anna"
    with pytest.raises(InvalidInput) as caught:
        v.required("  ", "full_name")
    assert caught.value.values["field"] == "full_name"
