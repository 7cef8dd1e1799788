"""Licences of each office: Windows on every PC, Office, antivirus, 1C and its ITS subscription,
qualified e-signature certificates, the profile's own software. Some run out within 30 days and
some already have, as in every real client base."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import apsw

from appliance.demo.model import DemoOrg
from appliance.store.licenses import create_license

_KEY_ALPHABET = "BCDFGHJKMPQRTVWXY2346789"


def product_key(rng: random.Random, groups: int = 5, size: int = 5) -> str:
    return "-".join("".join(rng.choice(_KEY_ALPHABET) for _ in range(size)) for _ in range(groups))


def _valid_until(rng: random.Random, now: datetime, bucket: str) -> str:
    if bucket == "expired":
        days = -rng.randrange(3, 60)
    elif bucket == "soon":
        days = rng.randrange(2, 29)
    else:
        days = rng.randrange(35, 360)
    return (now + timedelta(days=days)).date().isoformat()


def _bucket(rng: random.Random) -> str:
    return rng.choices(("expired", "soon", "later"), weights=(0.12, 0.15, 0.73))[0]


def write_licenses(
    conn: apsw.Connection, rng: random.Random, orgs: list[DemoOrg], *, now: datetime
) -> None:
    for index, org in enumerate(orgs):
        rows = list(_licenses_of(rng, org, now=now, first_bucket=_forced(index)))
        for product, key, seats, valid_until, person_id, equipment_id, notes in rows:
            create_license(
                conn,
                org_id=org.id,
                product=product,
                license_key=key,
                seats=seats,
                valid_until=date.fromisoformat(valid_until) if valid_until else None,
                person_ids=[person_id] if person_id is not None else [],
                equipment_ids=[equipment_id] if equipment_id is not None else [],
                notes=notes,
            )


def _forced(index: int) -> str:
    # The antivirus of every third office is about to run out, of the next one it has: the demo
    # always shows both warnings, whatever the seed.
    return ("soon", "expired", "later")[index % 3]


# product, key, seats, valid until, person id, equipment id, notes
LicenseRow = tuple[str, str, int, str | None, int | None, int | None, str]


def _licenses_of(
    rng: random.Random, org: DemoOrg, *, now: datetime, first_bucket: str
) -> Iterator[LicenseRow]:
    p = org.profile
    for person in org.persons:
        if person.workstation_id is None or "Windows" not in person.os:
            continue
        edition = "Windows 11 Pro" if "11" in person.os else "Windows 10 Pro"
        yield (
            f"{edition} (OEM)",
            product_key(rng),
            1,
            None,
            None,
            person.workstation_id,
            "Наклейка на корпусе",
        )
    seats = len(org.persons) + len(org.equipment.get("server", [])) + 3
    yield (
        "Kaspersky Endpoint Security для бизнеса — Стандартный",
        product_key(rng, 4),
        seats,
        _valid_until(rng, now, first_bucket),
        None,
        None,
        "Продление через партнёра, счёт за 2 недели",
    )
    if rng.random() < 0.5:
        yield (
            "Microsoft 365 бизнес стандарт",
            product_key(rng),
            len(org.persons),
            _valid_until(rng, now, _bucket(rng)),
            None,
            None,
            "Годовая подписка",
        )
    else:
        for person in org.persons[: max(2, len(org.persons) // 2)]:
            yield (
                "Microsoft Office для дома и бизнеса 2021",
                product_key(rng),
                1,
                None,
                person.id,
                person.workstation_id,
                "",
            )
    for server_id, _role in org.equipment.get("server", []):
        yield (
            "Windows Server 2022 Standard (16 ядер)",
            product_key(rng),
            1,
            None,
            None,
            server_id,
            "",
        )
        yield (
            "Windows Server 2022 CAL на пользователя",
            product_key(rng),
            len(org.persons),
            None,
            None,
            server_id,
            "",
        )
    if p.uses_1c:
        reg = f"{rng.randrange(800000000, 899999999)}"
        yield ("1С:Бухгалтерия 8 ПРОФ", f"рег. № {reg}", 1, None, None, None, "")
        yield (
            f"1С:Предприятие 8 ПРОФ. Клиентская лицензия на {5 if p.staff < 20 else 10} р.м.",
            f"рег. № {rng.randrange(800000000, 899999999)}, пин-коды в конверте",
            5 if p.staff < 20 else 10,
            None,
            None,
            None,
            "",
        )
        yield (
            "1С:ИТС ПРОФ (информационно-технологическое сопровождение)",
            f"рег. № {reg}",
            1,
            _valid_until(rng, now, _bucket(rng)),
            None,
            None,
            "Без ИТС не обновляется конфигурация",
        )
    for title, count in p.heads[:2]:
        head = next((person for person in org.persons if person.position == title), None)
        if head is None or count == 0:
            continue
        yield (
            "Квалифицированная электронная подпись (КЭП)",
            "".join(rng.choice("0123456789ABCDEF") for _ in range(36)),
            1,
            _valid_until(rng, now, _bucket(rng)),
            head.id,
            head.workstation_id,
            "Рутокен ЭЦП 3.0; выдан УЦ ФНС",
        )
    for software in p.extra_software:
        yield (
            software,
            product_key(rng, 4, 4),
            max(1, len(org.persons) // 3),
            _valid_until(rng, now, _bucket(rng)),
            None,
            None,
            "",
        )
    yield (
        f"Доменное имя {p.mail_domain}",
        "",
        1,
        _valid_until(rng, now, _bucket(rng)),
        None,
        None,
        "Автопродление включено",
    )
