"""Checking and normalising what people type into a client card (or an imported spreadsheet):
IP addresses, subnets, MAC addresses, e-mail, phone numbers, dates. Pure: no I/O.

Every check takes the value and the name of the field it came from, and returns the value in
its one stored form (``""`` or ``None`` for an empty optional value). A bad value raises
``InvalidInput`` with an i18n key for the kind of check (``cards.invalid.<check>``) and the
field's name in ``values["field"]``, so a form can put the sentence under that field and an
import can name the column.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from datetime import date, datetime

from appliance.domain.errors import InvalidInput

# MAC: six pairs of hex digits, separated by ':' or '-', or three groups of four by '.' (Cisco),
# or twelve digits without separators.
_MAC_HEX = re.compile(r"^[0-9a-f]{12}$")
_MAC_SHAPES = (
    re.compile(r"^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$"),
    re.compile(r"^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$"),
    _MAC_HEX,
)
# A deliberately plain e-mail rule: something@domain.tld, no spaces; what mail servers accept
# is wider, what office spreadsheets hold is not.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
# Phones as people write them: digits with + ( ) - . spaces, optionally an extension.
# An internal extension alone ("102") is a phone number too.
_PHONE = re.compile(r"^\+?[\d\s().\-]+(,?\s*(доб|ext|x)\.?\s*\d{1,6})?$", re.IGNORECASE)
_PHONE_DIGITS = (3, 15)
_HOSTNAME = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9_-]{1,63}(?<!-))*\.?$")
_DAY_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
_LIST_SPLIT = re.compile(r"[\s,;]+")


def _bad(check: str, field: str, value: object) -> InvalidInput:
    return InvalidInput(f"cards.invalid.{check}", field=field, value=str(value))


def ip(value: str, field: str = "ip") -> str:
    """An IPv4 or IPv6 address in its compressed form; ``""`` stays ``""``."""
    text = value.strip()
    if not text:
        return ""
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise _bad("ip", field, text) from None


def cidr(value: str, field: str = "subnets") -> str:
    """A subnet as ``network/prefix`` (``192.168.1.7/24`` means ``192.168.1.0/24``)."""
    text = value.strip()
    if not text:
        return ""
    if "/" not in text:
        raise _bad("cidr", field, text)
    try:
        return str(ipaddress.ip_network(text, strict=False))
    except ValueError:
        raise _bad("cidr", field, text) from None


def _items(value: str | Iterable[str]) -> list[str]:
    texts = [value] if isinstance(value, str) else list(value)
    return [item for text in texts for item in _LIST_SPLIT.split(text) if item]


def cidr_list(value: str | Iterable[str], field: str = "subnets") -> str:
    """Subnets separated by lines, commas, semicolons or spaces, one a line, duplicates out."""
    return "\n".join(dict.fromkeys(cidr(item, field) for item in _items(value)))


def ip_list(value: str | Iterable[str], field: str = "dns_servers") -> str:
    """IP addresses (DNS servers), one a line, duplicates out."""
    return "\n".join(dict.fromkeys(ip(item, field) for item in _items(value)))


def mac(value: str, field: str = "mac") -> str:
    """A MAC address as ``aa:bb:cc:dd:ee:ff``; ``""`` stays ``""``."""
    text = value.strip().lower()
    if not text:
        return ""
    if not any(shape.match(text) for shape in _MAC_SHAPES):
        raise _bad("mac", field, value.strip())
    digits = re.sub(r"[^0-9a-f]", "", text)
    assert _MAC_HEX.match(digits)
    return ":".join(digits[i : i + 2] for i in range(0, 12, 2))


def email(value: str, field: str = "email") -> str:
    text = value.strip()
    if not text:
        return ""
    if not _EMAIL.match(text):
        raise _bad("email", field, text)
    return text


def phone(value: str, field: str = "phone") -> str:
    """A phone number as typed (spaces collapsed), if it has 3 to 15 digits before any
    extension and only the characters phone numbers are written with."""
    text = " ".join(value.split())
    if not text:
        return ""
    if not _PHONE.match(text):
        raise _bad("phone", field, text)
    main = re.split(r"(?i)доб|ext|x", text)[0]
    digits = sum(ch.isdigit() for ch in main)
    if not _PHONE_DIGITS[0] <= digits <= _PHONE_DIGITS[1]:
        raise _bad("phone", field, text)
    return text


def hostname(value: str, field: str = "hostname") -> str:
    """A host name (``PC-ACC-01``, ``srv1.office.local``) as typed, without spaces."""
    text = value.strip()
    if not text:
        return ""
    if len(text) > 253 or not _HOSTNAME.match(text):
        raise _bad("hostname", field, text)
    return text


def day(value: str | date | None, field: str) -> date | None:
    """A calendar day from ``date``, ``YYYY-MM-DD`` or ``DD.MM.YYYY``; None or ``""``: no day."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    for layout in _DAY_FORMATS:
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise _bad("date", field, text)


def day_text(value: str | date | None, field: str) -> str | None:
    """``day`` as the store keeps it: ``YYYY-MM-DD`` or None."""
    found = day(value, field)
    return found.isoformat() if found is not None else None


def days_in_order(first: date | None, last: date | None, field: str) -> None:
    """``InvalidInput`` on ``field`` (the later one) when both days are given and it comes first."""
    if first is not None and last is not None and last < first:
        raise InvalidInput("cards.invalid.date_order", field=field, value=last.isoformat())


def count(value: int | str, field: str) -> int:
    """A whole number of zero or more (seats)."""
    if isinstance(value, bool):
        raise _bad("count", field, value)
    if isinstance(value, int):
        number = value
    else:
        text = value.strip()
        if not re.fullmatch(r"\d+", text):
            raise _bad("count", field, text)
        number = int(text)
    if number < 0:
        raise _bad("count", field, value)
    return number


def required(value: str, field: str) -> str:
    """``value`` stripped; ``InvalidInput`` (``cards.invalid.required``) when nothing is left."""
    text = value.strip()
    if not text:
        raise InvalidInput("cards.invalid.required", field=field, value="")
    return text
