"""/tickets/new: a technician files a phone call for a person of a client."""

from __future__ import annotations

import pytest
from nicegui import ui
from nicegui.testing import User

from appliance.context import AppContext
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from tests.conftest import Account
from tests.ui.ticket_seed import Seed, seed_client
from tests.ui.waits import eventually


@pytest.fixture
def seed(ctx: AppContext) -> Seed:
    return seed_client(ctx.store)


@pytest.fixture
def tech(add_user) -> Account:
    return add_user("technician", "ivan", full_name="Иван Техников")


def element(user: User, marker: str) -> ui.element:
    found = user.find(marker=marker).elements
    assert len(found) == 1
    return next(iter(found))


def tickets(ctx: AppContext) -> list[tuple]:
    return ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT number, source, org_id, person_id, equipment_id, contact_phone, description,"
            " priority, category_id, assignee_id, created_by, status FROM tickets ORDER BY id"
        ).fetchall()
    )


async def choose_caller(user: User, person: str) -> None:
    user.find(marker="new-org").click()
    user.find("ООО Ромашка").click()
    await eventually(lambda: bool(element(user, "new-person").options))
    user.find(marker="new-person").click()
    user.find(person).click()


async def test_technician_files_a_phone_ticket_and_lands_on_it(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext
) -> None:
    before = tickets(ctx)
    await log_in(tech)
    await user.open("/tickets/new")
    await user.should_see(marker="new-create")

    await choose_caller(user, "Борис Иванов")
    # The person's phone fills the call-back field.
    await eventually(lambda: element(user, "new-phone").value == "+7 916 999-00-00")
    user.find(marker="new-description").type("Не работает сканер, звонил Борис")
    user.find(marker="new-priority").click()
    user.find("Срочный").click()
    user.find(marker="new-service").click()
    user.find("Печать").click()
    user.find(marker="new-problem").click()
    user.find("Замятие").click()
    user.find(marker="new-create").click()

    await user.should_see(marker="ticket-header", retries=50)
    await user.should_see("Не работает сканер, звонил Борис")
    await user.should_see("по телефону")
    created = tickets(ctx)[len(before) :]
    assert len(created) == 1
    number, source, org, person, equipment, phone, text, prio, cat, assignee, by, status = created[
        0
    ]
    assert (source, org, person, equipment, phone) == (
        "phone",
        seed.org,
        seed.other_person,
        None,
        "+7 916 999-00-00",
    )
    assert (text, prio, assignee, by, status) == (
        "Не работает сканер, звонил Борис",
        "urgent",
        tech.id,
        tech.id,
        "new",
    )
    category = ctx.store.read_sync(
        lambda conn: conn.execute("SELECT name FROM categories WHERE id = ?", (cat,)).fetchone()
    )
    assert category == ("Замятие",)
    await user.should_see(f"№ {number}")


async def test_persons_follow_the_organisation(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext
) -> None:
    other_org = ctx.store.write_sync(lambda conn: create_organization(conn, name="ООО Астра"))
    ctx.store.write_sync(
        lambda conn: create_person(conn, org_id=other_org, full_name="Вера Астрова")
    )
    await log_in(tech)
    await user.open("/tickets/new")
    user.find(marker="new-org").click()
    user.find("ООО Ромашка").click()
    person = element(user, "new-person")
    await eventually(lambda: bool(person.options))
    assert sorted(person.options.values()) == ["Анна Петрова — Бухгалтер", "Борис Иванов"]
    user.find(marker="new-org").click()
    user.find("ООО Астра").click()
    await eventually(lambda: list(person.options.values()) == ["Вера Астрова"])
    assert person.value is None


@pytest.mark.parametrize(
    ("fill", "message"),
    [
        ("nothing", "Выберите организацию и сотрудника"),
        ("no description", "Опишите проблему: текст заявки пуст"),
    ],
)
async def test_incomplete_form_is_refused_and_nothing_is_created(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext, fill: str, message: str
) -> None:
    before = tickets(ctx)
    await log_in(tech)
    await user.open("/tickets/new")
    if fill == "no description":
        await choose_caller(user, "Борис Иванов")
    user.find(marker="new-create").click()
    await user.should_see(message)
    assert tickets(ctx) == before


async def test_pressing_create_twice_makes_one_ticket(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext
) -> None:
    before = tickets(ctx)
    await log_in(tech)
    await user.open("/tickets/new")
    await choose_caller(user, "Анна Петрова — Бухгалтер")
    user.find(marker="new-description").type("Двойной щелчок")
    create = element(user, "new-create")
    user.find(marker="new-create").click()
    # A second press before the page has moved on (as a double click would).
    create.enable()
    user.find(marker="new-create").click()
    await user.should_see(marker="ticket-header", retries=50)
    assert len(tickets(ctx)) == len(before) + 1
