"""The single-window shell: navigation by role, role checks, language, global search, and the
first read-only pages (NiceGUI ``user`` fixture)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated

import pytest
from fastapi import Depends
from nicegui import app, ui
from nicegui.testing import User

from appliance.domain.clock import utc_now
from appliance.domain.permissions import Permission
from appliance.store import users
from appliance.store.categories import create_category
from appliance.store.equipment import create_equipment
from appliance.store.faq import create_article
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from appliance.store.tickets import create_ticket
from appliance.ui.common.guard import http_session
from appliance.ui.common.session import Session

# A route the window calls with its cookie (like a download), allowed to report viewers only.
ReportsSession = Annotated[Session, Depends(http_session(Permission.VIEW_REPORTS))]

SECTIONS = ["tickets", "clients", "faq", "reports", "settings"]
VISIBLE = {
    "admin": {"tickets", "clients", "faq", "reports", "settings"},
    "technician": {"tickets", "clients", "faq"},
    "manager": {"tickets", "clients", "faq", "reports"},
}


def table_rows(user: User, marker: str) -> list[dict]:
    (table,) = user.find(marker=marker).elements
    assert isinstance(table, ui.table)
    return table.rows


def seed(ctx) -> None:
    """Two clients with people, equipment, categories, tickets and FAQ articles."""

    def write(conn):
        romashka = create_organization(conn, name="ООО «Ромашка»", short_name="Ромашка")
        strela = create_organization(conn, name="АО <b>Стрела</b>")
        create_person(conn, org_id=romashka, full_name="Анна Смирнова")
        create_person(conn, org_id=romashka, full_name="Олег Орлов")
        create_person(conn, org_id=strela, full_name="Ирина Козлова")
        create_equipment(conn, org_id=romashka, kind="printer", name="HP 428")
        printing = create_category(conn, name="Печать")
        jam = create_category(conn, name="Замятие", parent_id=printing)
        received = utc_now()
        for index, (description, org, category) in enumerate(
            [
                ("Принтер зажевал бумагу", romashka, jam),
                ("Не работает почта", romashka, None),
                ("Нет доступа к 1С <script>x</script>", strela, None),
            ]
        ):
            create_ticket(
                conn,
                uuid=str(uuid.uuid4()),
                source="client",
                description=description,
                submitted_at=received,
                received_at=received - timedelta(minutes=index),
                org_id=org,
                category_id=category,
            )
        # An old ticket: outside the reports' 30 days, and closed.
        old = create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="phone",
            description="Старая заявка про принтер",
            submitted_at=received - timedelta(days=40),
            received_at=received - timedelta(days=40),
            org_id=romashka,
            category_id=jam,
        )
        conn.execute("UPDATE tickets SET status = 'closed' WHERE id = ?", (old.id,))
        create_article(
            conn, title="Замятие бумаги", body="Откройте лоток и извлеките бумагу.", public=True
        )
        create_article(conn, title="Пароль почты", body="Сброс пароля почты делает администратор.")

    ctx.store.write_sync(write)


# -- navigation and role checks ------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "technician", "manager"])
async def test_navigation_shows_only_what_the_role_may_open(
    user: User, log_in, add_user, admin, role
) -> None:
    account = admin if role == "admin" else add_user(role, full_name=f"Test {role}")
    await log_in(account)
    for section in SECTIONS:
        if section in VISIBLE[role]:
            await user.should_see(marker=f"nav-{section}")
        else:
            await user.should_not_see(marker=f"nav-{section}")
    # The header names the user and the role.
    role_label = {"admin": "Администратор", "technician": "Специалист", "manager": "Руководитель"}
    with user.scope(marker="shell-user"):
        await user.should_see(role_label[role])


@pytest.mark.parametrize(
    ("role", "path", "content"),
    [
        ("technician", "/settings", "users-table"),
        ("technician", "/reports", "report-statuses"),
        ("manager", "/settings", "users-table"),
    ],
)
async def test_a_role_without_the_permission_sees_not_allowed(
    user: User, log_in, add_user, role, path, content
) -> None:
    await log_in(add_user(role))
    await user.open(path)
    await user.should_see(marker="forbidden")
    await user.should_see("Нет доступа к этой странице")
    await user.should_not_see(marker=content)


@pytest.mark.parametrize(
    ("role", "path", "content"),
    [
        ("manager", "/reports", "report-statuses"),
        ("manager", "/clients", "clients-table"),
        ("technician", "/faq", "faq-search"),
        ("technician", "/tickets", "ticket-list"),
        ("admin", "/settings", "users-table"),
    ],
)
async def test_a_role_with_the_permission_sees_the_page(
    user: User, log_in, add_user, admin, role, path, content
) -> None:
    await log_in(admin if role == "admin" else add_user(role))
    await user.open(path)
    await user.should_see(marker=content)
    await user.should_not_see(marker="forbidden")


async def test_navigation_links_open_their_pages(user: User, log_in, admin) -> None:
    await log_in(admin)
    for section, content in [
        ("clients", "clients-table"),
        ("faq", "faq-search"),
        ("reports", "report-categories"),
        ("settings", "users-table"),
        ("tickets", "ticket-list"),
    ]:
        user.find(marker=f"nav-{section}").click()
        await user.should_see(marker=content)


async def test_http_routes_answer_401_and_403(user: User, log_in, add_user) -> None:
    @app.get("/ui/test-reports-probe")
    async def probe(session: ReportsSession):
        return {"login": session.user.login}

    response = await user.http_client.get("/ui/test-reports-probe")
    assert response.status_code == 401
    await log_in(add_user("technician", "tech"))
    response = await user.http_client.get("/ui/test-reports-probe")
    assert response.status_code == 403
    user.find(marker="shell-logout").click()
    await user.should_see(marker="login-name")
    await log_in(add_user("manager", "boss"))
    response = await user.http_client.get("/ui/test-reports-probe")
    assert response.status_code == 200
    assert response.json() == {"login": "boss"}


# -- language ------------------------------------------------------------------------------


async def test_language_switch_is_saved_to_the_account_and_the_session(
    user: User, log_in, admin, ctx
) -> None:
    await log_in(admin)
    await user.should_see("Заявки")
    (toggle,) = user.find(marker="shell-lang").elements
    with user:
        toggle.value = "en"
    await user.should_see("Log out", retries=30)
    await user.should_see("Tickets")
    await user.should_not_see("Заявки")
    account = ctx.store.read_sync(lambda conn: users.get_user(conn, admin.id))
    assert account.lang == "en"

    await user.open("/settings")
    await user.should_see("Add user")
    user.find(marker="shell-logout").click()
    await user.should_see("Sign in")  # the login page keeps the session's language


async def test_the_accounts_language_follows_it_to_another_browser(
    user: User, log_in, add_user
) -> None:
    tech = add_user("technician", lang="en")
    await log_in(tech)
    await user.should_see("Log out")
    await user.should_see("Technician")


async def test_without_a_choice_the_installation_language_is_used(
    user: User, log_in, add_user
) -> None:
    await user.open("/login")
    await user.should_see("Вход в систему")
    await log_in(add_user("technician"))
    await user.should_see("Выйти")


@pytest.mark.parametrize("install_lang", ["en"])
async def test_an_english_installation_speaks_english_by_default(
    user: User, log_in, add_user
) -> None:
    await user.open("/login")
    await user.should_see("Sign in")
    await log_in(add_user("manager"))
    await user.should_see("Reports")


async def test_the_login_page_language_switch(user: User) -> None:
    await user.open("/login")
    (toggle,) = user.find(marker="login-lang").elements
    with user:
        toggle.value = "en"
    await user.should_see("Password", retries=30)
    await user.should_see("Sign in")


# -- global search and the pages' content ---------------------------------------------------


async def test_global_search_opens_the_ticket_list_with_the_query(
    user: User, log_in, admin, ctx
) -> None:
    seed(ctx)
    await log_in(admin)
    await user.open("/clients")
    user.find(marker="shell-search").type(" принтеры ").trigger("keydown.enter")
    await user.should_see(marker="ticket-list", retries=30)
    assert user.back_history[-1] == "/tickets?q=%D0%BF%D1%80%D0%B8%D0%BD%D1%82%D0%B5%D1%80%D1%8B"
    # The list searches all tickets: the jammed printer and the old closed one, not the others.
    numbers = sorted(row["number"] for row in table_rows(user, "ticket-list"))
    assert numbers == [1, 4]
    # The header keeps the query, so it can be refined.
    (box,) = user.find(marker="shell-search").elements
    assert box.value == "принтеры"


async def test_an_empty_search_opens_the_plain_list(user: User, log_in, admin) -> None:
    await log_in(admin)
    await user.open("/faq")
    user.find(marker="shell-search").type("   ").trigger("keydown.enter")
    await user.should_see(marker="ticket-list", retries=30)
    assert user.back_history[-1] == "/tickets"


async def test_clients_page_counts_people_equipment_and_open_tickets(
    user: User, log_in, admin, ctx
) -> None:
    seed(ctx)
    await log_in(admin)
    await user.open("/clients")
    await user.should_see("Организаций: 2")
    rows = {row["name"]: row for row in table_rows(user, "clients-table")}
    assert (rows["ООО «Ромашка»"]["people"], rows["ООО «Ромашка»"]["equipment"]) == (2, 1)
    assert rows["ООО «Ромашка»"]["open_tickets"] == 2  # the closed old one is not counted
    assert rows["АО <b>Стрела</b>"]["open_tickets"] == 1


async def test_faq_lists_articles_and_searches_them(user: User, log_in, admin, ctx) -> None:
    seed(ctx)
    await log_in(admin)
    await user.open("/faq")
    await user.should_see("Статей: 2")
    await user.should_see("Замятие бумаги")
    await user.should_see("Пароль почты")
    user.find(marker="faq-search").type("бумага").trigger("keydown.enter")
    await user.should_see("Найдено по запросу «бумага»: 1", retries=30)
    await user.should_see("Замятие бумаги")
    await user.should_not_see("Пароль почты")
    await user.should_see("Откройте лоток и извлеките бумагу.")


async def test_reports_count_the_last_30_days_by_category_and_status(
    user: User, log_in, add_user, ctx
) -> None:
    seed(ctx)
    await log_in(add_user("manager"))
    await user.open("/reports")
    await user.should_see("всего 3")
    categories = {r["label"]: r["count"] for r in table_rows(user, "report-categories")}
    assert categories == {"Без категории": 2, "Печать › Замятие": 1}
    statuses = {r["label"]: r["count"] for r in table_rows(user, "report-statuses")}
    assert statuses == {"Новая": 3}
