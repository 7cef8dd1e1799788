"""Recomputing the due times of 10,000 open tickets after a plan change (``make bench``).

A fresh encrypted store with one office calendar (Moscow, two intervals a day, Russia's 2026
holidays and moved days), one plan, and 10,000 open tickets received over the previous three
weeks, some paused, some with the response met. The figure: ``services.sla.update_plan`` changing
the targets, which in one transaction reads the tickets, recomputes both due times of each
keeping the business time used and the pauses, writes them with a history row each, and its
audit row. Baseline, same run, same store: the same 10,000 rows updated by plain UPDATEs (the
due times written back unchanged) in one transaction. Target: ≤ 2 s.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from datetime import timedelta
from pathlib import Path

from appliance.config import DataDir, Settings
from appliance.context import open_context
from appliance.domain.calendar_days import public_days
from appliance.domain.clock import to_db
from appliance.domain.sla import WEEKDAYS, BusinessCalendar, due_times
from appliance.services import sla
from appliance.services.actor import Actor
from appliance.services.installation import init_data_dir
from appliance.services.sla import SlaTargets
from tests.bench.conftest import BENCH_NOW

TICKETS = 10_000
TARGET_SECONDS = 2.0


def test_recompute_10000_open_tickets(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "data")
    init_data_dir(data_dir, settings=Settings(), admin_login="admin", admin_password="pw-123456789")
    ctx = open_context(data_dir)
    try:
        days = public_days("RU", 2026)
        office = BusinessCalendar(
            "Europe/Moscow",
            {d: (("09:00", "13:00"), ("14:00", "18:00")) for d in WEEKDAYS[:5]},
            frozenset(d for d, (k, _) in days.items() if k == "holiday"),
            frozenset(d for d, (k, _) in days.items() if k == "workday"),
        )
        admin = Actor.cli()
        cal = asyncio.run(sla.create_calendar(ctx.store, admin, name="Офис", calendar=office))
        plan = asyncio.run(
            sla.create_plan(
                ctx.store,
                admin,
                name="Стандарт",
                calendar_id=cal,
                targets={p: SlaTargets(240, 1440) for p in ("low", "normal", "high", "urgent")},
            )
        )
        rng = random.Random(10)
        rows = []
        for number in range(1, TICKETS + 1):
            received = BENCH_NOW - timedelta(minutes=rng.uniform(10, 21 * 24 * 60))
            response, resolution = due_times(
                office, received, response_minutes=240, resolution_minutes=1440
            )
            responded = rng.random() < 0.3
            paused = rng.random() < 0.2
            rows.append(
                (
                    number,
                    str(uuid.uuid4()),
                    f"Заявка {number}",
                    rng.choice(("low", "normal", "high", "urgent")),
                    "waiting" if paused else "in_progress",
                    plan,
                    to_db(received),
                    to_db(received),
                    to_db(received + timedelta(minutes=30)) if responded else None,
                    to_db(response),
                    to_db(resolution),
                    to_db(received + timedelta(hours=2)) if paused else None,
                    to_db(received),
                )
            )

        def seed(conn):  # type: ignore[no-untyped-def]
            conn.executemany(
                "INSERT INTO tickets(number, uuid, source, description, priority, status,"
                " sla_plan_id, submitted_at, received_at, first_response_at, response_due_at,"
                " resolution_due_at, sla_paused_since, updated_at)"
                " VALUES (?, ?, 'phone', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

        ctx.store.write_sync(seed)

        def plain_updates(conn):  # type: ignore[no-untyped-def]
            ids = [r[0] for r in conn.execute("SELECT id FROM tickets")]
            conn.executemany(
                "UPDATE tickets SET response_due_at = response_due_at,"
                " resolution_due_at = resolution_due_at, version = version + 1, updated_at = ?"
                " WHERE id = ?",
                [(to_db(BENCH_NOW), i) for i in ids],
            )

        started = time.perf_counter()
        ctx.store.write_sync(plain_updates)
        baseline = time.perf_counter() - started

        started = time.perf_counter()
        done = asyncio.run(
            sla.update_plan(
                ctx.store,
                admin,
                plan_id=plan,
                targets={p: SlaTargets(120, 960) for p in ("low", "normal", "high", "urgent")},
                now=BENCH_NOW,
            )
        )
        recompute = time.perf_counter() - started
        assert done.tickets == TICKETS
        print(
            f"\nSLA recompute of {TICKETS} open tickets: {recompute:.3f} s;"
            f" baseline (plain UPDATE of the same rows): {baseline:.3f} s;"
            f" ratio {recompute / baseline:.1f}x; target <= {TARGET_SECONDS} s"
        )
        assert recompute <= TARGET_SECONDS
    finally:
        ctx.close()
