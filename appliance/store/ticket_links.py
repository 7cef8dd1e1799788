"""Linking a client's request to the card: the person who sent it and the computer it came
from, when the intake found no match (``ticket_intake.match_person`` / ``match_equipment``).

Linking teaches the card: the person gets the request's OS login, the computer the request's
host name (and MAC, where the card had none), so the next request from that PC matches by
itself. Creating them from the request's facts does the same in one step. The ticket's version
is bumped, so every open screen of it redraws.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import apsw

from appliance.domain import validation
from appliance.domain.errors import InvalidInput, NotFound
from appliance.store import equipment as equipment_store
from appliance.store import persons
from appliance.store.ticket_versioning import current_ticket, write_changes


@dataclass(frozen=True)
class RequestFacts:
    """What a client's request said about who and where, and what the ticket is linked to."""

    ticket_id: int
    org_id: int | None
    source: str
    person_id: int | None
    equipment_id: int | None
    os_user: str
    hostname: str
    os: str
    macs: tuple[str, ...] = field(default_factory=tuple)
    ips: tuple[str, ...] = field(default_factory=tuple)


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _text(facts: dict[str, Any], key: str) -> str:
    value = facts.get(key)
    return value.strip() if isinstance(value, str) else ""


def request_facts(conn: apsw.Connection, ticket_id: int) -> RequestFacts:
    row = conn.execute(
        "SELECT org_id, source, person_id, equipment_id, machine_facts FROM tickets WHERE id = ?",
        (ticket_id,),
    ).fetchone()
    if row is None:
        raise NotFound("ticket_links.ticket_missing")
    org_id, source, person_id, equipment_id, facts_json = row
    try:
        facts = json.loads(str(facts_json or "{}"))
    except ValueError:
        facts = {}
    if not isinstance(facts, dict):
        facts = {}
    return RequestFacts(
        ticket_id=ticket_id,
        org_id=org_id,
        source=str(source),
        person_id=person_id,
        equipment_id=equipment_id,
        os_user=_text(facts, "os_user"),
        hostname=_text(facts, "hostname"),
        os=_text(facts, "os"),
        macs=_texts(facts.get("macs")),
        ips=_texts(facts.get("ips")),
    )


def _org_of(conn: apsw.Connection, table: str, row_id: int) -> int | None:
    row = conn.execute(f"SELECT org_id FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return int(row[0]) if row else None


def _set_on_ticket(
    conn: apsw.Connection, ticket_id: int, column: str, value: int, now: datetime
) -> None:
    current = current_ticket(conn, ticket_id, None)
    write_changes(conn, current, {column: value}, now)


def _check_same_org(facts: RequestFacts, org_id: int | None, key: str) -> None:
    if org_id is None:
        raise NotFound(key)
    if facts.org_id is None or org_id != facts.org_id:
        raise InvalidInput("ticket_links.other_org")


def link_person(conn: apsw.Connection, ticket_id: int, person_id: int, *, now: datetime) -> str:
    """Link the ticket to person ``person_id`` and give them the request's OS login. Returns the
    login added ("" when none was reported or they had it)."""
    facts = request_facts(conn, ticket_id)
    _check_same_org(facts, _org_of(conn, "persons", person_id), "clients.error.person_missing")
    person = persons.get_person(conn, person_id)
    assert person is not None
    added = ""
    known = {login.casefold() for login in person.logins}
    if facts.os_user and facts.os_user.casefold() not in known:
        persons.set_logins(conn, person_id, [*person.logins, facts.os_user])
        added = facts.os_user
    _set_on_ticket(conn, ticket_id, "person_id", person_id, now)
    return added


def link_equipment(
    conn: apsw.Connection, ticket_id: int, equipment_id: int, *, now: datetime
) -> dict[str, str]:
    """Link the ticket to computer ``equipment_id``; the card takes the request's host name (it
    is what the PC calls itself now) and its first MAC where the card has none. Returns the
    fields changed on the card."""
    facts = request_facts(conn, ticket_id)
    _check_same_org(
        facts, _org_of(conn, "equipment", equipment_id), "clients.error.equipment_missing"
    )
    card = equipment_store.get_equipment(conn, equipment_id)
    assert card is not None
    changes: dict[str, str] = {}
    if facts.hostname and facts.hostname.casefold() != card.hostname.casefold():
        changes["hostname"] = facts.hostname
    mac = _first_valid(facts.macs, validation.mac)
    if mac and not card.mac:
        changes["mac"] = mac
    ip = _first_valid(facts.ips, validation.ip)
    if ip and not card.ip:
        changes["ip"] = ip
    if changes:
        equipment_store.update_equipment(conn, equipment_id, **changes)
    _set_on_ticket(conn, ticket_id, "equipment_id", equipment_id, now)
    return changes


def _first_valid(values: tuple[str, ...], check: Any) -> str:
    for value in values:
        try:
            return str(check(value, "x"))
        except InvalidInput:
            continue
    return ""


def create_person_from_request(
    conn: apsw.Connection, ticket_id: int, *, full_name: str, now: datetime
) -> int:
    """A new person of the ticket's organisation with the request's OS login, linked to it."""
    facts = request_facts(conn, ticket_id)
    if facts.org_id is None:
        raise InvalidInput("ticket_links.no_org")
    person_id = persons.create_person(
        conn,
        org_id=facts.org_id,
        full_name=full_name or facts.os_user,
        logins=[facts.os_user] if facts.os_user else [],
        workstation_id=facts.equipment_id,
    )
    _set_on_ticket(conn, ticket_id, "person_id", person_id, now)
    return person_id


def create_equipment_from_request(
    conn: apsw.Connection, ticket_id: int, *, name: str, now: datetime
) -> int:
    """A new workstation of the ticket's organisation from the request's host name, MAC, IP and
    OS (assigned to the ticket's person, if known), linked to it."""
    facts = request_facts(conn, ticket_id)
    if facts.org_id is None:
        raise InvalidInput("ticket_links.no_org")
    equipment_id = equipment_store.create_equipment(
        conn,
        org_id=facts.org_id,
        kind="workstation",
        name=name or facts.hostname,
        hostname=facts.hostname,
        mac=_first_valid(facts.macs, validation.mac),
        ip=_first_valid(facts.ips, validation.ip),
        os=facts.os,
        person_id=facts.person_id,
    )
    if facts.person_id is not None:
        person = persons.get_person(conn, facts.person_id)
        if person is not None and person.workstation_id is None:
            persons.update_person(conn, facts.person_id, workstation_id=equipment_id)
    _set_on_ticket(conn, ticket_id, "equipment_id", equipment_id, now)
    return equipment_id
