"""A client with everything the ticket screen shows, written through the real store, for the
ticket-screen tests (user fixture and Chromium)."""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import apsw
from PIL import Image, ImageDraw

from appliance.domain.clock import utc_now
from appliance.domain.sla import BusinessCalendar
from appliance.store import Store
from appliance.store.blobs import put_blob
from appliance.store.categories import create_category
from appliance.store.credentials import create_credential
from appliance.store.devices import add_enrolled_device
from appliance.store.equipment import create_equipment
from appliance.store.faq import create_article
from appliance.store.licenses import create_license
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from appliance.store.sla import SlaTargets, create_calendar, create_plan
from appliance.store.tickets import create_ticket

ROUTER_SECRET = "Rtr-S3cret-!"
PC_SECRET = "Pc-L0cal-Adm1n"
LICENSE_KEY = "XXXX-OFFICE-2025"
XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


@dataclass
class Seed:
    org: int
    person: int
    other_person: int
    pc: int
    router: int
    cred_router: int
    cred_pc: int
    lic_expiring: int
    lic_expired: int
    service: int
    problem: int
    ticket: int
    number: int
    earlier_number: int
    screenshot_sha: str


def insert(conn: apsw.Connection, table: str, **values: Any) -> int:
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f"INSERT INTO {table}({cols}) VALUES ({marks})", tuple(values.values()))
    return conn.last_insert_rowid()


