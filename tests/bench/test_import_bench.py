"""Importing a client's equipment from a spreadsheet (``make bench``): 10,000 rows, target
≤ 10 s, beside a baseline measured in the same run.

- import: the whole use case the card's dialog and ``tiketnitsa import`` run — read the XLSX
  (openpyxl, read-only), find the header, guess the mapping, check every cell with the domain's
  validators, check duplicates against the card, then write every row through the store's own
  ``create_equipment`` in one transaction with its audit row — into a real encrypted store
  (a data directory made by ``init``, its default cipher and key file).
- baseline: a bare ``executemany`` INSERT of the same 10,000 rows (already parsed) into the
  same encrypted store, in one transaction: what the disk and the cipher cost alone.

The figure printed is the ratio import / baseline; the CSV of the same rows is timed too.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from appliance.config import DataDir, Settings
from appliance.context import open_context
from appliance.services import client_import, clients
from appliance.services.actor import Actor
from appliance.services.installation import init_data_dir
from tests.clients_import.files import EQUIPMENT_HEADER, csv_bytes, equipment_rows, xlsx

ROWS = 10_000
TARGET_SECONDS = 10.0


def _import(store, org_id: int, data: bytes, name: str) -> tuple[int, float, float]:  # type: ignore[no-untyped-def]
    actor = Actor.cli()
    started = time.perf_counter()
    sheet = client_import.read_upload(data, name, kind="equipment")
    plan = asyncio.run(
        client_import.prepare(store, actor, org_id=org_id, kind="equipment", sheet=sheet)
    )
    read_s = time.perf_counter() - started
    done = asyncio.run(
        client_import.import_file(
            store, actor, org_id=org_id, kind="equipment", sheet=sheet, mapping=plan.mapping
        )
    )
    return done.created, read_s, time.perf_counter() - started


def test_import_of_10000_equipment_rows(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "data")
    init_data_dir(
        data_dir, settings=Settings(lang="ru"), admin_login="admin", admin_password="x" * 12
    )
    ctx = open_context(data_dir)
    try:
        store = ctx.store
        actor = Actor.cli()
        orgs = [
            asyncio.run(clients.create_organization(store, actor, name=f"Клиент {n}"))
            for n in range(3)
        ]
        rows = [EQUIPMENT_HEADER, *equipment_rows(ROWS)]
        workbook = xlsx(rows)
        text = csv_bytes(rows, encoding="cp1251")

        created, xlsx_read_s, xlsx_total_s = _import(store, orgs[0], workbook, "eq.xlsx")
        assert created == ROWS
        created, csv_read_s, csv_total_s = _import(store, orgs[1], text, "eq.csv")
        assert created == ROWS

        # Baseline: the same rows, parsed already, straight into the table.
        kinds = {
            "ПК": "workstation",
            "Принтер": "printer",
            "Ноутбук": "laptop",
            "Коммутатор": "switch",
            "ИБП": "ups",
        }
        params = [
            (
                orgs[2],
                kinds[k],
                name,
                host,
                ip,
                mac.lower(),
                str(serial),
                room,
                "2026-11-30 00:00:00",
            )
            for k, name, host, ip, mac, serial, room in rows[1:]
        ]

        def bare(conn) -> None:  # type: ignore[no-untyped-def]
            conn.executemany(
                "INSERT INTO equipment(org_id, kind, name, hostname, ip, mac, serial, location,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                params,
            )

        started = time.perf_counter()
        store.write_sync(bare)
        baseline_s = time.perf_counter() - started
    finally:
        ctx.close()

    print(
        f"\nimport of {ROWS} equipment rows into the encrypted store:"
        f"\n  XLSX: {xlsx_total_s:.2f} s (reading {xlsx_read_s:.2f} s)"
        f"\n  CSV:  {csv_total_s:.2f} s (reading {csv_read_s:.2f} s)"
        f"\n  baseline (bare executemany INSERT, one transaction): {baseline_s:.3f} s"
        f"\n  ratio XLSX import / baseline: {xlsx_total_s / baseline_s:.1f}x,"
        f" CSV import / baseline: {csv_total_s / baseline_s:.1f}x"
        f"\n  target: ≤ {TARGET_SECONDS:.0f} s"
    )
    assert xlsx_total_s <= TARGET_SECONDS
    assert csv_total_s <= TARGET_SECONDS
