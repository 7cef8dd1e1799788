"""What the ticket screen shows about the client beside a ticket, in one read.

``client_panel(conn, ticket_id, today=...)`` gathers the organisation and its SLA plan, the person,
the machine(s) the ticket is about, the organisation's network equipment, its credentials
(never their secrets: see ``appliance.store.credentials`` for the audited reveal), its licenses
with their expiry state, and the last tickets of the same person and the same machine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import apsw

from appliance.store.rows import fetch_all, fetch_one

# Shown as the organisation's network: what a technician connects to when a user's problem is
# really the office's (printers and phones are the users' devices, not the network's).
NETWORK_KINDS = ("router", "firewall", "switch", "access_point", "server", "nas")
# What LiveViewer runs on: the only kinds that can be "this computer".
COMPUTER_KINDS = ("workstation", "laptop", "server")
# A license is "expiring" this many days ahead of its last valid day.
EXPIRING_WITHIN_DAYS = 30
RECENT_TICKETS = 5
DESCRIPTION_PREVIEW_CHARS = 120

LicenseState = Literal["perpetual", "valid", "expiring", "expired"]


@dataclass(frozen=True)
class SlaTarget:
    priority: str
    response_minutes: int
    resolution_minutes: int


@dataclass(frozen=True)
class OrgCard:
    id: int
    name: str
    short_name: str
    phone: str
    email: str
    address: str
    notes: str
    sla_plan_name: str | None
    sla_targets: tuple[SlaTarget, ...]


@dataclass(frozen=True)
class PersonCard:
    id: int
    full_name: str
    position: str
    phone: str
    email: str
    notes: str
    logins: tuple[str, ...]


@dataclass(frozen=True)
class EquipmentCard:
    id: int
    kind: str
    name: str
    hostname: str
    model: str
    serial: str
    ip: str
    mac: str
    location: str
    person_name: str | None
    notes: str


@dataclass(frozen=True)
class CredentialCard:
    """A credential as the page may hold it: everything but the secret."""

    id: int
    title: str
    url: str
    login: str
    notes: str
    has_secret: bool
    equipment_id: int | None
    equipment_name: str | None


@dataclass(frozen=True)
class LicenseCard:
    """A license without its key (revealed through the audit, like a credential)."""

    id: int
    product: str
    seats: int
    valid_until: date | None
    days_left: int | None
    state: LicenseState
    has_key: bool
    person_name: str | None
    equipment_name: str | None
    notes: str


@dataclass(frozen=True)
class PastTicket:
    id: int
    number: int
    status: str
    priority: str
    received_at: str
    description: str


@dataclass(frozen=True)
class ClientPanel:
    org: OrgCard | None
    person: PersonCard | None
    # The machine the ticket came from (the org's equipment with the hostname the client
    # reported, else the ticket's equipment), if known; it is also the first of
    # ``workstations``. A ticket about another device (a server, a printer) lists that next.
    machine_id: int | None
    # "This computer": the enrolled machine the request was sent from, matched by the hostname
    # or a MAC address it reported (or the hostname it enrolled with) to a computer of the
    # organisation. None for a phone ticket, an unknown machine, and never network gear.
    this_machine_id: int | None
    workstations: tuple[EquipmentCard, ...]
    network: tuple[EquipmentCard, ...]
    credentials: tuple[CredentialCard, ...]
    licenses: tuple[LicenseCard, ...]
    person_tickets: tuple[PastTicket, ...]
    machine_tickets: tuple[PastTicket, ...]


_EQUIPMENT_COLUMNS = (
    "e.id AS id, e.kind AS kind, e.name AS name, e.hostname AS hostname, e.model AS model,"
    " e.serial AS serial, e.ip AS ip, e.mac AS mac, e.location AS location,"
    " p.full_name AS person_name, e.notes AS notes"
)
_EQUIPMENT_FROM = "equipment AS e LEFT JOIN persons AS p ON p.id = e.person_id"


def client_panel(
    conn: apsw.Connection,
    ticket_id: int,
    *,
    today: date,
    recent: int = RECENT_TICKETS,
) -> ClientPanel | None:
    """Everything about the ticket's client; None if the ticket does not exist.

    ``today`` is the date in the appliance's zone (license expiry is by calendar day there).
    """
    row = conn.execute(
        "SELECT org_id, person_id, equipment_id, device_id, machine_facts FROM tickets"
        " WHERE id = ?",
        (ticket_id,),
    ).fetchone()
    if row is None:
        return None
    org_id, person_id, equipment_id, device_id, facts_json = row
    org_id = org_id or _org_of(conn, person_id, equipment_id)
    hostname = _reported_hostname(facts_json)
    # What the client's own machine reported outranks the ticket's equipment, which may be the
    # device the problem is about rather than the one the employee sits at.
    machine_id = _equipment_by_hostname(conn, org_id, hostname) or equipment_id
    this_machine_id = (
        _sending_computer(conn, org_id, device_id, hostname, _reported_macs(facts_json))
        if device_id is not None
        else None
    )

    workstations = _workstations(conn, (machine_id, equipment_id), person_id)
    network = _network(conn, org_id)
    shown_ids = [e.id for e in workstations] + [e.id for e in network]
    return ClientPanel(
        org=_org(conn, org_id) if org_id else None,
        person=_person(conn, person_id) if person_id else None,
        machine_id=machine_id,
        this_machine_id=this_machine_id,
        workstations=workstations,
        network=network,
        credentials=_credentials(conn, org_id, shown_ids),
        licenses=_licenses(conn, org_id, today) if org_id else (),
        person_tickets=_person_tickets(conn, ticket_id, person_id, recent),
        machine_tickets=_machine_tickets(conn, ticket_id, machine_id, device_id, recent),
    )


def _org_of(conn: apsw.Connection, person_id: int | None, equipment_id: int | None) -> int | None:
    # A ticket without an organisation still belongs to its person's (or machine's) one.
    for table, key in (("persons", person_id), ("equipment", equipment_id)):
        if key is not None:
            found = conn.execute(f"SELECT org_id FROM {table} WHERE id = ?", (key,)).fetchone()
            if found:
                return int(found[0])
    return None


def _reported_hostname(facts_json: str) -> str:
    try:
        facts = json.loads(facts_json)
    except ValueError:
        return ""
    value = facts.get("hostname") if isinstance(facts, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _reported_macs(facts_json: str) -> list[str]:
    try:
        facts = json.loads(facts_json)
    except ValueError:
        return []
    macs = facts.get("macs") if isinstance(facts, dict) else None
    if not isinstance(macs, list):
        return []
    found = [_mac_key(m) for m in macs if isinstance(m, str)]
    # An all-zero MAC (loopback, some virtual adapters) names no machine.
    return [m for m in found if m and set(m) != {"0"}]


def _mac_key(mac: str) -> str:
    return "".join(ch for ch in mac.lower() if ch in "0123456789abcdef")


_MAC_SQL = "lower(replace(replace(replace(e.mac, ':', ''), '-', ''), '.', ''))"


def _sending_computer(
    conn: apsw.Connection,
    org_id: int | None,
    device_id: int,
    hostname: str,
    macs: list[str],
) -> int | None:
    """The organisation's computer the enrolled device runs on: by the hostname it reported
    with the request or enrolled with, else by a MAC address it reported."""
    if not org_id:
        return None
    enrolled = conn.execute("SELECT hostname FROM devices WHERE id = ?", (device_id,)).fetchone()
    names = [n for n in (hostname, str(enrolled[0]).strip() if enrolled else "") if n]
    kinds = ", ".join(f"'{kind}'" for kind in COMPUTER_KINDS)
    for name in names:
        found = conn.execute(
            f"SELECT e.id FROM equipment AS e WHERE e.org_id = ? AND e.kind IN ({kinds})"
            " AND e.hostname = ? ORDER BY e.id LIMIT 1",
            (org_id, name),
        ).fetchone()
        if found:
            return int(found[0])
    if macs:
        marks = ", ".join("?" for _ in macs)
        found = conn.execute(
            f"SELECT e.id FROM equipment AS e WHERE e.org_id = ? AND e.kind IN ({kinds})"
            f" AND e.mac != '' AND {_MAC_SQL} IN ({marks}) ORDER BY e.id LIMIT 1",
            (org_id, *macs),
        ).fetchone()
        if found:
            return int(found[0])
    return None


def _equipment_by_hostname(conn: apsw.Connection, org_id: int | None, hostname: str) -> int | None:
    if not org_id or not hostname:
        return None
    # Hostnames compare case-insensitively (the column is COLLATE NOCASE). Two cards with one
    # hostname is a data error; the older card wins so the choice is stable.
    found = conn.execute(
        "SELECT id FROM equipment WHERE org_id = ? AND hostname = ? ORDER BY id LIMIT 1",
        (org_id, hostname),
    ).fetchone()
    return int(found[0]) if found else None


def _org(conn: apsw.Connection, org_id: int) -> OrgCard | None:
    def card(*, sla_plan_id: int | None, **columns: Any) -> OrgCard:
        targets: tuple[SlaTarget, ...] = ()
        if sla_plan_id is not None:
            targets = tuple(
                fetch_all(
                    conn,
                    SlaTarget,
                    "SELECT priority, response_minutes, resolution_minutes FROM sla_targets"
                    " WHERE plan_id = ? ORDER BY CASE priority WHEN 'urgent' THEN 0"
                    " WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END",
                    (sla_plan_id,),
                )
            )
        return OrgCard(sla_targets=targets, **columns)

    return fetch_one(
        conn,
        card,
        "SELECT o.id AS id, o.name AS name, o.short_name AS short_name, o.phone AS phone,"
        " o.email AS email, o.address AS address, o.notes AS notes,"
        " o.sla_plan_id AS sla_plan_id, s.name AS sla_plan_name"
        " FROM organizations AS o LEFT JOIN sla_plans AS s ON s.id = o.sla_plan_id"
        " WHERE o.id = ?",
        (org_id,),
    )


def _person(conn: apsw.Connection, person_id: int) -> PersonCard | None:
    def card(**columns: Any) -> PersonCard:
        logins = tuple(
            str(r[0])
            for r in conn.execute(
                "SELECT login FROM person_logins WHERE person_id = ? ORDER BY login", (person_id,)
            )
        )
        return PersonCard(logins=logins, **columns)

    return fetch_one(
        conn,
        card,
        "SELECT id, full_name, position, phone, email, notes FROM persons WHERE id = ?",
        (person_id,),
    )


def _workstations(
    conn: apsw.Connection, leading: tuple[int | None, ...], person_id: int | None
) -> tuple[EquipmentCard, ...]:
    """The ticket's machine and equipment first (``leading``), then the person's equipment."""
    cards: list[EquipmentCard] = []
    seen: set[int] = set()
    for equipment_id in leading:
        if equipment_id is None or equipment_id in seen:
            continue
        found = fetch_one(
            conn,
            EquipmentCard,
            f"SELECT {_EQUIPMENT_COLUMNS} FROM {_EQUIPMENT_FROM} WHERE e.id = ?",
            (equipment_id,),
        )
        if found:
            cards.append(found)
            seen.add(equipment_id)
    if person_id is not None:
        cards.extend(
            card
            for card in fetch_all(
                conn,
                EquipmentCard,
                f"SELECT {_EQUIPMENT_COLUMNS} FROM {_EQUIPMENT_FROM} WHERE e.person_id = ?"
                " ORDER BY e.kind NOT IN ('workstation', 'laptop'), e.name, e.id",
                (person_id,),
            )
            if card.id not in seen
        )
    return tuple(cards)


def _network(conn: apsw.Connection, org_id: int | None) -> tuple[EquipmentCard, ...]:
    if not org_id:
        return ()
    order = " ".join(f"WHEN '{kind}' THEN {i}" for i, kind in enumerate(NETWORK_KINDS))
    marks = ", ".join("?" for _ in NETWORK_KINDS)
    return tuple(
        fetch_all(
            conn,
            EquipmentCard,
            f"SELECT {_EQUIPMENT_COLUMNS} FROM {_EQUIPMENT_FROM}"
            f" WHERE e.org_id = ? AND e.kind IN ({marks})"
            f" ORDER BY CASE e.kind {order} END, e.name, e.id",
            (org_id, *NETWORK_KINDS),
        )
    )


def _credentials(
    conn: apsw.Connection, org_id: int | None, equipment_ids: list[int]
) -> tuple[CredentialCard, ...]:
    """The org's credentials; those of the equipment on screen first, in the order shown."""
    if not org_id and not equipment_ids:
        return ()
    rank = {eid: i for i, eid in enumerate(equipment_ids)}
    cards = fetch_all(
        conn,
        _credential,
        "SELECT c.id AS id, c.title AS title, c.url AS url, c.login AS login, c.notes AS notes,"
        " c.secret <> '' AS has_secret, c.equipment_id AS equipment_id,"
        " e.name AS equipment_name"
        " FROM credentials AS c LEFT JOIN equipment AS e ON e.id = c.equipment_id"
        " WHERE c.active = 1"
        " AND (c.org_id IS ? OR c.equipment_id IN (SELECT value FROM json_each(?)))",
        (org_id, json.dumps(equipment_ids)),
    )
    # Shown equipment in its order, then the org's other equipment, then org-wide entries.
    cards.sort(
        key=lambda c: (
            rank.get(c.equipment_id, len(rank)) if c.equipment_id is not None else len(rank) + 1,
            c.title.casefold(),
            c.id,
        )
    )
    return tuple(cards)