def screenshot_png(width: int = 1600, height: int = 900) -> bytes:
    image = Image.new("RGB", (width, height), (40, 70, 110))
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 700, 400), fill=(230, 230, 230))
    draw.text((120, 120), "Printer error 0x0042", fill=(200, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def seed_client(
    store: Store,
    *,
    description: str = "Принтер в бухгалтерии не печатает, горит оранжевая лампочка",
    submitted_offset: timedelta = timedelta(minutes=-3),
    today: date | None = None,
) -> Seed:
    today = today or utc_now().date()
    png = screenshot_png()
    sha = hashlib.sha256(png).hexdigest()

    def write(conn: apsw.Connection) -> Seed:
        cal = create_calendar(
            conn,
            name="24x7",
            calendar=BusinessCalendar(
                "Europe/Moscow",
                {
                    d: (("00:00", "24:00"),)
                    for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
                },
            ),
        )
        plan = create_plan(
            conn,
            name="Gold 24x7",
            calendar_id=cal,
            targets={p: SlaTargets(60, 480) for p in ("low", "normal", "high", "urgent")},
        )
        org = create_organization(
            conn, name="ООО Ромашка", phone="+7 495 100-20-30", sla_plan_id=plan
        )
        person = create_person(
            conn,
            org_id=org,
            full_name="Анна Петрова",
            position="Бухгалтер",
            phone="+7 916 111-22-33",
            email="anna@romashka.example",
            logins=["apetrova"],
        )
        other_person = create_person(
            conn, org_id=org, full_name="Борис Иванов", phone="+7 916 999-00-00"
        )
        pc = create_equipment(
            conn,
            org_id=org,
            kind="workstation",
            name="BUH-01",
            hostname="buh-01",
            ip="10.0.0.21",
            mac="AA:BB:CC:00:11:22",
            location="Бухгалтерия, 2 этаж",
            person_id=person,
        )
        router = create_equipment(
            conn,
            org_id=org,
            kind="router",
            name="MikroTik hEX",
            ip="10.0.0.1",
            location="Серверная",
            model="RB750Gr3",
        )
        create_equipment(
            conn, org_id=org, kind="server", name="DC01", ip="10.0.0.10", location="Серверная"
        )
        cred_router = create_credential(
            conn,
            org_id=org,
            equipment_id=router,
            title="Роутер: admin",
            url="https://10.0.0.1",
            login="admin",
            secret=ROUTER_SECRET,
        )
        cred_pc = create_credential(
            conn,
            org_id=org,
            equipment_id=pc,
            title="Локальный администратор",
            login="Administrator",
            secret=PC_SECRET,
        )
        lic_expiring = create_license(
            conn,
            org_id=org,
            product="Microsoft Office 2021",
            seats=5,
            license_key=LICENSE_KEY,
            valid_until=today + timedelta(days=10),
        )
        lic_expired = create_license(
            conn,
            org_id=org,
            product="Kaspersky Endpoint",
            seats=10,
            valid_until=today - timedelta(days=3),
        )
        service = create_category(conn, name="Печать")
        problem = create_category(conn, name="Не печатает", parent_id=service)
        create_category(conn, name="Замятие", parent_id=service)
        create_category(conn, name="Почта")
        create_article(
            conn,
            title="Принтер не печатает",
            body="1. Проверьте **бумагу**.\n2. Перезапустите диспетчер печати."
            " <script>alert(3)</script>",
            public=True,
        )
        put_blob(
            conn,
            sha256=sha,
            data=png,
            media_type="image/png",
            width=1600,
            height=900,
            now=utc_now(),
        )
        received = utc_now()
        earlier = create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="client",
            description="Не открывается 1С",
            submitted_at=received - timedelta(days=5),
            received_at=received - timedelta(days=5),
            org_id=org,
            person_id=person,
            equipment_id=pc,
        )
        # Sent by LiveViewer on Anna's enrolled PC: that PC is "this computer".
        device = add_enrolled_device(
            conn,
            org_id=org,
            token_hash=hashlib.sha256(b"seed device").hexdigest(),
            hostname="BUH-01",
            os_user="apetrova",
            enrolled_at=received - timedelta(days=30),
        )
        created = create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="client",
            device_id=device,
            description=description,
            submitted_at=received + submitted_offset,
            received_at=received,
            org_id=org,
            person_id=person,
            equipment_id=pc,
            machine_facts={
                "hostname": "BUH-01",
                "os": "Windows 11 Pro 23H2",
                "os_user": "apetrova",
                "ips": ["10.0.0.21", "fe80::1"],
                "macs": ["AA:BB:CC:00:11:22"],
                "uptime_seconds": 3 * 86_400 + 4 * 3_600,
                "free_disk_bytes": 42 * 2**30,
            },
            attachments=[sha],
        )
        return Seed(
            org=org,
            person=person,
            other_person=other_person,
            pc=pc,
            router=router,
            cred_router=cred_router,
            cred_pc=cred_pc,
            lic_expiring=lic_expiring,
            lic_expired=lic_expired,
            service=service,
            problem=problem,
            ticket=created.id,
            number=created.number,
            earlier_number=earlier.number,
            screenshot_sha=sha,
        )

    return store.write_sync(write)


def ticket_row(store: Store, ticket_id: int) -> dict[str, Any]:
    def read(conn: apsw.Connection) -> dict[str, Any]:
        cursor = conn.execute("SELECT * FROM tickets WHERE id = ?", (ticket_id,))
        names = [d[0] for d in cursor.getdescription()]
        row = cursor.fetchone()
        return dict(zip(names, row, strict=True))

    return store.read_sync(read)


def actions(store: Store, ticket_id: int) -> list[dict[str, Any]]:
    def read(conn: apsw.Connection) -> list[dict[str, Any]]:
        cursor = conn.execute(
            "SELECT id, user_id, kind, text, minutes, additional_work, visibility, old_value,"
            " new_value FROM ticket_actions WHERE ticket_id = ? ORDER BY id",
            (ticket_id,),
        )
        names = [d[0] for d in cursor.getdescription()]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    return store.read_sync(read)


def audit(store: Store) -> list[tuple[Any, ...]]:
    return store.read_sync(
        lambda conn: conn.execute(
            "SELECT user_id, action, object_type, object_id, detail FROM audit_log"
            " WHERE action NOT IN ('login', 'logout') ORDER BY id"
        ).fetchall()
    )
