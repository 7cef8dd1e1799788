"""The client card's tabs through the browser simulation: create, edit, validation messages
under their fields, archive, who may do what, and the audit rows each change leaves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from nicegui.testing import User

from appliance.domain.clock import utc_now
from appliance.store.credentials import create_credential
from appliance.store.devices import add_enrolled_device
from appliance.store.equipment import create_equipment
from appliance.store.licenses import create_license
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from tests.ui.card_support import (
    absent,
    audit,
    click_row,
    element,
    field_error,
    fill,
    form_open,
    rows,
    until,
)

SECRET = "Ro0ter-Pa55!"
KEY = "AAAAA-BBBBB-CCCCC"


@pytest.fixture
def tech(add_user):
    return add_user("technician", "ivan", full_name="Иван Техников")


@pytest.fixture
def manager(add_user):
    return add_user("manager", "olga", full_name="Ольга Менеджер")


@pytest.fixture
def org(ctx) -> int:
    return ctx.store.write_sync(lambda c: create_organization(c, name="ООО «Ромашка»"))


async def open_tab(user: User, org_id: int, tab: str) -> None:
    await user.open(f"/clients/{org_id}?tab={tab}")
    await user.should_see(marker="card-title")


async def save(user: User) -> None:
    user.find(marker="form-save").click()


# -- clients list ---------------------------------------------------------------------------------


async def test_a_technician_creates_an_organisation_from_the_list(
    user: User, log_in, tech, ctx
) -> None:
    await log_in(tech)
    await user.open("/clients")
    user.find(marker="clients-new").click()
    await fill(user, name="ООО «Вектор»", phone="12", email="info@vector.ru")
    await save(user)
    await until(lambda: field_error(user, "phone"))
    assert "«12» — не номер телефона" in (field_error(user, "phone") or "")
    assert audit(ctx, "organization.") == []  # nothing written
    await fill(user, phone="+7 495 123-45-67")
    await save(user)
    await user.should_see(marker="card-title", retries=50)
    assert element(user, "card-title").text == "ООО «Вектор»"
    ((who, action, _, _org_id, detail),) = audit(ctx, "organization.")
    assert (who, action, detail) == (tech.id, "organization.create", "ООО «Вектор»")
    await user.open("/clients")
    assert [r["name"] for r in rows(user, "clients-table")] == ["ООО «Вектор»"]


async def test_the_list_searches_and_shows_archived_on_request(
    user: User, log_in, manager, ctx
) -> None:
    def build(c) -> None:  # type: ignore[no-untyped-def]
        create_organization(c, name="Альфа", tax_id="7700000001")
        create_organization(c, name="Бета")
        from appliance.store.organizations import archive_organization

        archive_organization(c, create_organization(c, name="Гамма"))

    ctx.store.write_sync(build)
    await log_in(manager)
    await user.open("/clients")
    assert [r["name"] for r in rows(user, "clients-table")] == ["Альфа", "Бета"]
    assert absent(user, "clients-new")  # managers read
    element(user, "clients-archived").value = True
    await until(lambda: len(rows(user, "clients-table")) == 3)
    assert rows(user, "clients-table")[-1]["state"] == "В архиве"
    element(user, "clients-search").value = "77000"
    await user.should_see("Организаций: 1", retries=30)
    assert [r["name"] for r in rows(user, "clients-table")] == ["Альфа"]


# -- overview ------------------------------------------------------------------------------------


async def test_overview_edits_contacts_and_archives(user: User, log_in, tech, ctx, org) -> None:
    await log_in(tech)
    await open_tab(user, org, "overview")
    user.find(marker="card-edit-org").click()
    await fill(user, contact_name="Анна Смирнова", email="not-an-email", contract="№ 12/2026")
    await save(user)
    await until(lambda: field_error(user, "email"))
    assert "не адрес электронной почты" in (field_error(user, "email") or "")
    await fill(user, email="office@romashka.ru")
    await save(user)
    await until(lambda: audit(ctx, "organization.update"))
    await user.should_see("office@romashka.ru", retries=50)
    (row,) = audit(ctx, "organization.update")
    assert row[4] == (
        "fields=contact_name,contract,email; contact_name: — → Анна Смирнова;"
        " contract: — → № 12/2026; email: — → office@romashka.ru"
    )
    assert absent(user, "form-delete") or not element(user, "form-delete").visible
    user.find(marker="card-edit-org").click()
    await form_open(user)
    user.find(marker="form-archive").click()
    await user.should_see(marker="card-archived", retries=50)
    assert audit(ctx, "organization.archive")[0][1] == "organization.archive"


async def test_overview_counts_this_months_tickets_and_time(
    user: User, log_in, tech, ctx, org
) -> None:
    from appliance.store.tickets import create_ticket

    def build(c) -> None:  # type: ignore[no-untyped-def]
        now = utc_now()
        for n in range(3):
            create_ticket(
                c,
                uuid=f"00000000-0000-4000-8000-{n:012d}",
                source="phone",
                description=f"Проблема {n}",
                submitted_at=now,
                received_at=now,
                org_id=org,
            )

    ctx.store.write_sync(build)
    await log_in(tech)
    await open_tab(user, org, "overview")
    assert element(user, "stat-open").text == "3"
    assert element(user, "stat-month").text == "3"
    assert len(rows(user, "overview-open-tickets")) == 3
    await open_tab(user, org, "tickets")
    assert len(rows(user, "card-tickets")) == 3


# -- people --------------------------------------------------------------------------------------


async def test_people_create_edit_validate_archive(user: User, log_in, tech, ctx, org) -> None:
    await log_in(tech)
    await open_tab(user, org, "people")
    user.find(marker="people-add").click()
    await fill(user, full_name="", phone="+7 900 000-00-00")
    await save(user)
    await until(lambda: field_error(user, "full_name"))
    assert field_error(user, "full_name") == "Укажите имя сотрудника"
    await fill(user, full_name="Анна Смирнова", logins="anna\nOFFICE\\anna.s", key_person=True)
    await save(user)
    await until(lambda: rows(user, "people-table"))
    (row,) = rows(user, "people-table")
    assert row["name"] == "★ Анна Смирнова"
    assert row["logins"] == "OFFICE\\anna.s, anna"
    await click_row(user, "people-table", row["id"])
    await fill(user, position="Главный бухгалтер", email="bad@")
    await save(user)
    await until(lambda: field_error(user, "email"))
    assert field_error(user, "email") == "«bad@» — не адрес электронной почты"
    await fill(user, email="anna@romashka.ru")
    await save(user)
    await until(lambda: rows(user, "people-table")[0]["position"] == "Главный бухгалтер")
    updates = audit(ctx, "person.update")
    assert [r[4] for r in updates] == [
        "fields=email,position; email: — → anna@romashka.ru; position: — → Главный бухгалтер"
    ]
    await click_row(user, "people-table", row["id"])
    await form_open(user)
    user.find(marker="form-archive").click()
    await until(lambda: rows(user, "people-table") == [])
    element(user, "people-archived").value = True
    await until(lambda: [r["state"] for r in rows(user, "people-table")] == ["В архиве"])
    assert [r[1] for r in audit(ctx, "person.")] == [
        "person.create",
        "person.update",
        "person.archive",
    ]


# -- equipment -----------------------------------------------------------------------------------


async def test_equipment_validation_names_the_field_and_keeps_the_input(
    user: User, log_in, tech, ctx, org
) -> None:
    await log_in(tech)
    await open_tab(user, org, "equipment")
    user.find(marker="equipment-add").click()
    await fill(
        user,
        kind="mfp",
        name="МФУ бухгалтерии",
        ip="192.168.1.300",
        mac="00:11:22:33:44",
        purchase_date="2026-01-10",
        warranty_until="2025-01-10",
    )
    await save(user)
    await until(lambda: field_error(user, "ip"))
    assert "«192.168.1.300» — не IP-адрес" in (field_error(user, "ip") or "")
    assert not field_error(user, "mac")
    await fill(user, ip="192.168.1.30")
    await save(user)
    await until(lambda: field_error(user, "mac"))
    assert "не MAC-адрес" in (field_error(user, "mac") or "")
    await fill(user, mac="00-11-22-33-44-55")
    await save(user)
    await until(lambda: field_error(user, "warranty_until"))
    assert field_error(user, "warranty_until") == "Эта дата раньше начальной"
    assert element(user, "form-name").value == "МФУ бухгалтерии"  # nothing typed is lost
    await fill(user, warranty_until="2029-01-10")
    await save(user)
    await until(lambda: rows(user, "equipment-table"))
    (row,) = rows(user, "equipment-table")
    assert (row["kind"], row["ip"], row["mac"], row["warranty"]) == (
        "МФУ",
        "192.168.1.30",
        "00:11:22:33:44:55",
        "10.01.2029",
    )
    assert [r[1] for r in audit(ctx, "equipment.")] == ["equipment.create"]


async def test_equipment_edit_and_archive(user: User, log_in, tech, ctx, org) -> None:
    pc = ctx.store.write_sync(
        lambda c: create_equipment(c, org_id=org, kind="workstation", name="PC-1", hostname="pc-1")
    )
    await log_in(tech)
    await open_tab(user, org, "equipment")
    await click_row(user, "equipment-table", pc)
    await form_open(user)
    assert absent(user, "form-delete")  # technicians archive, admins delete
    await fill(user, hostname="PC-ACC-01", os="Windows 11 Pro")
    await save(user)
    await until(lambda: rows(user, "equipment-table")[0]["hostname"] == "PC-ACC-01")
    (row,) = audit(ctx, "equipment.update")
    assert row[4] == "fields=hostname,os; hostname: pc-1 → PC-ACC-01; os: — → Windows 11 Pro"
    await click_row(user, "equipment-table", pc)
    await form_open(user)
    user.find(marker="form-archive").click()
    await until(lambda: rows(user, "equipment-table") == [])
    assert [r[1] for r in audit(ctx, "equipment.")] == ["equipment.update", "equipment.archive"]


async def test_an_admin_deletes_equipment_entered_by_mistake(
    user: User, log_in, admin, ctx, org
) -> None:
    from appliance.store.equipment import archive_equipment

    pc = ctx.store.write_sync(
        lambda c: create_equipment(c, org_id=org, kind="workstation", name="PC-1", hostname="pc-1")
    )
    ctx.store.write_sync(lambda c: archive_equipment(c, pc))
    await log_in(admin)
    await open_tab(user, org, "equipment")
    element(user, "equipment-archived").value = True
    await until(lambda: [r["state"] for r in rows(user, "equipment-table")] == ["В архиве"])
    await click_row(user, "equipment-table", pc)
    await form_open(user)
    assert element(user, "form-delete").visible
    user.find(marker="form-delete").click()
    user.find(marker="form-delete-confirm").click()
    await until(lambda: rows(user, "equipment-table") == [])
    assert audit(ctx, "equipment.delete")[0][4] == "PC-1"


# -- network -------------------------------------------------------------------------------------


async def test_network_facts_and_network_equipment(user: User, log_in, tech, ctx, org) -> None:
    ctx.store.write_sync(
        lambda c: (
            create_equipment(c, org_id=org, kind="router", name="Mikrotik", ip="192.168.1.1"),
            create_equipment(c, org_id=org, kind="workstation", name="PC"),
        )
    )
    await log_in(tech)
    await open_tab(user, org, "network")
    assert [r["name"] for r in rows(user, "network-table")] == ["Mikrotik"]  # no PCs here
    user.find(marker="network-edit").click()
    await fill(
        user, subnets="192.168.1.0/24, 10.8.0.0/255", gateway="192.168.1.1", isp="Ростелеком"
    )
    await save(user)
    await until(lambda: field_error(user, "subnets"))
    assert field_error(user, "subnets") == "«10.8.0.0/255» — не подсеть (пример: 192.168.1.0/24)"
    await fill(user, subnets="192.168.1.0/24, 10.8.0.5/16", dns_servers="192.168.1.1; 77.88.8.8")
    await save(user)
    await user.should_see("192.168.1.0/24, 10.8.0.0/16", retries=50)
    await user.should_see("192.168.1.1, 77.88.8.8")
    (row,) = audit(ctx, "organization.update")
    assert row[4].startswith("fields=dns_servers,gateway,isp,subnets;")


# -- credentials ---------------------------------------------------------------------------------


async def test_credentials_masked_reveal_audited_old_flagged(
    user: User, log_in, tech, ctx, org
) -> None:
    old = utc_now() - timedelta(days=400)
    cred = ctx.store.write_sync(
        lambda c: create_credential(
            c, org_id=org, title="Роутер", login="admin", secret=SECRET, updated_at=old
        )
    )
    await log_in(tech)
    await open_tab(user, org, "credentials")
    assert element(user, f"card-secret-{cred}").text == "••••••••"
    await user.should_see(marker=f"credential-old-{cred}")
    user.find(marker=f"card-reveal-{cred}").click()
    await user.should_see(SECRET, retries=30)
    (row,) = audit(ctx, "credential.reveal")
    assert (row[0], row[3], row[4]) == (tech.id, cred, "Роутер")
    # A new password: the log names the field, never the value; the flag goes.
    user.find(marker=f"credential-edit-{cred}").click()
    await form_open(user)
    assert element(user, "form-secret").value == ""  # never loaded into the page
    await fill(user, secret="N3w-Secret!")
    await save(user)
    await user.should_not_see(marker=f"credential-old-{cred}", retries=50)
    (row,) = audit(ctx, "credential.update")
    assert row[4] == "fields=secret; secret: (changed)"
    assert all("N3w-Secret!" not in str(r) for r in audit(ctx))


async def test_credentials_create_with_a_title_required(user: User, log_in, tech, ctx, org) -> None:
    await log_in(tech)
    await open_tab(user, org, "credentials")
    user.find(marker="credentials-add").click()
    await fill(user, title="", secret="x")
    await save(user)
    await until(lambda: field_error(user, "title"))
    await fill(user, title="1С сервер", url="srv1c.local", login="Администратор", secret="S3cr3t!")
    await save(user)
    await until(lambda: audit(ctx, "credential.create"))
    assert audit(ctx, "credential.create")[0][4].startswith("1С сервер")
    await user.should_see(marker="credential-1")


async def test_a_manager_sees_credentials_masked_without_reveal(
    user: User, log_in, manager, ctx, org
) -> None:
    ctx.store.write_sync(
        lambda c: create_credential(c, org_id=org, title="1С сервер", login="Админ", secret="S3!")
    )
    await log_in(manager)
    await open_tab(user, org, "credentials")
    await user.should_see("1С сервер")
    assert element(user, "card-secret-1").text == "••••••••"
    assert absent(user, "credentials-add")
    assert absent(user, "card-reveal-1")  # a lock instead


# -- licenses ------------------------------------------------------------------------------------


async def test_licenses_expiring_highlighted_key_audited_assignments(
    user: User, log_in, tech, ctx, org
) -> None:
    today = date.today()

    def build(c):  # type: ignore[no-untyped-def]
        anna = create_person(c, org_id=org, full_name="Анна")
        soon = create_license(
            c,
            org_id=org,
            product="Kaspersky",
            license_key=KEY,
            valid_until=today + timedelta(days=12),
            person_ids=[anna],
        )
        later = create_license(
            c, org_id=org, product="Office", valid_until=today + timedelta(days=200)
        )
        return anna, soon, later

    anna, soon, later = ctx.store.write_sync(build)
    await log_in(tech)
    await open_tab(user, org, "licenses")
    assert "bg-orange-1" in element(user, f"card-license-{soon}").classes
    assert "bg-orange-1" not in element(user, f"card-license-{later}").classes
    assert (
        "осталось" in element(user, f"card-license-state-{soon}").text
        or "12" in element(user, f"card-license-state-{soon}").text
    )
    user.find(marker=f"card-license-reveal-{soon}").click()
    await user.should_see(KEY, retries=30)
    assert audit(ctx, "license.reveal")[0][3] == soon
    user.find(marker=f"card-license-edit-{later}").click()
    await fill(user, seats=10, seats_used=12, valid_from="2027-01-01", valid_until="2026-01-01")
    await save(user)
    await until(lambda: field_error(user, "valid_until"))
    await fill(user, valid_from="2026-01-01", valid_until=(today + timedelta(days=200)).isoformat())
    element(user, "form-person_ids").value = [anna]
    await save(user)
    await user.should_see("Занято 12 из 10", retries=50)
    (row,) = audit(ctx, "license.update")
    assert row[4].startswith("fields=person_ids,seats,seats_used,valid_from;")
    assert f"person_ids: — → {anna}" in row[4]


# -- devices -------------------------------------------------------------------------------------


async def test_a_technician_sees_the_clients_devices(user: User, log_in, tech, ctx, org) -> None:
    device = ctx.store.write_sync(
        lambda c: add_enrolled_device(
            c,
            org_id=org,
            token_hash="a" * 64,
            hostname="ACC-PC-3",
            os_user="anna",
            enrolled_at=utc_now(),
        )
    )
    await log_in(tech)
    await open_tab(user, org, "devices")
    await user.should_see("ACC-PC-3")
    assert absent(user, f"device-revoke-{device}")  # admins only
    assert absent(user, "devices-new-code")


async def test_an_admin_revokes_a_device_and_makes_a_code_for_this_client(
    user: User, log_in, admin, ctx, org
) -> None:
    device = ctx.store.write_sync(
        lambda c: add_enrolled_device(
            c,
            org_id=org,
            token_hash="a" * 64,
            hostname="ACC-PC-3",
            os_user="anna",
            enrolled_at=utc_now(),
        )
    )
    await log_in(admin)
    await open_tab(user, org, "devices")
    user.find(marker=f"device-revoke-{device}").click()
    await user.should_see(marker="device-revoke-confirm")
    user.find(marker="device-revoke-confirm").click()
    await user.should_see("Отключён", retries=50)
    assert audit(ctx, "device.revoke")[0][3] == device
    user.find(marker="devices-new-code").click()
    await user.should_see(marker="devices-code-create")
    user.find(marker="devices-code-create").click()
    await user.should_see(marker="enroll-code-value", retries=50)
    await until(lambda: element(user, "enroll-code-value").text)
    code = element(user, "enroll-code-value").text
    assert len(code.replace("-", "")) >= 8
    (row,) = audit(ctx, "enrollment_code.create")
    assert f"org_id={org}" in row[4]


# -- permissions ---------------------------------------------------------------------------------


async def test_a_manager_reads_every_tab_and_changes_nothing(
    user: User, log_in, manager, ctx, org
) -> None:
    pc = ctx.store.write_sync(
        lambda c: create_equipment(c, org_id=org, kind="server", name="SRV", hostname="srv")
    )
    await log_in(manager)
    for tab, add in (
        ("people", "people-add"),
        ("equipment", "equipment-add"),
        ("network", "network-add"),
        ("credentials", "credentials-add"),
        ("licenses", "licenses-add"),
    ):
        await open_tab(user, org, tab)
        assert absent(user, add), tab
    await open_tab(user, org, "overview")
    assert absent(user, "card-edit-org")
    await open_tab(user, org, "equipment")
    await click_row(user, "equipment-table", pc)
    await form_open(user)
    assert absent(user, "form-save")
    assert absent(user, "form-archive")
    assert "readonly" in element(user, "form-name").props


async def test_an_admin_sets_when_passwords_count_as_old(
    user: User, log_in, admin, ctx, org
) -> None:
    month_old = utc_now() - timedelta(days=40)
    cred = ctx.store.write_sync(
        lambda c: create_credential(c, org_id=org, title="VPN", secret="s", updated_at=month_old)
    )
    await log_in(admin)
    await open_tab(user, org, "credentials")
    assert absent(user, f"credential-old-{cred}")  # 40 days: not old at 180
    element(user, "credentials-max-age").value = 30
    await until(lambda: not absent(user, f"credential-old-{cred}"))
    assert audit(ctx, "settings.credential_age")[0][4] == "days=30"


async def test_equipment_is_paged_sorted_and_searched_on_the_server(
    user: User, log_in, tech, ctx, org
) -> None:
    def build(c) -> None:  # type: ignore[no-untyped-def]
        for n in range(120):
            create_equipment(
                c, org_id=org, kind="workstation", name=f"PC {n:03d}", hostname=f"PC-{n:03d}"
            )

    ctx.store.write_sync(build)
    await log_in(tech)
    await open_tab(user, org, "equipment")
    table = element(user, "equipment-table")
    assert len(table.rows) == 50 and table.pagination["rowsNumber"] == 120
    table_marker = user.find(marker="equipment-table")
    request = {"page": 3, "rowsPerPage": 50, "sortBy": "hostname", "descending": True}
    table_marker.trigger("request", {"pagination": request})
    await until(lambda: element(user, "equipment-table").pagination["page"] == 3)
    assert [r["hostname"] for r in element(user, "equipment-table").rows][:2] == [
        "PC-019",
        "PC-018",
    ]
    element(user, "equipment-search").value = "pc-11"
    await until(lambda: element(user, "equipment-table").pagination["rowsNumber"] == 10)
    assert {r["hostname"] for r in element(user, "equipment-table").rows} == {
        f"PC-11{n}" for n in range(10)
    }