def _credential(*, has_secret: int, **columns: Any) -> CredentialCard:
    return CredentialCard(has_secret=bool(has_secret), **columns)


def license_state(valid_until: date | None, today: date) -> tuple[LicenseState, int | None]:
    """(state, days left). The last valid day counts: 0 days left means it ends today."""
    if valid_until is None:
        return "perpetual", None
    days_left = (valid_until - today).days
    if days_left < 0:
        return "expired", days_left
    if days_left <= EXPIRING_WITHIN_DAYS:
        return "expiring", days_left
    return "valid", days_left


def _licenses(conn: apsw.Connection, org_id: int, today: date) -> tuple[LicenseCard, ...]:
    def card(*, valid_until: str | None, has_key: int, **columns: Any) -> LicenseCard:
        until = _parse_day(valid_until)
        state, days_left = license_state(until, today)
        return LicenseCard(
            valid_until=until,
            days_left=days_left,
            state=state,
            has_key=bool(has_key),
            **columns,
        )

    return tuple(
        fetch_all(
            conn,
            card,
            "SELECT l.id AS id, l.product AS product, l.seats AS seats,"
            " l.valid_until AS valid_until, l.license_key <> '' AS has_key,"
            " (SELECT group_concat(p.full_name, ', ') FROM license_assignments AS a"
            "  JOIN persons AS p ON p.id = a.person_id WHERE a.license_id = l.id)"
            " AS person_name,"
            " (SELECT group_concat(e.name, ', ') FROM license_assignments AS a"
            "  JOIN equipment AS e ON e.id = a.equipment_id WHERE a.license_id = l.id)"
            " AS equipment_name, l.notes AS notes"
            " FROM licenses AS l"
            " WHERE l.org_id = ? AND l.active = 1"
            " ORDER BY l.valid_until IS NULL, l.valid_until, l.product, l.id",
            (org_id,),
        )
    )


