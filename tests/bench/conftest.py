"""Fixtures shared by the benchmarks (``make bench``; not part of ``make test``).

``bench_tickets``   how many tickets the large workloads use: ``$TIKETNITSA_BENCH_TICKETS``,
                    100,000 by default.
``demo_plain_db``   the demo data set (``appliance.demo``) with ``bench_tickets`` tickets, built
                    once per session into a plain SQLite file (no WAL left beside it), with the
                    seconds the generator took. Copy it before changing it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import apsw
import pytest

from appliance.demo import generate_demo
from appliance.store import Store

BENCH_NOW = datetime(2026, 11, 26, 21, 0, tzinfo=UTC)


@dataclass(frozen=True)
class DemoDatabase:
    path: Path
    tickets: int
    generation_seconds: float


@pytest.fixture(scope="session")
def bench_tickets() -> int:
    return int(os.environ.get("TIKETNITSA_BENCH_TICKETS", "100000"))


@pytest.fixture(scope="session")
def demo_plain_db(tmp_path_factory: pytest.TempPathFactory, bench_tickets: int) -> DemoDatabase:
    path = tmp_path_factory.mktemp("demo-plain") / "demo.db"
    with Store(path, None) as store:
        started = time.perf_counter()
        generate_demo(store, tickets=bench_tickets, seed=1, now=BENCH_NOW)
        seconds = time.perf_counter() - started
        store.checkpoint()
    # Rollback-journal mode: the file alone is the whole database, ready to copy and rekey.
    conn = apsw.Connection(str(path))
    conn.execute("PRAGMA journal_mode = DELETE").fetchall()
    conn.close()
    return DemoDatabase(path, bench_tickets, seconds)
