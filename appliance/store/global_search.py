"""The header's search: clients, people, equipment and tickets matching what was typed, a few of
each (``limit`` per group), for a drop-down that is redrawn at every keystroke.

Clients, people and equipment are matched as case-folded substrings (``tk_fold`` folds
Cyrillic, which SQLite's LIKE does not) of the fields a technician would type: a client's name,
short name or tax id; a person's name, e-mail, phone or OS login; a machine's name, hostname,
IP, serial or MAC. The card tables are small (thousands of rows per installation, not millions),
so a scan with a LIMIT answers in milliseconds. Tickets use the ticket list's own full-text
index and number lookup (``store.search.ticket_text_condition``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import apsw

from appliance.domain.text_search import TextQuery
from appliance.store.rows import fetch_all
from appliance.store.search import ticket_text_condition


@dataclass(frozen=True)
class ClientHit:
    id: int
    name: str
    short_name: str
    active: bool

    @classmethod
    def from_row(cls, **row: Any) -> ClientHit:
        return cls(**{**row, "active": bool(row["active"])})


@dataclass(frozen=True)
class PersonHit:
    id: int
    org_id: int
    org_name: str
    full_name: str
    position: str
    email: str
    phone: str
    active: bool

    @classmethod
    def from_row(cls, **row: Any) -> PersonHit:
        return cls(**{**row, "active": bool(row["active"])})


@dataclass(frozen=True)
class EquipmentHit:
    id: int
    org_id: int
    org_name: str
    kind: str
    name: str
    hostname: str
    ip: str
    serial: str
    active: bool

    @classmethod
    def from_row(cls, **row: Any) -> EquipmentHit:
        return cls(**{**row, "active": bool(row["active"])})


@dataclass(frozen=True)
class TicketHit:
    id: int
    number: int
    description: str
    status: str
    org_name: str | None


def clients(conn: apsw.Connection, needle: str, limit: int) -> list[ClientHit]:
    """``needle`` already case-folded."""
    return fetch_all(
        conn,
        ClientHit.from_row,
        "SELECT id, name, short_name, active FROM organizations"
        " WHERE instr(tk_fold(name), ?1) > 0 OR instr(tk_fold(short_name), ?1) > 0"
        " OR instr(tax_id, ?1) > 0"
        " ORDER BY active DESC, instr(tk_fold(name), ?1) <> 1, name COLLATE NOCASE LIMIT ?2",
        (needle, limit),
    )


def people(conn: apsw.Connection, needle: str, limit: int) -> list[PersonHit]:
    return fetch_all(
        conn,
        PersonHit.from_row,
        "SELECT p.id AS id, p.org_id AS org_id, o.name AS org_name, p.full_name AS full_name,"
        " p.position AS position, p.email AS email, p.phone AS phone, p.active AS active"
        " FROM persons AS p JOIN organizations AS o ON o.id = p.org_id"
        " WHERE instr(tk_fold(p.full_name), ?1) > 0 OR instr(tk_fold(p.email), ?1) > 0"
        " OR instr(p.phone, ?1) > 0"
        " OR EXISTS (SELECT 1 FROM person_logins AS l WHERE l.person_id = p.id"
        "            AND instr(tk_fold(l.login), ?1) > 0)"
        " ORDER BY p.active DESC, p.full_name COLLATE NOCASE LIMIT ?2",
        (needle, limit),
    )


def equipment(conn: apsw.Connection, needle: str, limit: int) -> list[EquipmentHit]:
    return fetch_all(
        conn,
        EquipmentHit.from_row,
        "SELECT e.id AS id, e.org_id AS org_id, o.name AS org_name, e.kind AS kind,"
        " e.name AS name, e.hostname AS hostname, e.ip AS ip, e.serial AS serial,"
        " e.active AS active"
        " FROM equipment AS e JOIN organizations AS o ON o.id = e.org_id"
        " WHERE instr(tk_fold(e.name), ?1) > 0 OR instr(tk_fold(e.hostname), ?1) > 0"
        " OR instr(e.ip, ?1) > 0 OR instr(tk_fold(e.serial), ?1) > 0"
        " OR instr(tk_fold(e.mac), ?1) > 0"
        " ORDER BY e.active DESC, e.name COLLATE NOCASE, e.id LIMIT ?2",
        (needle, limit),
    )


def tickets(conn: apsw.Connection, query: TextQuery, limit: int) -> list[TicketHit]:
    """Tickets whose number is the query or whose text matches it, the newest first."""
    if query.empty:
        return []
    where, params = ticket_text_condition(query)
    return fetch_all(
        conn,
        TicketHit,
        "SELECT t.id AS id, t.number AS number, t.description AS description,"
        " t.status AS status, o.name AS org_name"
        " FROM tickets AS t LEFT JOIN organizations AS o ON o.id = t.org_id"
        f" WHERE {where} ORDER BY t.number = ? DESC, t.received_at DESC LIMIT ?",
        (*params, query.number if query.number is not None else -1, limit),
    )
