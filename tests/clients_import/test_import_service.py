"""Importing a client's card from a spreadsheet through the service: all or nothing, line and
column named, XLSX and CSV alike, mapping remembered, permissions, one audit row."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import asdict
from typing import Any

import pytest

from appliance.domain.errors import Forbidden, InvalidInput
from appliance.services import client_export, client_import, clients
from appliance.services.actor import Actor
from appliance.services.client_import import ImportRefused, describe
from appliance.store import Store
from tests.clients_import.files import EQUIPMENT_HEADER, csv_bytes, equipment_rows, xlsx
from tests.services.support import audit_rows, make_accounts


def run(coro: Awaitable[Any]) -> Any:
    return asyncio.run(coro)  # type: ignore[arg-type]


@pytest.fixture
def actors(store: Store) -> dict[str, Actor]:
    return make_accounts(store)


@pytest.fixture
def org(store: Store, actors: dict[str, Actor]) -> int:
    return run(clients.create_organization(store, actors["admin"], name="ООО «Ромашка»"))


def counts(store: Store) -> dict[str, int]:
    tables = ("persons", "person_logins", "equipment", "credentials", "licenses", "audit_log")
    return store.read_sync(
        lambda c: {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    )


def do_import(
    store: Store, actor: Actor, org: int, kind: str, data: bytes, name: str, mapping=None
) -> client_import.ImportDone:
    sheet = client_import.read_upload(data, name, kind=kind)
    if mapping is None:
        mapping = run(
            client_import.prepare(store, actor, org_id=org, kind=kind, sheet=sheet)
        ).mapping
    return run(
        client_import.import_file(store, actor, org_id=org, kind=kind, sheet=sheet, mapping=mapping)
    )


def equipment_held(store: Store, actor: Actor, org: int) -> list[dict[str, Any]]:
    held = run(clients.list_equipment(store, actor, org_id=org))
    return sorted(
        (
            {k: v for k, v in asdict(e).items() if k not in ("id", "org_id", "created_at")}
            for e in held
        ),
        key=lambda row: row["hostname"],
    )


# -- all or nothing ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_file_with_one_bad_row_is_refused_naming_its_line_and_column(
    store: Store, actors: dict[str, Actor], org: int, fmt: str
) -> None:
    rows = equipment_rows(30)
    bad = list(rows[16])
    bad[3] = "10.0.300.1"  # the IP column (D)
    rows[16] = tuple(bad)
    title = ["Оборудование ООО «Ромашка» на 01.11.2026"]
    data = (
        xlsx([EQUIPMENT_HEADER, *rows], title=title)
        if fmt == "xlsx"
        else csv_bytes([EQUIPMENT_HEADER, *rows], encoding="cp1251", title=title)
    )
    before = counts(store)
    with pytest.raises(ImportRefused) as refused:
        do_import(store, actors["technician"], org, "equipment", data, f"оборудование.{fmt}")
    # Title line 1, blank line 2, header line 3: the 17th data row is line 20.
    assert [(p.line, p.column) for p in refused.value.problems] == [(20, "IP-адрес")]
    assert describe(refused.value.problems[0], "ru").startswith("Строка 20, столбец «IP-адрес»: ")
    assert describe(refused.value.problems[0], "en").startswith("Line 20, column “IP-адрес”: ")
    assert counts(store) == before  # nothing written, not even the audit row


def test_every_bad_row_is_listed_not_just_the_first(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    data = csv_bytes(
        [
            ("ФИО", "E-mail", "Телефон", "Ключевой"),
            ("Анна Смирнова", "anna@romashka.ru", "+7 495 123-45-67", "да"),
            ("", "oleg@romashka.ru", "", ""),  # line 3: no name
            ("Ирина Козлова", "irina@", "", ""),  # line 4: bad e-mail
            ("Пётр Петров", "petr@romashka.ru", "", "может быть"),  # line 5: not a yes/no
        ]
    )
    before = counts(store)
    with pytest.raises(ImportRefused) as refused:
        do_import(store, actors["admin"], org, "people", data, "people.csv")
    found = [(p.line, p.column, p.key) for p in refused.value.problems]
    assert found == [
        (3, "ФИО", "import.error.required"),
        (4, "E-mail", "cards.invalid.email"),
        (5, "Ключевой", "import.error.flag"),
    ]
    assert counts(store) == before


# -- XLSX and CSV alike --------------------------------------------------------------------------


def test_a_500_row_xlsx_and_the_same_rows_as_csv_import_identically(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    other = run(clients.create_organization(store, actors["admin"], name="АО Стрела"))
    rows = [EQUIPMENT_HEADER, *equipment_rows(500)]
    done_xlsx = do_import(store, actors["technician"], org, "equipment", xlsx(rows), "a.xlsx")
    done_csv = do_import(
        store, actors["technician"], other, "equipment", csv_bytes(rows, encoding="cp1251"), "a.csv"
    )
    assert done_xlsx.created == done_csv.created == 500
    from_xlsx = equipment_held(store, actors["admin"], org)
    assert from_xlsx == equipment_held(store, actors["admin"], other)
    first = next(row for row in from_xlsx if row["hostname"] == "pc-00001")
    # A serial typed as a number stays digits; Russian kind names become the stored kinds.
    assert (first["serial"], first["kind"], first["ip"]) == ("1007", "printer", "10.0.0.1")


@pytest.mark.parametrize(
    ("encoding", "bom", "delimiter"),
    [("utf-8", True, ";"), ("utf-8", False, ","), ("cp1251", False, ";"), ("utf-16", False, "\t")],
)
def test_csv_as_office_software_writes_it(
    store: Store, actors: dict[str, Actor], org: int, encoding: str, bom: bool, delimiter: str
) -> None:
    data = csv_bytes(
        [("ФИО", "Должность", "Логин"), ("Смирнова Анна", "Бухгалтер, главный", "a.smirnova")],
        encoding=encoding,
        bom=bom,
        delimiter=delimiter,
    )
    assert do_import(store, actors["admin"], org, "people", data, "p.csv").created == 1
    (person,) = run(clients.list_persons(store, actors["admin"], org_id=org))
    assert (person.full_name, person.position, person.logins) == (
        "Смирнова Анна",
        "Бухгалтер, главный",
        ("a.smirnova",),
    )


# -- mapping -----------------------------------------------------------------------------------


def test_the_chosen_mapping_is_remembered_per_client_and_kind(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    tech = actors["technician"]
    header = ("Инв. №", "Устройство", "Комментарий бухгалтерии")
    first = client_import.read_upload(
        xlsx([header, ("A-1", "Принтер HP", "списать")]), "nov.xlsx", kind="equipment"
    )
    guessed = run(client_import.prepare(store, tech, org_id=org, kind="equipment", sheet=first))
    assert guessed.mapping == (None, "name", "notes") and not guessed.remembered
    chosen = ("serial", "name", None)  # the serial's column named; the comment left out
    run(
        client_import.import_file(
            store, tech, org_id=org, kind="equipment", sheet=first, mapping=chosen
        )
    )
    # Next month: the columns in another order, and one more.
    later = client_import.read_upload(
        xlsx(
            [
                ("Комментарий бухгалтерии", "IP", "Инв. №", "Устройство"),
                ("", "10.0.0.9", "A-2", "ПК"),
            ]
        ),
        "dec.xlsx",
        kind="equipment",
    )
    plan = run(client_import.prepare(store, tech, org_id=org, kind="equipment", sheet=later))
    assert plan.remembered
    assert plan.mapping == (None, "ip", "serial", "name")  # the comment still left out
    # Another client, or another kind, starts from the guesses.
    other = run(clients.create_organization(store, actors["admin"], name="АО Стрела"))
    assert run(
        client_import.prepare(store, tech, org_id=other, kind="equipment", sheet=later)
    ).mapping == (
        "notes",
        "ip",
        None,
        "name",
    )


def test_a_required_field_without_a_column_is_refused(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    sheet = client_import.read_upload(
        xlsx([("Модель",), ("LaserJet",)]), "x.xlsx", kind="equipment"
    )
    with pytest.raises(ImportRefused) as refused:
        run(
            client_import.import_file(
                store,
                actors["admin"],
                org_id=org,
                kind="equipment",
                sheet=sheet,
                mapping=("model",),
            )
        )
    (problem,) = refused.value.problems
    assert problem.line is None
    assert describe(problem, "en") == "No column is mapped to “Name”, which is required"


# -- permissions and audit ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "may"),
    [("admin", True), ("technician", True), ("manager", False), ("disabled", False)],
)
def test_who_may_import(
    store: Store, actors: dict[str, Actor], org: int, role: str, may: bool
) -> None:
    data = xlsx([EQUIPMENT_HEADER, *equipment_rows(3)])
    sheet = client_import.read_upload(data, "e.xlsx", kind="equipment")
    mapping = run(
        client_import.prepare(store, actors["admin"], org_id=org, kind="equipment", sheet=sheet)
    ).mapping
    before = counts(store)
    if may:
        do_import(store, actors[role], org, "equipment", data, "e.xlsx")
        assert counts(store)["equipment"] == 3
    else:
        with pytest.raises(Forbidden):
            run(
                client_import.check_import(
                    store, actors[role], org_id=org, kind="equipment", sheet=sheet, mapping=mapping
                )
            )
        with pytest.raises(Forbidden):
            run(
                client_import.import_file(
                    store, actors[role], org_id=org, kind="equipment", sheet=sheet, mapping=mapping
                )
            )
        assert counts(store) == before


def test_one_audit_row_per_import_and_never_a_secret(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    run(
        clients.create_equipment(
            store, actors["admin"], org_id=org, kind="router", name="Mikrotik", hostname="gw"
        )
    )
    before = len(audit_rows(store))
    data = xlsx(
        [
            ("Название", "Адрес", "Логин", "Пароль", "Оборудование"),
            ("Роутер", "https://10.0.0.1", "admin", "S3cr3t-pass!", "gw"),
            ("Почта", "mail.romashka.ru", "boss", "An0ther-Secret", ""),
        ]
    )
    tech = actors["technician"]
    assert do_import(store, tech, org, "credentials", data, "пароли.xlsx").created == 2
    rows = audit_rows(store)[before:]
    assert rows == [
        (tech.user_id, "credential.import", "organization", org, "file=пароли.xlsx rows=2")
    ]
    # The secret is kept (encrypted with the store) and leaves only through an audited reveal.
    held = run(clients.list_credentials(store, actors["admin"], org_id=org))
    router = next(c for c in held if c.title == "Роутер")
    assert router.has_secret and router.equipment_id is not None
    dump = store.read_sync(
        lambda c: c.execute("SELECT group_concat(detail, '|') FROM audit_log").fetchone()[0]
    )
    assert "S3cr3t" not in dump and "An0ther" not in dump


# -- the card's own rows: references and duplicates ------------------------------------------------


def test_references_resolve_to_the_cards_people_and_unknown_ones_are_named(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    admin = actors["admin"]
    anna = run(
        clients.create_person(
            store, admin, org_id=org, full_name="Анна Смирнова", logins=["asmirnova"]
        )
    )
    header = ("Наименование", "Пользователь")
    ok = xlsx([header, ("ПК бухгалтера", "анна смирнова"), ("Ноутбук", "ASMIRNOVA")])
    assert do_import(store, admin, org, "equipment", ok, "e.xlsx").created == 2
    assert {e.person_id for e in run(clients.list_equipment(store, admin, org_id=org))} == {anna}
    bad = xlsx([header, ("ПК директора", "Иван Иванов")])
    with pytest.raises(ImportRefused) as refused:
        do_import(store, admin, org, "equipment", bad, "e2.xlsx")
    (problem,) = refused.value.problems
    assert describe(problem, "ru") == (
        "Строка 2, столбец «Пользователь»: в карточке клиента нет сотрудника «Иван Иванов»"
    )


def test_importing_the_same_file_twice_is_refused_row_by_row(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    data = xlsx([EQUIPMENT_HEADER, *equipment_rows(5)])
    do_import(store, actors["admin"], org, "equipment", data, "e.xlsx")
    before = counts(store)
    with pytest.raises(ImportRefused) as refused:
        do_import(store, actors["admin"], org, "equipment", data, "e.xlsx")
    assert {p.line for p in refused.value.problems} == {2, 3, 4, 5, 6}
    assert {p.key for p in refused.value.problems} == {"import.error.on_card"}
    assert counts(store) == before


def test_a_value_repeated_inside_the_file_names_the_first_line(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    rows = equipment_rows(3)
    dup = list(rows[2])
    dup[2] = rows[0][2]  # the hostname of line 2 again on line 4
    data = xlsx([EQUIPMENT_HEADER, rows[0], rows[1], tuple(dup)])
    with pytest.raises(ImportRefused) as refused:
        do_import(store, actors["admin"], org, "equipment", data, "e.xlsx")
    (problem,) = refused.value.problems
    assert (problem.line, problem.column) == (4, "Имя хоста")
    assert "строке 2" in describe(problem, "ru")


# -- unreadable files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "key"),
    [
        (b"", "x.csv", "import.error.empty_file"),
        (b"PK\x03\x04not really a zip", "x.xlsx", "import.error.xlsx_broken"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls", "import.error.old_xls"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_plainly(data: bytes, name: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        client_import.read_upload(data, name, kind="people")
    assert refused.value.key == key


# -- export, then import ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_imports_back_as_it_was(
    store: Store, actors: dict[str, Actor], org: int, fmt: str
) -> None:
    admin = actors["admin"]
    do_import(
        store, admin, org, "equipment", xlsx([EQUIPMENT_HEADER, *equipment_rows(20)]), "e.xlsx"
    )
    exported = run(
        client_export.export_card(
            store, admin, org_id=org, kind="equipment", file_name=f"out.{fmt}", lang="ru"
        )
    )
    assert exported.rows == 20
    other = run(clients.create_organization(store, admin, name="Копия"))
    assert do_import(store, admin, other, "equipment", exported.data, f"out.{fmt}").created == 20
    assert equipment_held(store, admin, other) == equipment_held(store, admin, org)


def test_secrets_are_exported_only_when_asked_and_that_is_audited(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    admin = actors["admin"]
    run(
        clients.create_credential(
            store, admin, org_id=org, title="Роутер", login="admin", secret="Zz-9!secret"
        )
    )
    plain = run(
        client_export.export_card(
            store, admin, org_id=org, kind="credentials", file_name="c.csv", lang="en"
        )
    )
    assert b"Zz-9!secret" not in plain.data and b"Password" not in plain.data
    with pytest.raises(Forbidden):
        run(
            client_export.export_card(
                store,
                actors["manager"],
                org_id=org,
                kind="credentials",
                file_name="c.csv",
                lang="en",
                with_secrets=True,
            )
        )
    full = run(
        client_export.export_card(
            store,
            admin,
            org_id=org,
            kind="credentials",
            file_name="c.csv",
            lang="en",
            with_secrets=True,
        )
    )
    assert "Zz-9!secret" in full.data.decode("utf-8-sig")
    actions = [(row[1], row[4]) for row in audit_rows(store)[-2:]]
    assert actions == [
        ("credential.export", "rows=1 format=csv secrets=no"),
        ("credential.export", "rows=1 format=csv secrets=yes"),
    ]


# -- every field of every kind -------------------------------------------------------------------


def full_card(store: Store, actor: Actor, org: int) -> None:
    """Equipment, then people sitting at it, then credentials on it and licenses assigned to
    both: every field of every kind from spreadsheet cells (dates as date cells and as text)."""
    from datetime import date

    equipment_file = xlsx(
        [
            (
                "Тип",
                "Наименование",
                "Имя хоста",
                "Модель",
                "Серийный номер",
                "IP",
                "MAC",
                "Кабинет",
                "ОС",
                "Дата покупки",
                "Гарантия до",
                "Примечание",
            ),
            (
                "ПК",
                "ПК бухгалтера",
                "PC-BUH-01",
                "Dell OptiPlex",
                48213,
                "192.168.1.21",
                "00-1A-2B-3C-4D-5E",
                "каб. 12",
                "Windows 11",
                date(2024, 3, 1),
                "01.03.2027",
                "у окна",
            ),
            (
                "МФУ",
                "Kyocera M2040",
                "",
                "M2040dn",
                "VCF1234",
                "192.168.1.50",
                "",
                "коридор",
                "",
                "2023-05-10",
                None,
                "",
            ),
        ]
    )
    people_file = csv_bytes(
        [
            (
                "ФИО",
                "Должность",
                "Телефон",
                "E-mail",
                "Логин",
                "Рабочее место",
                "Ключевой",
                "Примечания",
            ),
            (
                "Смирнова Анна",
                "Главный бухгалтер",
                "+7 495 123-45-67 доб. 12",
                "anna@romashka.ru",
                "asmirnova, anna",
                "pc-buh-01",
                "да",
                "подписывает акты",
            ),
            ("Орлов Олег", "Директор", "", "", "", "", "нет", ""),
        ],
        encoding="cp1251",
    )
    credentials_file = xlsx(
        [
            ("Название", "Адрес", "Логин", "Пароль", "Оборудование", "Примечания"),
            ("RDP бухгалтера", "192.168.1.21", "Administrator", "Rdp#Pass-2026", "PC-BUH-01", ""),
        ]
    )
    licenses_file = xlsx(
        [
            (
                "Продукт",
                "Производитель",
                "Ключ",
                "Мест",
                "Занято",
                "Действует с",
                "Действует до",
                "Сотрудник",
                "Оборудование",
                "Примечания",
            ),
            (
                "1С:Бухгалтерия",
                "1С",
                "1C-KEY-0001",
                5,
                2,
                date(2026, 1, 1),
                date(2026, 12, 31),
                "Смирнова Анна; Орлов Олег",
                "PC-BUH-01",
                "продлить в декабре",
            ),
        ]
    )
    for kind, data, name in [
        ("equipment", equipment_file, "e.xlsx"),
        ("people", people_file, "p.csv"),
        ("credentials", credentials_file, "c.xlsx"),
        ("licenses", licenses_file, "l.xlsx"),
    ]:
        do_import(store, actor, org, kind, data, name)


def card_of(store: Store, actor: Actor, org: int) -> dict[str, Any]:
    """What the card holds, without ids and times, references by name."""
    drop = {
        "id",
        "org_id",
        "created_at",
        "updated_at",
        "secret_changed_at",
        "person_id",
        "workstation_id",
        "equipment_id",
    }

    def plain(rows: list[Any]) -> list[dict[str, Any]]:
        out = []
        for row in rows:
            values = {k: v for k, v in asdict(row).items() if k not in drop}
            for pairs in ("people", "machines"):
                if pairs in values:
                    values[pairs] = sorted(name for _, name in values[pairs])
            out.append(values)
        return sorted(out, key=repr)

    return {
        "people": plain(run(clients.list_persons(store, actor, org_id=org))),
        "equipment": plain(run(clients.list_equipment(store, actor, org_id=org))),
        "credentials": plain(run(clients.list_credentials(store, actor, org_id=org))),
        "licenses": plain(run(clients.list_licenses(store, actor, org_id=org))),
    }


def test_every_field_of_every_kind_reaches_the_card(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    from datetime import date

    admin = actors["admin"]
    full_card(store, actors["technician"], org)
    card = card_of(store, admin, org)
    pc = next(e for e in card["equipment"] if e["name"] == "ПК бухгалтера")
    assert (pc["kind"], pc["hostname"], pc["serial"], pc["ip"], pc["mac"]) == (
        "workstation",
        "PC-BUH-01",
        "48213",
        "192.168.1.21",
        "00:1a:2b:3c:4d:5e",
    )
    assert (pc["os"], pc["purchase_date"], pc["warranty_until"]) == (
        "Windows 11",
        date(2024, 3, 1),
        date(2027, 3, 1),
    )
    mfp = next(e for e in card["equipment"] if e["kind"] == "mfp")
    assert mfp["purchase_date"] == date(2023, 5, 10)
    anna = next(p for p in card["people"] if p["full_name"] == "Смирнова Анна")
    assert anna["logins"] == ("anna", "asmirnova")
    assert (anna["workstation_name"], anna["key_person"]) == ("ПК бухгалтера", True)
    assert anna["phone"] == "+7 495 123-45-67 доб. 12"
    (rdp,) = card["credentials"]
    assert rdp["has_secret"] and rdp["equipment_name"] == "ПК бухгалтера"
    (lic,) = card["licenses"]
    assert (lic["vendor"], lic["seats"], lic["seats_used"]) == ("1С", 5, 2)
    assert (lic["valid_from"], lic["valid_until"]) == (date(2026, 1, 1), date(2026, 12, 31))
    assert lic["people"] == ["Орлов Олег", "Смирнова Анна"]
    assert lic["machines"] == ["ПК бухгалтера"]


def test_the_whole_card_exports_and_imports_back_with_its_secrets(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    admin = actors["admin"]
    full_card(store, admin, org)
    copy = run(clients.create_organization(store, admin, name="Копия"))
    for kind in ("equipment", "people", "credentials", "licenses"):
        exported = run(
            client_export.export_card(
                store,
                admin,
                org_id=org,
                kind=kind,
                file_name=f"{kind}.xlsx",
                lang="en",
                with_secrets=True,
            )
        )
        do_import(store, admin, copy, kind, exported.data, f"{kind}.xlsx")
    assert card_of(store, admin, copy) == card_of(store, admin, org)
    secrets = store.read_sync(
        lambda c: c.execute(
            "SELECT o.name, c.secret FROM credentials AS c"
            " JOIN organizations AS o ON o.id = c.org_id ORDER BY o.name"
        ).fetchall()
    )
    assert secrets == [("Копия", "Rdp#Pass-2026"), ("ООО «Ромашка»", "Rdp#Pass-2026")]


def test_days_the_wrong_way_round_are_refused_at_the_later_column(
    store: Store, actors: dict[str, Actor], org: int
) -> None:
    data = xlsx(
        [("Продукт", "Действует с", "Действует до"), ("Office", "01.06.2026", "01.01.2026")]
    )
    with pytest.raises(ImportRefused) as refused:
        do_import(store, actors["admin"], org, "licenses", data, "l.xlsx")
    (problem,) = refused.value.problems
    assert (problem.line, problem.column, problem.key) == (
        2,
        "Действует до",
        "cards.invalid.date_order",
    )
