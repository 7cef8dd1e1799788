"""Client card benchmark (``make bench``): a card whose client has 2,000 pieces of equipment
opens in ≤ 300 ms of server time (the page built, every tab drawn, the HTML answered), beside a
baseline from the same run: the bare read of those 2,000 rows through the store. Printed as a
ratio.

Measured with NiceGUI's ``user`` simulation: ``user.open`` runs the page function in this
process and returns when the server's answer is complete; no browser time is counted.
"""

from __future__ import annotations

import statistics
import time

from nicegui.testing import User

from appliance.store.credentials import create_credential
from appliance.store.equipment import create_equipment, list_equipment
from appliance.store.licenses import create_license
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person

EQUIPMENT = 2000
PEOPLE = 150
TARGET_MS = 300.0
ROUNDS = 10
KINDS = ("workstation", "laptop", "printer", "switch", "router", "server", "mfp", "ups")


def seed(ctx) -> int:  # type: ignore[no-untyped-def]
    def build(c) -> int:  # type: ignore[no-untyped-def]
        org = create_organization(c, name="ООО «Большой клиент»", subnets="10.0.0.0/16")
        people = [
            create_person(c, org_id=org, full_name=f"Сотрудник {n:03d}", logins=[f"user{n}"])
            for n in range(PEOPLE)
        ]
        for n in range(EQUIPMENT):
            create_equipment(
                c,
                org_id=org,
                kind=KINDS[n % len(KINDS)],
                name=f"Устройство {n:04d}",
                hostname=f"BIG-{n:04d}",
                ip=f"10.0.{n // 250}.{n % 250 + 1}",
                mac=f"02:00:00:00:{n // 256:02x}:{n % 256:02x}",
                serial=f"SN{n:08d}",
                location=f"Этаж {n % 9 + 1}",
                person_id=people[n % PEOPLE],
            )
        for n in range(40):
            create_credential(c, org_id=org, title=f"Доступ {n}", login="admin", secret="x")
            create_license(c, org_id=org, product=f"Лицензия {n}", license_key="K", seats=5)
        return org

    return ctx.store.write_sync(build)


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


async def test_a_card_with_2000_equipment_rows_opens_in_300_ms(
    user: User, log_in, admin, ctx
) -> None:
    org = seed(ctx)
    await log_in(admin)
    url = f"/clients/{org}?tab=equipment"
    await user.open(url)  # warm-up: imports, caches
    pages: list[float] = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        await user.open(url)
        pages.append(time.perf_counter() - started)
    rows: list[float] = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        found = ctx.store.read_sync(lambda c: list_equipment(c, org_id=org))
        rows.append(time.perf_counter() - started)
    assert len(found) == EQUIPMENT
    page, baseline = median_ms(pages), median_ms(rows)
    print(
        f"\nclient card, {EQUIPMENT} equipment rows: median {page:.0f} ms (max"
        f" {max(pages) * 1000:.0f} ms); bare SELECT of the rows {baseline:.1f} ms;"
        f" ratio {page / baseline:.1f}"
    )
    assert page <= TARGET_MS
