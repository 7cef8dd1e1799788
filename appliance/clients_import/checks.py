"""The domain's format checks (``appliance.domain.validation``) as cell parsers, so an imported
row obeys exactly what the card's form obeys. Empty stays empty: every such field is optional.
"""

from __future__ import annotations

from appliance.clients_import.cells import text
from appliance.clients_import.reading import Cell
from appliance.domain import validation


def ip_address(cell: Cell) -> str:
    return validation.ip(text(cell), "ip")


def mac_address(cell: Cell) -> str:
    return validation.mac(text(cell), "mac")


def email(cell: Cell) -> str:
    return validation.email(text(cell), "email")


def phone(cell: Cell) -> str:
    return validation.phone(text(cell), "phone")


def hostname(cell: Cell) -> str:
    return validation.hostname(text(cell), "hostname")
