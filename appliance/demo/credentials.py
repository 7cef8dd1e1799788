"""Credentials each office's equipment needs: router and firewall admin, Wi-Fi keys, RDP to the
servers, the 1C administrator, mail domain admin, NAS, printers, VPN, the provider's account.

All secrets are drawn from the seeded stream: fake, but shaped like the real thing."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

import apsw

from appliance.demo.model import DemoOrg
from appliance.demo.rng import password_like
from appliance.store.credentials import create_credential


def _first(org: DemoOrg, kind: str) -> tuple[int, str] | None:
    items = org.equipment.get(kind)
    return items[0] if items else None


# equipment id, title, URL, login, secret, notes
CredentialRow = tuple[int | None, str, str, str, str, str]


def write_credentials(
    conn: apsw.Connection, rng: random.Random, orgs: list[DemoOrg], *, now: datetime
) -> None:
    for org in orgs:
        rows = list(_credentials_of(rng, org))
        for eq, title, url, login, secret, notes in rows:
            create_credential(
                conn,
                org_id=org.id,
                equipment_id=eq,
                title=title,
                url=url,
                login=login,
                secret=secret,
                notes=notes,
                updated_at=now - timedelta(days=rng.randrange(1, 500)),
            )


def _credentials_of(rng: random.Random, org: DemoOrg) -> Iterator[CredentialRow]:
    p = org.profile
    ssid = p.code.capitalize() + rng.choice(("-Office", "_WiFi", "-Staff", ""))
    if (fw := _first(org, "firewall")) is not None:
        ip = org.ips[fw[0]]
        yield (
            fw[0],
            "Межсетевой экран — администратор",
            f"https://{ip}:8443",
            "admin",
            password_like(rng, 16),
            "Вход только из локальной сети",
        )
        yield (
            fw[0],
            "VPN для удалённых сотрудников (L2TP/IPsec, общий ключ)",
            f"vpn.{p.mail_domain}",
            "",
            password_like(rng, 20),
            "Логины VPN — доменные учётные записи сотрудников",
        )
    if (gw := _first(org, "router")) is not None:
        yield (
            gw[0],
            "Роутер — веб-интерфейс администратора",
            f"http://{org.ips[gw[0]]}",
            "admin",
            password_like(rng, 14),
            "",
        )
        yield (
            gw[0],
            "Личный кабинет провайдера",
            "https://lk.b2b.rt.ru",
            f"{rng.randrange(10**11, 10**12)}",
            password_like(rng, 10),
            "Номер лицевого счёта — логин",
        )
    aps = org.equipment.get("access_point", [])
    if aps:
        yield (
            aps[0][0],
            f"Wi-Fi «{ssid}» (сотрудники)",
            "",
            ssid,
            password_like(rng, 12),
            "WPA2-Personal; ключ меняется раз в год",
        )
        yield (
            aps[0][0],
            f"Wi-Fi «{ssid}-Guest» (гости)",
            "",
            f"{ssid}-Guest",
            password_like(rng, 8),
            "Гостевая сеть изолирована от офисной",
        )
    for server_id, role in org.equipment.get("server", []):
        host = org.hostnames[server_id]
        yield (
            server_id,
            f"RDP {host} — администратор",
            f"rdp://{org.ips[server_id]}",
            f"{p.code}\\Администратор",
            password_like(rng, 16),
            role,
        )
        if "1С" in role and p.uses_1c:
            yield (
                server_id,
                "1С — администратор информационной базы",
                f'Srvr="{host}";Ref="{p.code.lower()}_buh";',
                "Администратор",
                password_like(rng, 12),
                "Сервер 1С:Предприятие 8.3",
            )
    if p.uses_1c and not any("1С" in role for _, role in org.equipment.get("server", [])):
        yield (
            None,
            "1С — администратор файловой базы",
            f"\\\\{p.code}-PC01\\1CBase",
            "Администратор",
            password_like(rng, 10),
            "Файловый вариант базы",
        )
    provider = rng.choice(
        (
            ("Яндекс 360 для бизнеса", "https://admin.yandex.ru"),
            ("VK WorkSpace", "https://biz.mail.ru"),
        )
    )
    yield (
        None,
        f"Почта — администратор домена {p.mail_domain} ({provider[0]})",
        provider[1],
        f"admin@{p.mail_domain}",
        password_like(rng, 14),
        "",
    )
    yield (
        None,
        f"Регистратор домена {p.mail_domain} (REG.RU)",
        "https://www.reg.ru",
        f"{p.code.lower()}-admin",
        password_like(rng, 12),
        "",
    )
    if (nas := _first(org, "nas")) is not None:
        yield (
            nas[0],
            "NAS — администратор",
            f"https://{org.ips[nas[0]]}:5001",
            "nasadmin",
            password_like(rng, 14),
            "Учётная запись admin отключена",
        )
    for printer_id, _name in org.equipment.get("printer", [])[:2]:
        yield (
            printer_id,
            "Принтер — веб-интерфейс",
            f"http://{org.ips[printer_id]}",
            "Admin",
            password_like(rng, 8),
            "",
        )
