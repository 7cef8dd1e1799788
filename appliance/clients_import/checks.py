"""The format checks of a card's fields as cell parsers (empty stays empty: every such field is
optional)."""

from __future__ import annotations

import ipaddress

from appliance.clients_import.cells import text
from appliance.clients_import.reading import Cell
from appliance.domain.errors import InvalidInput


def ip_address(cell: Cell) -> str:
    value = text(cell)
    if value:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            raise InvalidInput("import.error.ip", value=value) from None
    return value


def mac_address(cell: Cell) -> str:
    return text(cell)


def email(cell: Cell) -> str:
    return text(cell)


def phone(cell: Cell) -> str:
    return text(cell)


def hostname(cell: Cell) -> str:
    return text(cell)
