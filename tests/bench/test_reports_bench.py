"""Report benchmarks (``make bench``): each figure printed beside a baseline measured in the same
run (the bare read of the same rows), as a ratio.

- A month of about 5,000 tickets (the demo data set, 30,000 tickets over six months, in the
  encrypted store): the work report of every client for that month to PDF (about 1,300 pages)
  and to XLSX, each <= 2 s from the query to the bytes. Baseline: reading its rows (tickets
  and work).
- The efficiency report over 100,000 tickets (the demo data set of ``demo_plain_db``: six
  months, all of them in the period), as the page computes it, <= 1 s. Baseline: reading the
  same ticket rows. This one runs on the plain copy the other benchmarks share; the encrypted
  store (AEGIS) reads within ~1.1x of plain (docs/DESIGN.md, "Cipher").
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest

from appliance.demo import generate_demo
from appliance.domain.clock import to_db
from appliance.reports import export_pdf, export_xlsx
from appliance.reports.period import Period
from appliance.services.reports import ReportQuery, build_document
from appliance.store import Store, report_rows
from appliance.store.keys import create_key_file
from tests.bench.conftest import BENCH_NOW, DemoDatabase

T = TypeVar("T")
ZONE = "Europe/Moscow"
OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
MONTH_DEMO_TICKETS = 30_000
EXPORT_TARGET_S = 2.0
EFFICIENCY_TARGET_S = 1.0
ROUNDS = 3


def best(fn: Callable[[], T], rounds: int = ROUNDS) -> tuple[float, float, T]:
    """The best of ``rounds`` runs: (CPU seconds of this process, wall seconds, result).

    The targets are checked on CPU time: the box that runs the benchmarks is shared (two cores,
    often a load of ten), where wall time measures the neighbours; both are printed."""
    cpu: list[float] = []
    wall: list[float] = []
    result: T | None = None
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = fn()
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    assert result is not None
    return min(cpu), min(wall), result


@pytest.fixture(scope="module")
def month_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("reports-bench-month")
    store = Store.open(folder, create_key_file(folder, cipher="aegis"))
    started = time.perf_counter()
    generate_demo(store, tickets=MONTH_DEMO_TICKETS, seed=5, now=BENCH_NOW)
    print(f"\ndemo of {MONTH_DEMO_TICKETS} tickets in {time.perf_counter() - started:.0f} s")
    try:
        yield store
    finally:
        store.close()


def _rows_filter(period: Period) -> report_rows.RowFilter:
    from zoneinfo import ZoneInfo

    since, until = period.bounds(ZoneInfo(ZONE))
    return report_rows.RowFilter(since=to_db(since), until=to_db(until))


@pytest.mark.parametrize(
    ("fmt", "render"), [("pdf", export_pdf.render), ("xlsx", export_xlsx.render)]
)
def test_a_month_of_tickets_to_pdf_and_xlsx(month_store: Store, fmt: str, render) -> None:
    rows = _rows_filter(OCTOBER)
    query = ReportQuery("work", OCTOBER)

    def bare() -> tuple[int, int]:
        return month_store.read_sync(
            lambda c: (
                len(report_rows.worked_tickets(c, rows)),
                len(report_rows.work_actions(c, rows)),
            )
        )

    def export() -> bytes:
        doc = month_store.read_sync(
            lambda c: build_document(c, query, lang="ru", time_zone=ZONE, now=BENCH_NOW)
        )
        return render(doc)

    baseline, baseline_wall, (tickets, actions) = best(bare)
    seconds, wall, content = best(export)
    print(
        f"\nwork report {fmt}: {tickets} tickets, {actions} actions, {len(content) / 1e6:.1f} MB:"
        f" {seconds:.2f} s CPU ({wall:.2f} s wall); bare read of the same rows {baseline:.3f} s"
        f" CPU ({baseline_wall:.3f} s wall); ratio {seconds / baseline:.1f}x;"
        f" target <= {EXPORT_TARGET_S} s {'met' if seconds <= EXPORT_TARGET_S else 'NOT met'}"
    )
    # The figures are the result (README, "Measured"); the assertions keep the run honest.
    assert 4_000 <= tickets <= 7_000, "the month should hold about 5,000 tickets"
    assert content.startswith(b"%PDF-" if fmt == "pdf" else b"PK")


@pytest.fixture(scope="module")
def hundred_thousand(
    tmp_path_factory: pytest.TempPathFactory, demo_plain_db: DemoDatabase
) -> Iterator[Store]:
    copy = tmp_path_factory.mktemp("reports-bench-100k") / "demo.db"
    shutil.copyfile(demo_plain_db.path, copy)
    store = Store(Path(copy), None)
    try:
        yield store
    finally:
        store.close()


def test_efficiency_over_100k_tickets(hundred_thousand: Store, demo_plain_db: DemoDatabase) -> None:
    everything = Period(date(2026, 5, 1), date(2026, 11, 30))
    rows = _rows_filter(everything)
    query = ReportQuery("efficiency", everything)

    def bare() -> int:
        return hundred_thousand.read_sync(lambda c: len(report_rows.ticket_clocks(c, rows)))

    def report() -> object:
        return hundred_thousand.read_sync(
            lambda c: build_document(c, query, lang="ru", time_zone=ZONE, now=BENCH_NOW)
        )

    baseline, baseline_wall, count = best(bare)
    seconds, wall, doc = best(report)
    team = doc.table("team").rows[0].values  # type: ignore[attr-defined]
    print(
        f"\nefficiency over {count} tickets: {seconds:.2f} s CPU ({wall:.2f} s wall); bare read"
        f" of the same rows {baseline:.2f} s CPU ({baseline_wall:.2f} s wall);"
        f" ratio {seconds / baseline:.1f}x;"
        f" target <= {EFFICIENCY_TARGET_S} s"
        f" {'met' if seconds <= EFFICIENCY_TARGET_S else 'NOT met'}"
        f" (team: median response {team[2] / 60:.0f} business min)"
    )
    assert count == demo_plain_db.tickets
    assert team[1] == count  # every ticket of the period counted
