"""The domain's format checks as cell parsers (empty stays empty: every such field is optional)."""

from __future__ import annotations

from appliance.clients_import.cells import text
from appliance.clients_import.reading import Cell


def ip_address(cell: Cell) -> str:
    return text(cell)


def mac_address(cell: Cell) -> str:
    return text(cell)


def email(cell: Cell) -> str:
    return text(cell)


def phone(cell: Cell) -> str:
    return text(cell)


def hostname(cell: Cell) -> str:
    return text(cell)
