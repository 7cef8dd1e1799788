"""Client organisations and their people (names, positions, phones, e-mails, OS logins)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import apsw

from appliance.demo.model import Catalogue, DemoOrg, DemoPerson
from appliance.demo.names import random_name
from appliance.demo.profiles import PROFILES, OrgProfile
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person

_INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def legal_entity_inn(rng: random.Random) -> str:
    """A 10-digit INN with a valid check digit (the form a legal entity's INN takes)."""
    digits = [7, 7] + [rng.randrange(10) for _ in range(7)]  # 77: Moscow
    check = sum(w * d for w, d in zip(_INN_WEIGHTS, digits, strict=True)) % 11 % 10
    return "".join(map(str, digits)) + str(check)


def mobile_phone(rng: random.Random) -> str:
    code = rng.choice(("903", "905", "909", "910", "915", "916", "925", "926", "967", "977", "985"))
    return (
        f"+7 ({code}) {rng.randrange(100, 1000)}-{rng.randrange(10, 100)}-{rng.randrange(10, 100)}"
    )


def _positions(profile: OrgProfile, rng: random.Random) -> list[str]:
    positions = [title for title, count in profile.heads for _ in range(count)]
    while len(positions) < profile.staff:
        positions.append(rng.choice(profile.staff_positions))
    return positions


def _unique_login(base: str, taken: set[str]) -> str:
    login, n = base, 1
    while login in taken:
        n += 1
        login = f"{base}{n}"
    taken.add(login)
    return login


def write_organisations(
    conn: apsw.Connection, rng: random.Random, catalogue: Catalogue, *, now: datetime
) -> list[DemoOrg]:
    orgs = []
    for index, profile in enumerate(PROFILES):
        created = now - timedelta(days=rng.randrange(400, 2200))
        org_id = create_organization(
            conn,
            name=profile.name,
            short_name=profile.short_name,
            tax_id=legal_entity_inn(rng),
            address=profile.address,
            phone=profile.phone,
            email=f"info@{profile.mail_domain}",
            notes=f"Обслуживается по договору № {rng.randrange(10, 99)}-ИТ/{created.year}.",
            sla_plan_id=catalogue.plan_ids[profile.sla_plan],
            created_at=created,
        )
        org = DemoOrg(
            id=org_id,
            profile=profile,
            sla_plan_id=catalogue.plan_ids[profile.sla_plan],
            subnet=f"192.168.{10 + index * 5}",
        )
        _write_people(conn, rng, org, created=created)
        orgs.append(org)
    return orgs


def _write_people(
    conn: apsw.Connection, rng: random.Random, org: DemoOrg, *, created: datetime
) -> None:
    taken: set[str] = set()
    used_names: set[str] = set()
    extension = 100 + rng.randrange(10) * 10
    for position in _positions(org.profile, rng):
        name = random_name(rng)
        while name.full in used_names:
            name = random_name(rng)
        used_names.add(name.full)
        login = _unique_login(name.login(), taken)
        extension += 1
        phone = (
            mobile_phone(rng) if rng.random() < 0.5 else f"{org.profile.phone}, доб. {extension}"
        )
        joined = created + timedelta(days=rng.randrange(0, 300))
        logins = [login]
        if rng.random() < 0.2:  # a local Windows account named in Cyrillic, as offices often have
            logins.append(_unique_login(name.surname, taken))
        person_id = create_person(
            conn,
            org_id=org.id,
            full_name=name.full,
            position=position,
            phone=phone,
            email=f"{login}@{org.profile.mail_domain}",
            logins=logins,
            created_at=joined,
        )
        org.persons.append(
            DemoPerson(
                id=person_id,
                org_id=org.id,
                name=name,
                position=position,
                login=login,
                room=rng.choice(org.profile.rooms),
                phone=phone,
            )
        )
