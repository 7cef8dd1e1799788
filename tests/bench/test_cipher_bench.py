"""Cipher benchmark (``make bench``): the same demo store read in plain SQLite (the baseline) and
encrypted with each cipher SQLite3MC offers us (AEGIS, ChaCha20-Poly1305, SQLCipher), by the
queries the technicians' window runs.

Data: the demo data set (``appliance.demo``) with ``$TIKETNITSA_BENCH_TICKETS`` tickets (100,000
by default), generated once into a plain file; each encrypted store is a copy of it encrypted in
place with ``PRAGMA rekey`` and a raw key (``StoreKey``), so all four hold the same rows.

Workloads, each through the application's own query functions on a connection set up by
``open_connection`` (WAL, the store's page cache):
- list: one page (50) of the newest open tickets with its total and the names shown beside them
  (``list_tickets``, view 'open'); the same by organisation, and by status;
- list, new connection: the same first page on a freshly opened connection (cold page cache);
- point read: one ticket with its names and its history (``get_ticket`` + ``ticket_history``);
- search: full-text search of a word (the list's text filter over all tickets).
The stores take turns, round by round, so that the load of a shared machine falls on all alike.
Each figure is the median and p95 of single calls in ms, and the ratio of medians to plain.
Target: the store's cipher (``DEFAULT_CIPHER``) within 1.15x plain on the list and point-read
workloads.
"""

from __future__ import annotations

import random
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import apsw
import pytest

from appliance.store import StoreKey
from appliance.store.connection import (
    CACHE_SIZE_KIB,
    DEFAULT_CIPHER,
    SUPPORTED_CIPHERS,
    open_connection,
)
from appliance.store.ticket_list import ListFilters, list_tickets
from appliance.store.tickets import get_ticket, ticket_history
from tests.bench.conftest import BENCH_NOW, DemoDatabase

ROUNDS = 6
TARGET_RATIO = 1.15
TARGET_WORKLOADS = ("list: open, newest", "list: by organisation", "list: by status", "point read")
SEARCH_WORDS = (
    "принтер", "пароль", "картридж", "интернет", "сервер", "почта", "синий экран", "сканер",
    "VPN", "токен",
)  # fmt: skip
STATUSES = ("new", "in_progress", "waiting", "resolved", "closed")


@dataclass
class Arm:
    """One store under test: plain or one cipher."""

    name: str
    path: Path
    key: StoreKey | None
    conn: apsw.Connection


def _encrypted_copy(source: Path, target: Path, cipher: str) -> StoreKey:
    shutil.copyfile(source, target)
    key = StoreKey(key=random.Random(cipher).randbytes(32), cipher=cipher)
    conn = apsw.Connection(str(target))
    try:
        conn.execute(f"PRAGMA cipher = '{cipher}'")
        # Encrypts every page of the plain copy in place.
        conn.execute(f"PRAGMA rekey = '{key.pragma_value()}'").fetchall()
    finally:
        conn.close()
    return key


@pytest.fixture(scope="module")
def arms(
    demo_plain_db: DemoDatabase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Arm]]:
    root = tmp_path_factory.mktemp("cipher-bench")
    made: list[Arm] = []
    plain = root / "plain.db"
    shutil.copyfile(demo_plain_db.path, plain)
    made.append(Arm("plain", plain, None, open_connection(plain, None)))
    for cipher in SUPPORTED_CIPHERS:
        path = root / f"{cipher}.db"
        key = _encrypted_copy(demo_plain_db.path, path, cipher)
        with path.open("rb") as f:
            assert f.read(16) != b"SQLite format 3\x00", f"{cipher}: the copy is not encrypted"
        made.append(Arm(cipher, path, key, open_connection(path, key)))
    try:
        yield made
    finally:
        for arm in made:
            arm.conn.close()


# -- workloads: each takes a connection, the call's random source and the data's facts, and
# returns what it read (so that the stores' answers can be compared) --------------------------


@dataclass(frozen=True)
class Facts:
    tickets: int
    org_ids: list[int]


Work = Callable[[apsw.Connection, random.Random, Facts], object]


def _page(conn: apsw.Connection, filters: ListFilters, view: str) -> list[int]:
    page = list_tickets(
        conn,
        view=view,
        filters=filters,
        sort="received",
        descending=True,
        page=1,
        per_page=50,
        user_id=0,
        now=BENCH_NOW,
    )
    return [page.total, *(row.number for row in page.rows)]


def list_open(conn: apsw.Connection, rng: random.Random, facts: Facts) -> object:
    return _page(conn, ListFilters(), view="open")


def list_by_org(conn: apsw.Connection, rng: random.Random, facts: Facts) -> object:
    return _page(conn, ListFilters(org_id=rng.choice(facts.org_ids)), view="all")


def list_by_status(conn: apsw.Connection, rng: random.Random, facts: Facts) -> object:
    return _page(conn, ListFilters(statuses=(rng.choice(STATUSES),)), view="all")


