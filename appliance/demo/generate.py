"""Fills an empty store with the demo: catalogue, staff, client offices, and their tickets.

Deterministic: the same ``seed`` and ``now`` give the same rows (password hashes aside, which are
salted). Tickets are written in batches of ``BATCH`` per transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

import apsw

from appliance.demo.bulk import BulkWriter
from appliance.demo.card_details import write_card_details
from appliance.demo.catalogue import write_catalogue
from appliance.demo.credentials import write_credentials
from appliance.demo.equipment import write_equipment
from appliance.demo.faq import write_faq
from appliance.demo.licenses import write_licenses
from appliance.demo.model import Catalogue, DemoOrg, DemoUser
from appliance.demo.organisations import write_organisations
from appliance.demo.plan import TicketPlan
from appliance.demo.planner import TicketPlanner, reception_times
from appliance.demo.rng import stream
from appliance.demo.screenshots import Screenshot, write_screenshots
from appliance.demo.staff import write_staff
from appliance.domain.clock import to_db, utc_now
from appliance.domain.errors import InvalidInput
from appliance.store import Store
from appliance.store.changes import prune_changes
from appliance.store.settings import first_non_empty, row_count, set_setting
from appliance.store.sla import SlaPlan, load_plans

BATCH = 5_000
MAX_TICKETS = 1_000_000
DEMO_MARKER = "demo.generated"


class DemoError(InvalidInput):
    """The demo cannot be written here (keys in ``appliance/i18n/catalog/demo.py``)."""


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    now: datetime
    tickets: int
    organisations: int
    persons: int
    equipment: int
    staff: tuple[DemoUser, ...]
    seconds: float


@dataclass
class DemoBase:
    """What the tickets are planned from: the rows written before them."""

    now: datetime
    catalogue: Catalogue
    staff: list[DemoUser]
    orgs: list[DemoOrg]
    shots: dict[str, Screenshot]
    plans: dict[int, SlaPlan]
    holidays: frozenset[date]


def _report(progress: Callable[[int, int], None] | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _require_empty(conn: apsw.Connection) -> None:
    table = first_non_empty(conn, ("organizations", "tickets", "categories", "sla_plans"))
    if table is not None:
        raise DemoError("demo.not_empty", table=table)


def _write_base(conn: apsw.Connection, *, seed: int, now: datetime) -> DemoBase:
    _require_empty(conn)
    catalogue = write_catalogue(conn, now=now)
    staff = write_staff(conn)
    orgs = write_organisations(conn, stream(seed, "organisations"), catalogue, now=now)
    write_equipment(conn, stream(seed, "equipment"), orgs, now=now)
    write_credentials(conn, stream(seed, "credentials"), orgs, now=now)
    write_licenses(conn, stream(seed, "licenses"), orgs, now=now)
    write_card_details(conn, stream(seed, "card_details"), orgs, now=now)
    write_faq(
        conn, stream(seed, "faq"), catalogue, [u for u in staff if u.role != "manager"], now=now
    )
    shots = write_screenshots(conn, now=now)
    plans = load_plans(conn)
    # Reception times avoid the holidays of the office calendar (the first one has them).
    holidays = next(iter(plans.values())).calendar.holidays
    return DemoBase(now, catalogue, staff, orgs, shots, plans, holidays)


def _counts(conn: apsw.Connection) -> tuple[int, int]:
    return row_count(conn, "persons"), row_count(conn, "equipment")


def write_base(store: Store, *, seed: int, now: datetime) -> DemoBase:
    """Everything but the tickets, in one transaction."""
    return store.write_sync(lambda conn: _write_base(conn, seed=seed, now=now))


def ticket_batches(
    base: DemoBase, *, seed: int, count: int, size: int = BATCH
) -> Iterator[list[TicketPlan]]:
    """The planned tickets, in reception order, ``size`` at a time."""
    planner = TicketPlanner(
        orgs=base.orgs,
        catalogue=base.catalogue,
        staff=base.staff,
        plans=base.plans,
        shots=base.shots,
        now=base.now,
        rng=stream(seed, "ticket-people"),
    )
    times = reception_times(stream(seed, "reception"), count, base.now, base.holidays)
    rng = stream(seed, "tickets")
    for start in range(0, count, size):
        yield [planner.plan(rng, at) for at in times[start : start + size]]


def generate_demo(
    store: Store,
    *,
    tickets: int = 2000,
    seed: int = 1,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Write the demo into ``store``, which must hold no organisations, tickets or catalogue."""
    if not 0 <= tickets <= MAX_TICKETS:
        raise DemoError("demo.bad_count", limit=MAX_TICKETS)
    started = time.perf_counter()
    now = now or utc_now()
    if now.tzinfo is None:
        raise DemoError("demo.bad_now")
    base = write_base(store, seed=seed, now=now)
    writer = store.read_sync(BulkWriter)
    # Planning (Python) and inserting (SQLite, which releases the GIL) overlap: batch k is
    # written on another thread while batch k+1 is planned.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-writer") as pool:
        pending: Future[None] | None = None
        written = 0
        for plans in ticket_batches(base, seed=seed, count=tickets):
            batch = writer.prepare(plans)
            if pending is not None:
                pending.result()
                _report(progress, written, tickets)
            pending = pool.submit(store.write_sync, partial(writer.insert, batch=batch))
            written += len(plans)
        if pending is not None:
            pending.result()
            _report(progress, tickets, tickets)
    marker = f"seed={seed} tickets={tickets} now={to_db(now)}"
    store.write_sync(lambda conn: set_setting(conn, DEMO_MARKER, marker))
    # Six months of history left millions of doorbell rows no open window will ever read.
    store.write_sync(prune_changes)
    persons, equipment = store.read_sync(_counts)
    return DemoSummary(
        seed=seed,
        now=now,
        tickets=tickets,
        organisations=len(base.orgs),
        persons=persons,
        equipment=equipment,
        staff=tuple(base.staff),
        seconds=time.perf_counter() - started,
    )
