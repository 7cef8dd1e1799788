"""The demo's bulk writer leaves exactly the rows that the ticket store's own functions leave.

The same planned tickets are written twice into two stores built from the same seed: once one
change at a time through ``appliance.store.tickets`` (create_ticket, change_status, assign,
set_category, set_priority, add_action), once by ``appliance.demo.bulk``. Every row of every
table a ticket touches must be equal (trigger-made rows compared without their sequence number,
which only orders them).
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import apsw
import pytest

from appliance.demo.bulk import BulkWriter
from appliance.demo.generate import ticket_batches, write_base
from appliance.demo.plan import TicketPlan
from appliance.store import Store, StoreKey
from appliance.store.tickets import (
    add_action,
    assign,
    change_status,
    create_ticket,
    set_category,
    set_priority,
)

NOW = datetime(2026, 11, 26, 21, 0, tzinfo=UTC)


def write_one_by_one(conn: apsw.Connection, plans: list[TicketPlan]) -> None:
    for plan in plans:
        created = create_ticket(
            conn,
            uuid=plan.uuid,
            source=plan.source,
            description=plan.description,
            submitted_at=plan.submitted_at,
            received_at=plan.received_at,
            org_id=plan.org_id,
            person_id=plan.person_id,
            equipment_id=plan.equipment_id,
            device_id=plan.device_id,
            contact_phone=plan.contact_phone,
            priority=plan.priority,
            category_id=plan.category_id,
            assignee_id=plan.assignee_id,
            created_by=plan.created_by,
            machine_facts=plan.machine_facts,
            content_hash=plan.content_hash,
            attachments=plan.attachments,
        )
        version = 1
        for step in plan.steps:
            common = {"ticket_id": created.id, "user_id": step.user_id, "now": step.at}
            if step.op == "status":
                changed = change_status(
                    conn, new_status=step.value, expected_version=version, **common
                )
            elif step.op == "assign":
                changed = assign(conn, assignee_id=step.value, expected_version=version, **common)
            elif step.op == "category":
                changed = set_category(
                    conn, category_id=step.value, expected_version=version, **common
                )
            elif step.op == "priority":
                changed = set_priority(
                    conn, priority=step.value, expected_version=version, **common
                )
            else:
                changed = add_action(
                    conn,
                    kind=step.kind,
                    text=step.text,
                    minutes=step.minutes,
                    additional_work=step.additional_work,
                    visibility=step.visibility,
                    expected_version=version,
                    **common,
                )
            version = changed.version


def _rows(conn: apsw.Connection, sql: str) -> list[tuple[object, ...]]:
    return conn.execute(sql).fetchall()


def snapshot(store: Store) -> dict[str, object]:
    def read(conn: apsw.Connection) -> dict[str, object]:
        return {
            "tickets": _rows(conn, "SELECT * FROM tickets ORDER BY id"),
            "attachments": _rows(conn, "SELECT * FROM ticket_attachments ORDER BY ticket_id"),
            "actions": _rows(conn, "SELECT * FROM ticket_actions ORDER BY id"),
            "changes": Counter(_rows(conn, "SELECT ticket_id, kind, at FROM ticket_changes")),
            "feed": Counter(_rows(conn, "SELECT ticket_id, kind, at, payload FROM feed_events")),
            "counter": _rows(conn, "SELECT * FROM counters"),
            "fts": _rows(conn, "SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH 'принтер'"),
        }

    return store.read_sync(read)


@pytest.fixture
def two_stores(tmp_path: Path):
    stores = []
    for name in ("one_by_one", "bulk"):
        stores.append(Store(tmp_path / f"{name}.db", StoreKey(os.urandom(32), "aegis")))
    yield stores
    for store in stores:
        store.close()


def test_bulk_writer_leaves_the_rows_the_store_functions_leave(two_stores: list[Store]) -> None:
    reference, bulk = two_stores
    plans = {}
    for name, store in (("reference", reference), ("bulk", bulk)):
        base = write_base(store, seed=7, now=NOW)
        plans[name] = list(ticket_batches(base, seed=7, count=600, size=250))
    writer = bulk.read_sync(BulkWriter)
    for batch in plans["bulk"]:
        bulk.write_sync(lambda conn, batch=batch: writer.write(conn, batch))
    for batch in plans["reference"]:
        reference.write_sync(lambda conn, batch=batch: write_one_by_one(conn, batch))

    expected, got = snapshot(reference), snapshot(bulk)
    # The plans exercise every kind of change, so the comparison covers each code path.
    ops = Counter(step.op for batch in plans["bulk"] for plan in batch for step in plan.steps)
    assert set(ops) == {"status", "assign", "category", "priority", "action"}
    statuses = Counter(row[12] for row in expected["tickets"])  # type: ignore[union-attr]
    assert set(statuses) == {"new", "in_progress", "waiting", "resolved", "closed"}
    for table in expected:
        assert got[table] == expected[table], table
