"""Equipment of each office: a workstation or laptop per person, the network (router, firewall,
switches, Wi-Fi), servers, NAS, printers, UPS, and the LiveViewer devices enrolled on the PCs."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta
from typing import Any

import apsw

from appliance.demo.model import DemoOrg
from appliance.store.devices import add_enrolled_device
from appliance.store.equipment import create_equipment

# model, MAC prefix (the vendor's OUI), serial pattern: 'D' digit, 'A' letter or digit
DESKTOPS = (
    ("Dell OptiPlex 7090 SFF", "F4:8E:38", "AAAAAAA", "Core i5-10505, 16 ГБ, SSD 512 ГБ"),
    ("HP ProDesk 400 G7 SFF", "3C:52:82", "CZCDDDDDDD", "Core i5-10500, 8 ГБ, SSD 256 ГБ"),
    ("Lenovo ThinkCentre M70q Gen 2", "54:05:DB", "MJAAAAAA", "Core i5-11400T, 16 ГБ, SSD 512 ГБ"),
    ("Aquarius Pro P30 K42", "00:E0:4C", "DDDDDDDDDDDD", "Core i3-10100, 8 ГБ, SSD 256 ГБ"),
    ("iRU Office 310H5SE", "00:E0:4C", "DDDDDDDDDD", "Core i5-12400, 16 ГБ, SSD 512 ГБ"),
)
LAPTOPS = (
    ("Lenovo ThinkPad E14 Gen 4", "8C:8C:AA", "PFAAAAAA", "Core i5-1235U, 16 ГБ, SSD 512 ГБ"),
    ("HP ProBook 450 G9", "A4:C3:F0", "5CDDDDDDDD", "Core i5-1235U, 8 ГБ, SSD 256 ГБ"),
    ("ASUS ExpertBook B1 B1500", "50:C2:E8", "NAAAAAAAAAAAAAA", "Core i3-1115G4, 8 ГБ"),
    ("Huawei MateBook D 15", "B4:6E:08", "AAAAADDDDDDDD", "Ryzen 5 5500U, 8 ГБ"),
)
OPERATING_SYSTEMS = {
    "Windows 10 Pro 22H2": 0.45,
    "Windows 11 Pro 23H2": 0.35,
    "Windows 11 Pro 24H2": 0.15,
    "Astra Linux SE 1.7": 0.05,
}
ROUTERS = (
    ("MikroTik hAP ac³", "48:A9:8A"),
    ("MikroTik RB4011iGS+", "DC:2C:6E"),
    ("Keenetic Giga KN-1011", "50:FF:20"),
)
FIREWALLS = (
    ("UserGate C100", "00:1B:21"),
    ("Fortinet FortiGate 40F", "70:4C:A5"),
    ("Ideco UTM на Aquarius T40", "00:25:90"),
)
SWITCHES = (
    ("TP-Link TL-SG1024DE", "98:DA:C4"),
    ("D-Link DGS-1210-28", "C4:E9:0A"),
    ("MikroTik CRS326-24G-2S+RM", "DC:2C:6E"),
)
ACCESS_POINTS = (
    ("TP-Link Omada EAP225", "60:A4:B7"),
    ("Ubiquiti UniFi U6 Lite", "74:83:C2"),
    ("Keenetic Air KN-1613", "50:FF:20"),
)
SERVERS = (
    ("HPE ProLiant ML30 Gen10 Plus", "94:40:C9"),
    ("Dell PowerEdge T150", "B0:7B:25"),
    ("Aquarius Server T50 D68", "00:25:90"),
)
NAS_MODELS = (
    ("Synology DS220+", "00:11:32"),
    ("Synology DS920+", "00:11:32"),
    ("QNAP TS-253D", "24:5E:BE"),
)
PRINTERS = (
    ("МФУ", "Kyocera ECOSYS M2040dn", "00:17:C8"),
    ("Принтер", "HP LaserJet Pro M404dn", "3C:52:82"),
    ("МФУ", "Canon i-SENSYS MF443dw", "74:BF:C0"),
    ("МФУ", "Brother MFC-L2700DWR", "30:05:5C"),
    ("Принтер", "Pantum P3010DW", "70:B5:E8"),
    ("МФУ", "Xerox B215", "9C:93:4E"),
)


def mac(rng: random.Random, oui: str) -> str:
    return oui + "".join(f":{rng.randrange(256):02X}" for _ in range(3))


def serial(rng: random.Random, pattern: str) -> str:
    alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    return "".join(
        rng.choice("0123456789") if ch == "D" else rng.choice(alnum) if ch == "A" else ch
        for ch in pattern
    )


def _insert(conn: apsw.Connection, org: DemoOrg, at: datetime, **row: Any) -> int:
    equipment_id = create_equipment(conn, org_id=org.id, created_at=at, **row)
    org.equipment.setdefault(str(row["kind"]), []).append((equipment_id, str(row["name"])))
    org.hostnames[equipment_id] = str(row.get("hostname", ""))
    org.ips[equipment_id] = str(row.get("ip", ""))
    return equipment_id


def write_equipment(
    conn: apsw.Connection, rng: random.Random, orgs: list[DemoOrg], *, now: datetime
) -> None:
    for org in orgs:
        at = now - timedelta(days=rng.randrange(200, 900))
        _write_network(conn, rng, org, at)
        _write_workplaces(conn, rng, org, at)
        _write_devices(conn, rng, org, now=now)


def _write_network(conn: apsw.Connection, rng: random.Random, org: DemoOrg, at: datetime) -> None:
    p, net = org.profile, org.subnet
    rack = "Серверный шкаф" if p.servers else "Коммутационный шкаф в кладовой"
    gateway = 1
    if p.has_firewall:
        model, oui = rng.choice(FIREWALLS)
        _insert(
            conn,
            org,
            at,
            kind="firewall",
            name=f"Межсетевой экран {model.split()[0]}",
            hostname=f"{p.code}-FW",
            model=model,
            serial=serial(rng, "FGDDAAAAAADDDDDD"),
            ip=f"{net}.1",
            mac=mac(rng, oui),
            location=rack,
            notes="Шлюз по умолчанию, NAT, VPN для удалённых сотрудников",
        )
        gateway = 2
    model, oui = rng.choice(ROUTERS)
    _insert(
        conn,
        org,
        at,
        kind="router",
        name=f"Роутер {model.split()[0]}",
        hostname=f"{p.code}-GW",
        model=model,
        serial=serial(rng, "HDDDDAAAAAA"),
        ip=f"{net}.{gateway}",
        mac=mac(rng, oui),
        location=rack,
        notes=f"Провайдер: {rng.choice(('Ростелеком', 'МГТС', 'Билайн Бизнес', 'Дом.ру Бизнес'))},"
        f" статический IP 95.{rng.randrange(24, 200)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
    )
    for n in range(1, 2 + p.staff // 20):
        model, oui = rng.choice(SWITCHES)
        _insert(
            conn,
            org,
            at,
            kind="switch",
            name=f"Коммутатор {n}",
            hostname=f"{p.code}-SW{n}",
            model=model,
            serial=serial(rng, "DDDDDDDDDDDDD"),
            ip=f"{net}.{2 + gateway + n}",
            mac=mac(rng, oui),
            location=rack,
        )
    for n in range(1, p.access_points + 1):
        model, oui = rng.choice(ACCESS_POINTS)
        room = p.rooms[(n - 1) % len(p.rooms)]
        _insert(
            conn,
            org,
            at,
            kind="access_point",
            name=f"Точка доступа Wi-Fi ({room})",
            hostname=f"{p.code}-AP{n}",
            model=model,
            serial=serial(rng, "DDDDAAAAAADDD"),
            ip=f"{net}.{20 + n}",
            mac=mac(rng, oui),
            location=room,
        )
    for n, (suffix, role) in enumerate(p.servers, start=1):
        model, oui = rng.choice(SERVERS)
        _insert(
            conn,
            org,
            at,
            kind="server",
            name=role,
            hostname=f"{p.code}-{suffix}",
            model=model,
            serial=serial(rng, "CZDDDDAAAA"),
            ip=f"{net}.{9 + n}",
            mac=mac(rng, oui),
            location=rack,
            notes=f"{rng.choice(('Windows Server 2019 Standard', 'Windows Server 2022 Standard'))},"
            " Xeon E-2314, 32 ГБ, 2×SSD 960 ГБ RAID1",
        )
    if p.has_nas:
        model, oui = rng.choice(NAS_MODELS)
        _insert(
            conn,
            org,
            at,
            kind="nas",
            name="Сетевое хранилище (резервные копии)",
            hostname=f"{p.code}-NAS",
            model=model,
            serial=serial(rng, "DDAAADDDDDDDD"),
            ip=f"{net}.15",
            mac=mac(rng, oui),
            location=rack,
            notes="2×HDD 4 ТБ, RAID1; Hyper Backup каждую ночь в 02:00",
        )
    if p.servers:
        _insert(
            conn,
            org,
            at,
            kind="ups",
            name="ИБП серверного шкафа",
            model="APC Back-UPS Pro 1500",
            serial=serial(rng, "3BDDDDXDDDDD"),
            location=rack,
        )
    for n in range(1, p.printers + 1):
        label, model, oui = rng.choice(PRINTERS)
        room = p.rooms[(n - 1) % len(p.rooms)]
        _insert(
            conn,
            org,
            at,
            kind="printer",
            name=f"{label} {model.split()[0]} ({room})",
            hostname=f"{p.code}-PRN{n}",
            model=model,
            serial=serial(rng, "AAAADDDDDD"),
            ip=f"{net}.{30 + n}",
            mac=mac(rng, oui),
            location=room,
        )
    if "Телефония" in p.category_bias:
        for n in range(1, 4):
            room = p.rooms[(n - 1) % len(p.rooms)]
            _insert(
                conn,
                org,
                at,
                kind="phone",
                name=f"IP-телефон ({room})",
                hostname=f"{p.code}-TEL{n}",
                model="Yealink SIP-T31P",
                serial=serial(rng, "DDDDDDDDDDDDDDDD"),
                ip=f"{net}.{50 + n}",
                mac=mac(rng, "80:5E:C0"),
                location=room,
            )


def _write_workplaces(
    conn: apsw.Connection, rng: random.Random, org: DemoOrg, at: datetime
) -> None:
    p = org.profile
    desktops = laptops = 0
    for index, person in enumerate(org.persons):
        if (
            rng.random() < 0.04
        ):  # works at a shared PC (a reception desk, a class): none of their own
            continue
        laptop = rng.random() < p.laptop_share
        if laptop:
            laptops += 1
            model, oui, pattern, specs = rng.choice(LAPTOPS)
            kind, name, host = "laptop", "Ноутбук", f"{p.code}-NB{laptops:02d}"
        else:
            desktops += 1
            model, oui, pattern, specs = rng.choice(DESKTOPS)
            kind, name, host = "workstation", "Рабочая станция", f"{p.code}-PC{desktops:02d}"
        os_name = rng.choices(list(OPERATING_SYSTEMS), weights=list(OPERATING_SYSTEMS.values()))[0]
        ip = f"{org.subnet}.{100 + index}"
        person.workstation_id = _insert(
            conn,
            org,
            at,
            kind=kind,
            name=f"{name} {person.name.short}",
            hostname=host,
            model=model,
            serial=serial(rng, pattern),
            ip=ip,
            mac=mac(rng, oui),
            location=person.room,
            person_id=person.id,
            notes=f"{os_name}; {specs}",
        )
        person.hostname, person.ip, person.os = host, ip, os_name


def _write_devices(
    conn: apsw.Connection, rng: random.Random, org: DemoOrg, *, now: datetime
) -> None:
    """LiveViewer installed and enrolled on most PCs. Their tokens are random and unknown to
    anyone (only the hash is kept), so these devices cannot be used to post."""
    for person in org.persons:
        if person.workstation_id is None or rng.random() < 0.15:
            continue
        token_hash = hashlib.sha256(rng.getrandbits(256).to_bytes(32, "big")).hexdigest()
        person.device_id = add_enrolled_device(
            conn,
            org_id=org.id,
            token_hash=token_hash,
            hostname=person.hostname,
            os_user=person.login,
            enrolled_at=now - timedelta(days=rng.randrange(200, 400)),
            last_seen_at=now - timedelta(minutes=rng.randrange(1, 600)),
        )
