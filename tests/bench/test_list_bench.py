"""Ticket list query benchmark (``make bench``): p95 of one page (50 rows, with its total) of each
view at 100k tickets in the encrypted store, beside the same query on a plain SQLite copy of the
same data (the baseline), as a ratio. Target: p95 <= 10 ms for every ready view.

The data is the synthetic three-year history of ``tests/bench/list_data.py`` (most tickets
closed, the last two weeks open), written through the schema's triggers. Set
``TIKETNITSA_BENCH_TICKETS`` for another size.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from appliance.store import Store
from appliance.store.keys import create_key_file
from appliance.store.ticket_list import VIEWS, ListFilters, list_tickets, view_counts
from tests.bench.list_data import BenchFacts, fill

TICKETS = int(os.environ.get("TIKETNITSA_BENCH_TICKETS", "100000"))
TARGET_P95_MS = 10.0
ROUNDS = 200
WARM_UP = 10
READY_VIEWS = ("new", "mine", "unassigned", "breaching", "open", "closed")


@dataclass
class Stores:
    encrypted: Store
    plain: Store
    facts: BenchFacts


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stores]:
    enc_dir = tmp_path_factory.mktemp("list-bench-encrypted")
    plain_dir = tmp_path_factory.mktemp("list-bench-plain")
    encrypted = Store.open(enc_dir, create_key_file(enc_dir, cipher="aegis"))
    plain = Store(Path(plain_dir) / "plain.db", None)
    started = time.perf_counter()
    facts = fill([encrypted, plain], tickets=TICKETS)
    print(
        f"\nbuilt {TICKETS} tickets ({facts.open_tickets} open) twice in"
        f" {time.perf_counter() - started:.0f} s"
    )
    try:
        yield Stores(encrypted, plain, facts)
    finally:
        encrypted.close()
        plain.close()


def p95_ms(store: Store, query: dict[str, object], now: datetime, user_id: int) -> float:
    def once() -> float:
        started = time.perf_counter()
        store.read_sync(
            lambda conn: list_tickets(conn, now=now, user_id=user_id, **query)  # type: ignore[arg-type]
        )
        return (time.perf_counter() - started) * 1000

    for _ in range(WARM_UP):
        once()
    timings = sorted(once() for _ in range(ROUNDS))
    return timings[int(len(timings) * 0.95) - 1]


def query(view: str, *, sort: str = "received", descending: bool = True, **filters: object):
    return {
        "view": view,
        "filters": ListFilters(**filters),  # type: ignore[arg-type]
        "sort": sort,
        "descending": descending,
        "page": 1,
        "per_page": 50,
    }


CASES: list[tuple[str, dict[str, object], bool]] = [
    *((f"view {view}", query(view), view in READY_VIEWS) for view in VIEWS),
    ("open, text 'принтер'", query("open", text="принтер"), False),
    ("all, text 'принтер'", query("all", text="принтер"), False),
    ("all, text 'синий экран'", query("all", text="синий экран"), False),
    ("all, number '№ 4242'", query("all", text="№ 4242"), False),
    ("open, by due time", query("open", sort="due", descending=False), False),
    ("open, by priority", query("open", sort="priority"), False),
    ("open, SLA at risk", query("open", sla="at_risk"), False),
    ("closed, organisation 7", query("closed", org_id=7), False),
    ("closed, by organisation", query("closed", sort="organisation", descending=False), False),
]


def test_list_page_p95(stores: Stores) -> None:
    now = stores.facts.now
    user = stores.facts.busiest_technician
    print(f"\n{'query':32} {'encrypted p95':>14} {'plain p95':>10} {'ratio':>6}")
    missed: list[str] = []
    for name, q, is_ready_view in CASES:
        encrypted = p95_ms(stores.encrypted, q, now, user)
        plain = p95_ms(stores.plain, q, now, user)
        print(f"{name:32} {encrypted:11.2f} ms {plain:7.2f} ms {encrypted / plain:6.2f}")
        if is_ready_view and encrypted > TARGET_P95_MS:
            missed.append(f"{name}: {encrypted:.2f} ms")
    counts = []
    for _ in range(50):
        started = time.perf_counter()
        stores.encrypted.read_sync(lambda conn: view_counts(conn, user_id=user, now=now))
        counts.append((time.perf_counter() - started) * 1000)
    counts.sort()
    print(f"{'all tab counts (7 views)':32} {counts[int(len(counts) * 0.95) - 1]:11.2f} ms")
    assert not missed, f"ready views over the {TARGET_P95_MS} ms target: {missed}"