def _parse_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        # A malformed date is shown as "no end date" rather than breaking the whole panel.
        return None


_PAST_COLUMNS = (
    "id, number, status, priority, received_at, substr(description, 1, ?) AS description"
)


def _person_tickets(
    conn: apsw.Connection, ticket_id: int, person_id: int | None, limit: int
) -> tuple[PastTicket, ...]:
    if person_id is None:
        return ()
    return tuple(
        fetch_all(
            conn,
            PastTicket,
            f"SELECT {_PAST_COLUMNS} FROM tickets WHERE person_id = ? AND id <> ?"
            " ORDER BY received_at DESC, id DESC LIMIT ?",
            (DESCRIPTION_PREVIEW_CHARS, person_id, ticket_id, limit),
        )
    )


def _machine_tickets(
    conn: apsw.Connection,
    ticket_id: int,
    machine_id: int | None,
    device_id: int | None,
    limit: int,
) -> tuple[PastTicket, ...]:
    """Same equipment card, or sent from the same enrolled device."""
    if machine_id is None and device_id is None:
        return ()
    return tuple(
        fetch_all(
            conn,
            PastTicket,
            f"SELECT {_PAST_COLUMNS} FROM tickets"
            " WHERE id <> ? AND (equipment_id = ? OR device_id = ?)"
            " ORDER BY received_at DESC, id DESC LIMIT ?",
            (DESCRIPTION_PREVIEW_CHARS, ticket_id, machine_id, device_id, limit),
        )
    )