def point_read(conn: apsw.Connection, rng: random.Random, facts: Facts) -> object:
    ticket_id = rng.randint(1, facts.tickets)
    ticket = get_ticket(conn, ticket_id)
    assert ticket is not None
    return ticket.number, [action.id for action in ticket_history(conn, ticket_id)]


def search(conn: apsw.Connection, rng: random.Random, facts: Facts) -> object:
    return _page(conn, ListFilters(text=rng.choice(SEARCH_WORDS)), "all")


# name, work, calls per store per round, a fresh connection per call
WORKLOADS: tuple[tuple[str, Work, int, bool], ...] = (
    ("list: open, newest", list_open, 25, False),
    ("list: by organisation", list_by_org, 25, False),
    ("list: by status", list_by_status, 25, False),
    ("list: open, new connection", list_open, 10, True),
    ("point read", point_read, 300, False),
    ("search", search, 15, False),
)


def _measure(
    arm: Arm, work: Work, facts: Facts, calls: int, fresh: bool, seed: int
) -> tuple[list[float], list[object]]:
    rng = random.Random(seed)
    times: list[float] = []
    results: list[object] = []
    for _ in range(calls):
        if fresh:
            started = time.perf_counter()
            conn = open_connection(arm.path, arm.key)
            try:
                with conn:
                    result = work(conn, rng, facts)
            finally:
                conn.close()
        else:
            started = time.perf_counter()
            with arm.conn:  # one read transaction per call, as Store.read_sync does
                result = work(arm.conn, rng, facts)
        times.append((time.perf_counter() - started) * 1000)
        results.append(result)
    return times, results


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def test_cipher_overhead(arms: list[Arm], demo_plain_db: DemoDatabase) -> None:
    org_ids = [row[0] for row in arms[0].conn.execute("SELECT id FROM organizations")]
    facts = Facts(demo_plain_db.tickets, org_ids)
    size_mb = demo_plain_db.path.stat().st_size / 1024**2

    samples: dict[tuple[str, str], list[float]] = {}
    for _, work, calls, fresh in WORKLOADS:  # warm-up: every store's hot pages cached alike
        for arm in arms:
            _measure(arm, work, facts, max(2, calls // 5), fresh, seed=-1)
    for round_no in range(ROUNDS):
        order = arms[round_no % len(arms) :] + arms[: round_no % len(arms)]
        for name, work, calls, fresh in WORKLOADS:
            seed = round_no * 1000 + len(name)
            results = {}
            for arm in order:
                times, results[arm.name] = _measure(arm, work, facts, calls, fresh, seed)
                samples.setdefault((name, arm.name), []).extend(times)
            # Every store answered the same thing: the comparison is of equal work.
            assert all(r == results["plain"] for r in results.values()), name

    names = [arm.name for arm in arms]
    ratios = _print_table(samples, names, demo_plain_db, size_mb)

    default_worst = max(ratios[(w, DEFAULT_CIPHER)] for w in TARGET_WORKLOADS)
    best = min(SUPPORTED_CIPHERS, key=lambda c: max(ratios[(w, c)] for w in TARGET_WORKLOADS))
    print(
        f"\nBest cipher on the list and point-read workloads: {best}"
        f" (worst ratio {max(ratios[(w, best)] for w in TARGET_WORKLOADS):.2f});"
        f" the store uses {DEFAULT_CIPHER} (worst ratio {default_worst:.2f}),"
        f" target <= {TARGET_RATIO}."
    )
    encrypted = {w: statistics.median(samples[(w, DEFAULT_CIPHER)]) for w in TARGET_WORKLOADS[:3]}
    print(
        f"List queries at {demo_plain_db.tickets:,} tickets, encrypted ({DEFAULT_CIPHER}), median:"
        + "".join(f" {w.removeprefix('list: ')} {ms:.2f} ms;" for w, ms in encrypted.items())
    )
    assert default_worst <= TARGET_RATIO, (
        f"{DEFAULT_CIPHER} costs {default_worst:.2f}x plain on the list/point-read workloads"
    )


def _print_table(
    samples: dict[tuple[str, str], list[float]],
    names: list[str],
    db: DemoDatabase,
    size_mb: float,
) -> dict[tuple[str, str], float]:
    ratios: dict[tuple[str, str], float] = {}
    print(
        f"\nCipher benchmark: demo data, {db.tickets:,} tickets ({size_mb:.0f} MB), generated in"
        f" {db.generation_seconds:.0f} s; page cache {CACHE_SIZE_KIB // 1024} MiB; {ROUNDS} rounds"
    )
    print("ms per call, median / p95 (ratio of medians to plain)")
    header = f"{'workload':<28}" + "".join(f"{name:>26}" for name in names)
    print(header)
    print("-" * len(header))
    for workload, *_ in WORKLOADS:
        base = statistics.median(samples[(workload, "plain")])
        cells = []
        for name in names:
            values = samples[(workload, name)]
            median = statistics.median(values)
            ratios[(workload, name)] = median / base
            cell = f"{median:.2f} / {_p95(values):.2f}"
            if name != "plain":
                cell += f" ({median / base:.2f}x)"
            cells.append(f"{cell:>26}")
        print(f"{workload:<28}" + "".join(cells))
    return ratios
