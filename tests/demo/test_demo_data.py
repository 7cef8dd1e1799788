"""The demo data set holds together the way a real help desk's data does.

One store with 1,500 demo tickets is built per module (a fixture, so each module has its own) and
read by every check below.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import apsw
import pytest
from PIL import Image

from appliance.demo import generate_demo
from appliance.demo.planner import FRESH_HOURS, fresh_count
from appliance.domain.clock import from_db, to_db
from appliance.domain.workflow import action_counts_as_response
from appliance.store import Store, StoreKey

NOW = datetime(2026, 11, 26, 21, 0, tzinfo=UTC)
TICKETS = 1500


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store(path, StoreKey(os.urandom(32), "aegis")) as opened:
        generate_demo(opened, tickets=TICKETS, seed=1, now=NOW)
        yield opened


def rows(store: Store, sql: str, *params: object) -> list[tuple]:  # type: ignore[type-arg]
    return store.read_sync(lambda conn: conn.execute(sql, params).fetchall())


def one(store: Store, sql: str, *params: object) -> object:
    return rows(store, sql, *params)[0][0]


# -- client offices ------------------------------------------------------------------------------


def test_about_ten_varied_organisations_with_5_to_40_people(store: Store) -> None:
    sizes = rows(
        store,
        "SELECT o.name, count(p.id) FROM organizations AS o"
        " JOIN persons AS p ON p.org_id = o.id GROUP BY o.id",
    )
    assert 8 <= len(sizes) <= 12
    assert all(5 <= count <= 40 for _, count in sizes), sizes
    names = " ".join(name for name, _ in sizes)
    for kind in ("Бухгалтерия", "Стоматологическая", "Юридическая", "Склад", "Школа"):
        assert kind in names


def test_people_have_russian_names_contacts_and_logins(store: Store) -> None:
    people = rows(
        store,
        "SELECT p.id, p.full_name, p.position, p.phone, p.email,"
        " (SELECT count(*) FROM person_logins AS l WHERE l.person_id = p.id)"
        " FROM persons AS p",
    )
    for _, full_name, position, phone, email, logins in people:
        assert len(full_name.split()) == 3 and full_name[0].isupper()
        assert any("а" <= ch <= "я" for ch in full_name.lower())
        assert position and phone.startswith("+7 ") and "@" in email and logins >= 1
    assert len({p[1] for p in people}) > 0.9 * len(people)


def test_equipment_of_every_kind_with_its_network_facts(store: Store) -> None:
    kinds = Counter(row[0] for row in rows(store, "SELECT kind FROM equipment"))
    for kind in (
        "workstation",
        "laptop",
        "server",
        "router",
        "switch",
        "firewall",
        "access_point",
        "printer",
        "nas",
    ):
        assert kinds[kind] > 0, kind
    for hostname, ip, mac, model, serial in rows(
        store, "SELECT hostname, ip, mac, model, serial FROM equipment WHERE kind <> 'ups'"
    ):
        assert hostname and model and serial
        assert ip.startswith("192.168.") and len(mac.split(":")) == 6
    # Workstations and laptops belong to a person of the same office.
    assert (
        one(
            store,
            "SELECT count(*) FROM equipment AS e JOIN persons AS p ON p.id = e.person_id"
            " WHERE p.org_id <> e.org_id",
        )
        == 0
    )
    assert (
        one(
            store,
            "SELECT count(*) FROM equipment WHERE kind IN ('workstation', 'laptop')"
            " AND person_id IS NULL",
        )
        == 0
    )


def test_credentials_are_tied_to_equipment(store: Store) -> None:
    titles = rows(
        store,
        "SELECT c.title, e.kind, c.secret FROM credentials AS c"
        " LEFT JOIN equipment AS e ON e.id = c.equipment_id",
    )
    kinds = {(title.split(" ")[0], kind) for title, kind, _ in titles}
    assert ("Роутер", "router") in kinds
    assert ("Wi-Fi", "access_point") in kinds
    assert ("RDP", "server") in kinds
    assert any(title.startswith("1С") for title, _, _ in titles)
    assert any(title.startswith("Почта") for title, _, _ in titles)
    assert all(len(secret) >= 8 for title, _, secret in titles if not title.startswith("Личный"))


def test_licenses_include_some_expiring_within_30_days_and_some_expired(store: Store) -> None:
    today = NOW.date()
    until = [
        date.fromisoformat(row[0])
        for row in rows(store, "SELECT valid_until FROM licenses WHERE valid_until IS NOT NULL")
    ]
    soon = [d for d in until if today <= d <= today + timedelta(days=30)]
    expired = [d for d in until if d < today]
    assert len(soon) >= 3 and len(expired) >= 3
    products = " ".join(row[0] for row in rows(store, "SELECT product FROM licenses"))
    for product in ("Windows", "Office", "1С", "Kaspersky"):
        assert product in products


# -- catalogue -------------------------------------------------------------------------------------


def test_sla_plans_have_calendars_with_holidays_and_targets_for_every_priority(
    store: Store,
) -> None:
    plans = rows(
        store,
        "SELECT p.name, c.time_zone, (SELECT count(*) FROM sla_targets AS s"
        " WHERE s.plan_id = p.id), (SELECT count(*) FROM calendar_holidays AS h"
        " WHERE h.calendar_id = c.id) FROM sla_plans AS p"
        " JOIN calendars AS c ON c.id = p.calendar_id",
    )
    names = {name for name, *_ in plans}
    assert {"Стандарт 9×5", "Премиум 24×7"} <= names
    assert all(zone == "Europe/Moscow" and targets == 4 for _, zone, targets, _ in plans)
    standard = next(p for p in plans if p[0] == "Стандарт 9×5")
    assert standard[3] >= 10
    assert (
        rows(store, "SELECT name FROM calendar_holidays WHERE day = '2026-11-04'")
        == [("День народного единства",)] * 2
    )  # both calendars that keep holidays


def test_categories_are_service_then_problem(store: Store) -> None:
    pairs = {
        (service, problem)
        for service, problem in rows(
            store,
            "SELECT s.name, p.name FROM categories AS p JOIN categories AS s ON s.id = p.parent_id",
        )
    }
    services = {s for s, _ in pairs}
    assert {"Печать", "Почта", "1С", "Сеть", "Рабочее место"} <= services
    assert ("Печать", "Принтер не печатает") in pairs
    assert (
        one(
            store,
            "SELECT count(*) FROM categories AS c JOIN categories AS p"
            " ON p.id = c.parent_id WHERE p.parent_id IS NOT NULL",
        )
        == 0
    )


def test_faq_has_15_to_30_russian_articles_some_public(store: Store) -> None:
    articles = rows(store, "SELECT title, body, public, category_id FROM faq_articles")
    assert 15 <= len(articles) <= 30
    public = [a for a in articles if a[2]]
    assert 0 < len(public) < len(articles)
    assert all(len(body) > 80 and category for _, body, _, category in articles)
    assert rows(store, "SELECT count(*) FROM faq_fts WHERE faq_fts MATCH 'принтер'")[0][0] > 0


# -- tickets ---------------------------------------------------------------------------------------


def test_numbers_run_from_1_without_gaps_in_reception_order(store: Store) -> None:
    numbers = [row[0] for row in rows(store, "SELECT number FROM tickets ORDER BY received_at")]
    assert numbers == list(range(1, TICKETS + 1))
    assert one(store, "SELECT value FROM counters WHERE name = 'ticket_number'") == TICKETS


def test_tickets_point_only_at_their_own_organisation(store: Store) -> None:
    for table, column in (
        ("persons", "person_id"),
        ("equipment", "equipment_id"),
        ("devices", "device_id"),
    ):
        assert (
            one(
                store,
                f"SELECT count(*) FROM tickets AS t JOIN {table} AS x"
                f" ON x.id = t.{column} WHERE x.org_id <> t.org_id",
            )
            == 0
        ), table
    assert one(store, "SELECT count(*) FROM tickets WHERE person_id IS NULL") == 0


def test_times_are_in_order(store: Store) -> None:
    for earlier, later in (
        ("received_at", "first_response_at"),
        ("received_at", "resolved_at"),
        ("resolved_at", "closed_at"),
        ("received_at", "updated_at"),
    ):
        assert one(store, f"SELECT count(*) FROM tickets WHERE {later} < {earlier}") == 0, later
    assert one(store, "SELECT max(updated_at) FROM tickets") <= to_db(NOW)
    first, last = rows(store, "SELECT min(received_at), max(received_at) FROM tickets")[0]
    assert from_db(first) >= NOW - timedelta(days=183)
    assert from_db(last) > NOW - timedelta(hours=FRESH_HOURS)


def test_statuses_agree_with_their_timestamps(store: Store) -> None:
    checks = {
        "new": "first_response_at IS NULL AND resolved_at IS NULL AND closed_at IS NULL",
        "in_progress": "resolved_at IS NULL AND closed_at IS NULL AND sla_paused_since IS NULL",
        "waiting": "resolved_at IS NULL AND sla_paused_since IS NOT NULL",
        "resolved": "resolved_at IS NOT NULL AND closed_at IS NULL AND first_response_at"
        " IS NOT NULL",
        "closed": "resolved_at IS NOT NULL AND closed_at IS NOT NULL",
    }
    for status, condition in checks.items():
        total = one(store, "SELECT count(*) FROM tickets WHERE status = ?", status)
        assert total > 0, status
        matching = one(
            store, f"SELECT count(*) FROM tickets WHERE status = ? AND {condition}", status
        )
        assert matching == total, status


def test_statuses_follow_age(store: Store) -> None:
    month_ago = to_db(NOW - timedelta(days=30))
    old = Counter(
        r[0] for r in rows(store, "SELECT status FROM tickets WHERE received_at < ?", month_ago)
    )
    assert old["closed"] / sum(old.values()) > 0.9
    fresh = [
        r[0]
        for r in rows(
            store,
            "SELECT status, assignee_id FROM tickets ORDER BY number DESC LIMIT ?",
            fresh_count(TICKETS),
        )
    ]
    assert fresh == ["new"] * fresh_count(TICKETS)
    recent = Counter(
        r[0]
        for r in rows(
            store,
            "SELECT status FROM tickets WHERE received_at > ?",
            to_db(NOW - timedelta(days=3)),
        )
    )

    def open_share(statuses: Counter[str]) -> float:
        return sum(statuses[s] for s in ("new", "in_progress", "waiting")) / sum(statuses.values())

    assert open_share(recent) > 0.3
    assert open_share(recent) > 5 * open_share(old)


def test_first_response_and_resolution_match_the_history(store: Store) -> None:
    def check(conn: apsw.Connection) -> int:
        checked = 0
        for ticket_id, first_response, resolved, status in conn.execute(
            "SELECT id, first_response_at, resolved_at, status FROM tickets WHERE status <> 'new'"
        ).fetchall():
            history = conn.execute(
                "SELECT created_at, kind, visibility, new_value FROM ticket_actions"
                " WHERE ticket_id = ? ORDER BY created_at, id",
                (ticket_id,),
            ).fetchall()
            responses = [
                at
                for at, kind, visibility, new in history
                if action_counts_as_response(kind, visibility)
                or (kind == "status" and new == "resolved")
            ]
            assert first_response == (responses[0] if responses else None), ticket_id
            resolutions = [
                at for at, kind, _, new in history if kind == "status" and new == "resolved"
            ]
            if status in ("resolved", "closed"):
                assert resolved == resolutions[-1], ticket_id
            statuses = [new for _, kind, _, new in history if kind == "status"]
            assert (statuses[-1] if statuses else "new") == status, ticket_id
            assert history[0][1] == "created"
            checked += 1
        return checked

    assert store.read_sync(check) > TICKETS * 0.9


def test_work_is_logged_with_minutes_extras_and_public_replies(store: Store) -> None:
    minutes, extras, public = rows(
        store,
        "SELECT sum(minutes), sum(additional_work), sum(visibility = 'public') FROM ticket_actions",
    )[0]
    assert minutes > TICKETS * 20
    assert 0.03 * TICKETS < extras < 0.15 * TICKETS
    assert public > TICKETS
    assert one(store, "SELECT count(*) FROM feed_events WHERE kind = 'reply'") == public
    assert (
        one(
            store,
            "SELECT count(*) FROM ticket_actions WHERE additional_work = 1"
            " AND kind NOT IN ('remote_session', 'on_site')",
        )
        == 0
    )


def test_sources_priorities_and_assignees_are_varied(store: Store) -> None:
    sources = Counter(r[0] for r in rows(store, "SELECT source FROM tickets"))
    assert set(sources) == {"client", "phone", "email", "technician"}
    priorities = Counter(r[0] for r in rows(store, "SELECT priority FROM tickets"))
    assert set(priorities) == {"low", "normal", "high", "urgent"}
    assignees = rows(
        store,
        "SELECT u.role, count(*) FROM tickets AS t"
        " JOIN users AS u ON u.id = t.assignee_id GROUP BY u.id",
    )
    assert len(assignees) == 4 and {role for role, _ in assignees} == {"technician"}
    descriptions = {r[0] for r in rows(store, "SELECT description FROM tickets")}
    assert len(descriptions) > TICKETS / 3
    # Client tickets carry what LiveViewer sends: device, machine facts, a content hash.
    assert (
        one(
            store,
            "SELECT count(*) FROM tickets WHERE source = 'client' AND (device_id IS NULL"
            " OR content_hash NOT LIKE 'v1:%' OR machine_facts = '{}')",
        )
        == 0
    )


def test_screenshots_are_png_blobs_shared_by_many_tickets(store: Store) -> None:
    blobs = rows(store, "SELECT sha256, media_type, size, width, height, data FROM blobs")
    assert 5 <= len(blobs) <= 20
    for sha, media_type, size, width, height, data in blobs:
        assert hashlib.sha256(data).hexdigest() == sha and len(data) == size
        image = Image.open(io.BytesIO(data))
        assert (media_type, image.format, image.size) == ("image/png", "PNG", (width, height))
    attached = one(store, "SELECT count(DISTINCT ticket_id) FROM ticket_attachments")
    assert attached > len(blobs) * 10
    assert (
        one(
            store,
            "SELECT count(*) FROM ticket_attachments AS a JOIN tickets AS t"
            " ON t.id = a.ticket_id WHERE t.source <> 'client'",
        )
        == 0
    )


def test_full_text_search_finds_demo_tickets(store: Store) -> None:
    found = one(store, "SELECT count(*) FROM tickets_fts WHERE tickets_fts MATCH 'принтер'")
    assert found > 20


def test_the_same_seed_gives_the_same_rows(tmp_path: Path) -> None:
    tables = (
        "organizations",
        "persons",
        "person_logins",
        "equipment",
        "devices",
        "credentials",
        "licenses",
        "calendars",
        "calendar_holidays",
        "sla_plans",
        "sla_targets",
        "categories",
        "faq_articles",
        "blobs",
        "tickets",
        "ticket_attachments",
        "ticket_actions",
        "feed_events",
        "ticket_changes",
        "counters",
    )

    def dump(seed: int, name: str) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
        with Store(tmp_path / name, StoreKey(os.urandom(32), "aegis")) as opened:
            generate_demo(opened, tickets=200, seed=seed, now=NOW)
            return {
                table: rows(opened, f"SELECT * FROM {table} ORDER BY rowid") for table in tables
            } | {"users": rows(opened, "SELECT login, full_name, email, role FROM users")}

    first, again, other = dump(5, "a.db"), dump(5, "b.db"), dump(6, "c.db")
    assert first == again
    changed = [table for table in tables if first[table] != other[table]]
    assert {"persons", "equipment", "credentials", "tickets", "ticket_actions"} <= set(changed)


@pytest.mark.parametrize(
    ("father", "male", "female"),
    [
        ("Игорь", "Игоревич", "Игоревна"),
        ("Михаил", "Михайлович", "Михайловна"),
        ("Евгений", "Евгеньевич", "Евгеньевна"),
        ("Анатолий", "Анатольевич", "Анатольевна"),
        ("Валерий", "Валерьевич", "Валерьевна"),
        ("Геннадий", "Геннадьевич", "Геннадьевна"),
        ("Василий", "Васильевич", "Васильевна"),
        ("Дмитрий", "Дмитриевич", "Дмитриевна"),
        ("Андрей", "Андреевич", "Андреевна"),
        ("Алексей", "Алексеевич", "Алексеевна"),
        ("Николай", "Николаевич", "Николаевна"),
        ("Пётр", "Петрович", "Петровна"),
        ("Павел", "Павлович", "Павловна"),
        ("Иван", "Иванович", "Ивановна"),
        ("Никита", "Никитич", "Никитична"),
    ],
)
def test_patronymics_follow_the_grammar(father: str, male: str, female: str) -> None:
    from appliance.demo.names import patronymic

    assert (patronymic(father, female=False), patronymic(father, female=True)) == (male, female)


def test_every_father_of_the_demo_gives_a_known_good_patronymic() -> None:
    from appliance.demo.names import FATHERS, patronymic

    made = {patronymic(f, female=False) for f in FATHERS}
    assert not made & {"Игорьович", "Михаилович", "Евгениевич", "Анатолиевич"}


def test_the_readme_counts_the_demos_organisations() -> None:
    from appliance.demo.profiles import PROFILES

    words = {10: "ten", 11: "eleven", 12: "twelve"}
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"{words[len(PROFILES)]} client organisations" in readme


def test_no_ticket_stays_open_for_months(store: Store) -> None:
    """The demo showed tickets "В работе" for 181 days: a help desk chases what is open."""
    stale = one(
        store,
        "SELECT count(*) FROM tickets WHERE status IN ('new', 'in_progress', 'waiting')"
        " AND received_at < ?",
        to_db(NOW - timedelta(days=15)),
    )
    assert stale == 0


def test_no_doubled_brackets_in_ticket_texts(store: Store) -> None:
    """A printer's name carries its place in brackets; a template wrapping it in brackets again
    read "(Принтер Pantum (Офис, 2 этаж))"."""
    doubled = one(
        store,
        "SELECT count(*) FROM tickets WHERE description LIKE '%))%' OR description LIKE '%((%'",
    )
    assert doubled == 0


def test_faq_suggestions_for_wi_fi_tickets_are_about_wi_fi_or_none(store: Store) -> None:
    """A Wi-Fi ticket was offered "Чек-лист: новый сотрудник" and "Увольнение сотрудника"."""
    from appliance.store.faq import faq_for_text

    def suggestions(conn: apsw.Connection) -> list[tuple[int, list[str], list[str]]]:
        found = []
        for number, text, category in conn.execute(
            "SELECT number, description, category_id FROM tickets"
            " WHERE description LIKE '%Wi-Fi%' LIMIT 40"
        ).fetchall():
            titled = [a.title for a in faq_for_text(conn, text, category_id=category)]
            uncategorised = [a.title for a in faq_for_text(conn, text)]
            found.append((number, titled, uncategorised))
        return found

    seen = store.read_sync(suggestions)
    assert len(seen) >= 5
    for number, titled, uncategorised in seen:
        for titles in (titled, uncategorised):
            assert all("сотрудник" not in title for title in titles), (number, titles)
        assert titled and "Wi-Fi" in titled[0], (number, titled)


def test_client_cards_are_filled_in(store: Store) -> None:
    """Issue 9's fields: every office's contract, contact and network; key people sitting at
    their workstations; computers with OS, purchase and warranty; licenses with vendor, seats in
    use and a first day. All of it passes the card's own checks."""
    from appliance.domain import validation

    orgs = rows(
        store,
        "SELECT contact_name, contract, subnets, gateway, dns_servers, isp, external_ip"
        " FROM organizations",
    )
    assert orgs and all(all(value for value in org) for org in orgs)
    for _, _, subnets, gateway, dns, _, external in orgs:
        assert validation.cidr_list(subnets) == subnets
        assert validation.ip(gateway) == gateway and validation.ip(external) == external
        assert validation.ip_list(dns) == dns
    for org_id, keys in rows(
        store,
        "SELECT o.id, (SELECT count(*) FROM persons AS p WHERE p.org_id = o.id AND p.key_person)"
        " FROM organizations AS o",
    ):
        assert keys >= 1, org_id
    seated = one(
        store,
        "SELECT count(*) FROM persons AS p JOIN equipment AS e ON e.id = p.workstation_id"
        " WHERE e.person_id = p.id",
    )
    assert seated > 0.8 * one(store, "SELECT count(*) FROM persons")  # type: ignore[operator]
    assert (
        one(
            store,
            "SELECT count(*) FROM equipment WHERE kind IN ('workstation', 'laptop')"
            " AND (os = '' OR purchase_date IS NULL OR warranty_until <= purchase_date)",
        )
        == 0
    )
    assert one(store, "SELECT count(*) FROM licenses WHERE vendor <> ''") > 0  # type: ignore[operator]
    assert one(store, "SELECT count(*) FROM licenses WHERE seats_used > seats") == 0
    assert one(store, "SELECT count(*) FROM license_assignments") > 0  # type: ignore[operator]
