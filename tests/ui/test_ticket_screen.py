"""The ticket screen under NiceGUI's ``user`` fixture: what it shows, every change made from it
(checked in the store), conflicts between two technicians, live refresh, and role checks."""

from __future__ import annotations

import asyncio
import sys

import pytest
from nicegui import app, ui
from nicegui.testing import User

from appliance.context import AppContext
from appliance.store import users
from appliance.store.tickets import add_action, assign, change_status
from appliance.ui.common.secret import MASK
from tests.conftest import Account
from tests.ui.ticket_seed import (
    LICENSE_KEY,
    PC_SECRET,
    ROUTER_SECRET,
    Seed,
    actions,
    audit,
    seed_client,
    ticket_row,
)
from tests.ui.waits import eventually, finished


@pytest.fixture
def seed(ctx: AppContext) -> Seed:
    return seed_client(ctx.store)


@pytest.fixture
def tech(add_user) -> Account:
    return add_user("technician", "ivan", full_name="Иван Техников")


@pytest.fixture
def tech2(add_user) -> Account:
    return add_user("technician", "petr", full_name="Пётр Второй")


def element(user: User, marker: str) -> ui.element:
    found = user.find(marker=marker).elements
    assert len(found) == 1, f"{len(found)} elements marked {marker}"
    return next(iter(found))


async def open_ticket(user: User, seed: Seed) -> None:
    await user.open(f"/tickets/{seed.number}")
    await user.should_see(marker="ticket-header")


async def test_screen_shows_header_request_facts_and_client_panel(
    user: User, log_in, tech: Account, seed: Seed
) -> None:
    await log_in(tech)
    await open_ticket(user, seed)
    # Header
    await user.should_see(f"№ {seed.number}")
    await user.should_see("Ждёт клиента")  # the button says the status as the badge will
    await user.should_see("Новая")
    await user.should_see("Приоритет: Обычный")
    await user.should_see("Ответ: осталось")
    await user.should_see("(часы клиента)")
    await user.should_see("Получена через 3 мин после отправки")
    # What the client sent
    await user.should_see("Принтер в бухгалтерии не печатает, горит оранжевая лампочка")
    await user.should_see("Windows 11 Pro 23H2")
    await user.should_see("10.0.0.21, fe80::1")
    await user.should_see("3 д 4 ч")
    await user.should_see("42.0 ГиБ")
    await user.should_see(marker="screenshot-thumb")
    # Client panel: organisation and plan, person, workstation, network, credentials, licenses
    await user.should_see("ООО Ромашка")
    await user.should_see("SLA: Gold 24x7")
    await user.should_see("Анна Петрова")
    await user.should_see("+7 916 111-22-33")
    await user.should_see("anna@romashka.example")
    await user.should_see("BUH-01")
    await user.should_see("этот компьютер")
    await user.should_see("MikroTik hEX")
    await user.should_see("10.0.0.1")
    await user.should_see("Роутер: admin")
    await user.should_see("Microsoft Office 2021")
    await user.should_see(marker=f"license-state-{seed.lic_expiring}")
    await user.should_see("Истекла")
    # Earlier tickets of the person and the machine link to them; the FAQ matches the text.
    await user.should_see(f"№ {seed.earlier_number}")
    await user.should_see("Принтер не печатает")


async def test_secrets_stay_out_of_the_page_until_revealed_and_each_use_is_audited(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext
) -> None:
    await log_in(tech)
    await open_ticket(user, seed)
    for secret in (ROUTER_SECRET, PC_SECRET, LICENSE_KEY):
        await user.should_not_see(secret)
    assert audit(ctx.store) == []

    user.find(marker=f"reveal-{seed.cred_router}").click()
    await user.should_see(ROUTER_SECRET)
    rows = audit(ctx.store)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (tech.id, "credential.reveal", "credential", seed.cred_router)
    ]
    assert ROUTER_SECRET not in rows[0][4]
    await user.should_not_see(PC_SECRET)

    # A second click masks it again and costs no audit row.
    user.find(marker=f"reveal-{seed.cred_router}").click()
    await user.should_not_see(ROUTER_SECRET)
    assert len(audit(ctx.store)) == 1

    user.find(marker=f"copy-{seed.cred_pc}").click()
    await user.should_see("Скопировано в буфер обмена")
    await user.should_not_see(PC_SECRET)  # copied, never shown
    user.find(marker=f"license-reveal-{seed.lic_expiring}").click()
    await user.should_see(LICENSE_KEY)
    assert [(r[1], r[3]) for r in audit(ctx.store)] == [
        ("credential.reveal", seed.cred_router),
        ("credential.copy", seed.cred_pc),
        ("license.reveal", seed.lic_expiring),
    ]


async def test_logging_work_writes_the_action_sets_first_response_and_shows_it(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext
) -> None:
    assert ticket_row(ctx.store, seed.ticket)["first_response_at"] is None
    await log_in(tech)
    await open_ticket(user, seed)
    element(user, "action-kind").value = "phone_call"
    user.find(marker="action-text").type("Перезапустила очередь печати по телефону")
    user.find(marker="action-minutes").type("15")
    user.find(marker="action-additional").click()
    element(user, "action-visibility").value = "public"
    user.find(marker="action-save").click()
    await user.should_see("Записано")

    logged = [a for a in actions(ctx.store, seed.ticket) if a["kind"] == "phone_call"]
    assert logged == [
        {
            "id": logged[0]["id"],
            "user_id": tech.id,
            "kind": "phone_call",
            "text": "Перезапустила очередь печати по телефону",
            "minutes": 15,
            "additional_work": 1,
            "visibility": "public",
            "old_value": None,
            "new_value": None,
        }
    ]
    assert ticket_row(ctx.store, seed.ticket)["first_response_at"] is not None
    await user.should_see(marker=f"history-{logged[0]['id']}")
    await user.should_see(marker=f"additional-{logged[0]['id']}")
    await user.should_see("15 мин")
    await user.should_see("Видно клиенту")
    # The form is empty again for the next action.
    assert element(user, "action-text").value == ""
    assert element(user, "action-minutes").value is None
    assert element(user, "action-additional").value is False


async def test_bad_minutes_and_empty_text_are_refused_with_nothing_written(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext
) -> None:
    await log_in(tech)
    await open_ticket(user, seed)
    before = actions(ctx.store, seed.ticket)
    user.find(marker="action-text").type("Полчаса с хвостиком")
    element(user, "action-minutes").value = 12.5
    user.find(marker="action-save").click()
    await user.should_see("Затраченное время — целое число минут")
    element(user, "action-minutes").value = 10
    element(user, "action-text").value = "   "
    user.find(marker="action-save").click()
    await user.should_see("Опишите, что сделано: текст пуст")
    assert actions(ctx.store, seed.ticket) == before


async def test_only_allowed_status_changes_are_offered_and_each_is_recorded(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext
) -> None:
    await log_in(tech)
    await open_ticket(user, seed)
    for status in ("in_progress", "waiting", "resolved"):
        await user.should_see(marker=f"status-to-{status}")
    await user.should_not_see(marker="status-to-closed")

    user.find(marker="status-to-in_progress").click()
    await user.should_see(marker="status-to-waiting")
    await user.should_not_see(marker="status-to-in_progress")
    assert ticket_row(ctx.store, seed.ticket)["status"] == "in_progress"
    await user.should_see("Статус: «Новая» → «В работе»")

    user.find(marker="status-to-resolved").click()
    await user.should_see(marker="status-to-closed")
    user.find(marker="status-to-closed").click()
    await user.should_see("Заявка закрыта. Чтобы изменить её, откройте её заново.")
    # Closed: only reopening is offered, and the action form refuses to save.
    assert ticket_row(ctx.store, seed.ticket)["status"] == "closed"
    await user.should_see("Открыть заново")
    for status in ("waiting", "resolved", "closed"):
        await user.should_not_see(marker=f"status-to-{status}")
    assert not element(user, "action-save").enabled

    changes = [
        (a["user_id"], a["old_value"], a["new_value"])
        for a in actions(ctx.store, seed.ticket)
        if a["kind"] == "status"
    ]
    assert changes == [
        (tech.id, "new", "in_progress"),
        (tech.id, "in_progress", "resolved"),
        (tech.id, "resolved", "closed"),
    ]
    user.find(marker="status-to-in_progress").click()
    await user.should_see(marker="status-to-resolved")
    assert ticket_row(ctx.store, seed.ticket)["status"] == "in_progress"
    assert element(user, "action-save").enabled


async def test_take_it_priority_and_category_are_recorded_with_who(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext
) -> None:
    await log_in(tech)
    await open_ticket(user, seed)

    user.find(marker="take-it").click()
    await user.should_see("Исполнитель: никто → Иван Техников")
    await user.should_not_see(marker="take-it")
    assert ticket_row(ctx.store, seed.ticket)["assignee_id"] == tech.id

    user.find(marker="priority-select").click()
    user.find("Высокий").click()
    await user.should_see("Приоритет: «Обычный» → «Высокий»")
    assert ticket_row(ctx.store, seed.ticket)["priority"] == "high"

    # A service with problems waits for the problem; the problem is the category.
    user.find(marker="service-select").click()
    user.find("Печать").click()
    await finished("service_changed")  # the handler, and any save it made, are done
    assert ticket_row(ctx.store, seed.ticket)["category_id"] is None
    user.find(marker="problem-select").click()
    user.find("Не печатает").click()
    await user.should_see("Категория: нет → Печать / Не печатает")
    assert ticket_row(ctx.store, seed.ticket)["category_id"] == seed.problem

    history = [
        (a["kind"], a["user_id"], a["new_value"])
        for a in actions(ctx.store, seed.ticket)
        if a["kind"] in ("assignment", "priority", "category")
    ]
    assert history == [
        ("assignment", tech.id, str(tech.id)),
        ("priority", tech.id, "high"),
        ("category", tech.id, str(seed.problem)),
    ]


async def test_a_change_made_meanwhile_is_not_overwritten_and_the_typed_text_is_kept(
    user: User, log_in, tech: Account, tech2: Account, seed: Seed, ctx: AppContext
) -> None:
    await log_in(tech)
    await open_ticket(user, seed)
    # The other technician's change lands before this window has heard of it: stop the live
    # watcher so the window still holds the old version when the save goes out.
    await app.state.change_watcher.stop()
    user.find(marker="action-text").type("Заменила картридж")
    ctx.store.write_sync(
        lambda conn: assign(
            conn, ticket_id=seed.ticket, assignee_id=tech2.id, user_id=tech2.id, expected_version=1
        )
    )
    user.find(marker="action-save").click()
    await user.should_see("Кто-то уже изменил эту заявку")
    # Nothing of ours was written; the fresh state is on screen; the text is still in the form.
    assert [a for a in actions(ctx.store, seed.ticket) if a["kind"] == "comment"] == []
    assert element(user, "assignee-select").value == tech2.id
    await user.should_see("Исполнитель: никто → Пётр Второй")
    assert element(user, "action-text").value == "Заменила картридж"

    # Saving again, now on the fresh version, goes through.
    user.find(marker="action-save").click()
    await user.should_see("Записано")
    comments = [a for a in actions(ctx.store, seed.ticket) if a["kind"] == "comment"]
    assert [(c["user_id"], c["text"]) for c in comments] == [(tech.id, "Заменила картридж")]


async def test_a_stale_status_change_is_refused_too(
    user: User, log_in, tech: Account, tech2: Account, seed: Seed, ctx: AppContext
) -> None:
    await log_in(tech)
    await open_ticket(user, seed)
    await app.state.change_watcher.stop()
    ctx.store.write_sync(
        lambda conn: change_status(
            conn,
            ticket_id=seed.ticket,
            new_status="waiting",
            user_id=tech2.id,
            expected_version=1,
        )
    )
    user.find(marker="status-to-resolved").click()
    await user.should_see("Кто-то уже изменил эту заявку")
    assert ticket_row(ctx.store, seed.ticket)["status"] == "waiting"
    await user.should_see("Ждёт клиента")


async def test_a_change_elsewhere_shows_up_without_losing_the_form(
    user: User, log_in, tech: Account, tech2: Account, seed: Seed, ctx: AppContext
) -> None:
    await log_in(tech)
    await open_ticket(user, seed)
    user.find(marker="action-text").type("Черновик, ещё не отправлен")
    ctx.store.write_sync(
        lambda conn: add_action(
            conn,
            ticket_id=seed.ticket,
            user_id=tech2.id,
            kind="remote_session",
            text="Подключился удалённо, драйвер переустановлен",
            minutes=20,
        )
    )
    # The Chromium test measures the delay; here: it comes without a reload, the draft stays.
    await user.should_see("Подключился удалённо, драйвер переустановлен", retries=30)
    assert element(user, "action-text").value == "Черновик, ещё не отправлен"


async def test_manager_reads_but_cannot_work_or_reveal(
    user: User, log_in, add_user, seed: Seed, ctx: AppContext
) -> None:
    manager = add_user("manager", "boss", full_name="Руководитель")
    await log_in(manager)
    await open_ticket(user, seed)
    await user.should_see("Принтер в бухгалтерии не печатает")
    await user.should_see("Роутер: admin")
    await user.should_see(marker="read-only-note")
    for marker in ("action-form", "take-it", "status-to-in_progress", "priority-select"):
        await user.should_not_see(marker=marker)
    await user.should_not_see(marker=f"reveal-{seed.cred_router}")
    await user.should_not_see(marker=f"copy-{seed.cred_router}")
    await user.should_not_see(ROUTER_SECRET)
    # Nor create tickets.
    await user.open("/tickets/new")
    await user.should_see(marker="forbidden")
    await user.should_not_see(marker="new-create")


async def test_manager_granted_reveal_may_reveal_and_is_audited(
    user: User, log_in, add_user, seed: Seed, ctx: AppContext
) -> None:
    manager = add_user("manager", "boss", can_reveal_credentials=True)
    await log_in(manager)
    await open_ticket(user, seed)
    await user.should_see(marker="read-only-note")
    user.find(marker=f"reveal-{seed.cred_router}").click()
    await user.should_see(ROUTER_SECRET)
    assert [(r[0], r[1], r[3]) for r in audit(ctx.store)] == [
        (manager.id, "credential.reveal", seed.cred_router)
    ]


async def test_the_server_refuses_what_the_role_lost_after_the_page_was_built(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext
) -> None:
    """Hidden buttons are no check: a technician turned manager while the page is open is
    refused by the server, for work and for secrets, and nothing is written."""
    await log_in(tech)
    await open_ticket(user, seed)
    ctx.store.write_sync(
        lambda conn: conn.execute("UPDATE users SET role = 'manager' WHERE id = ?", (tech.id,))
    )
    before = actions(ctx.store, seed.ticket)
    user.find(marker="action-text").type("Не должно сохраниться")
    user.find(marker="action-save").click()
    await user.should_see("У вас нет права работать с заявками")
    user.find(marker=f"reveal-{seed.cred_router}").click()
    await user.should_see("Нет права видеть пароли и ключи")
    await user.should_not_see(ROUTER_SECRET)
    assert actions(ctx.store, seed.ticket) == before
    assert audit(ctx.store) == []


async def test_technician_cannot_reach_settings(user: User, log_in, tech: Account) -> None:
    await log_in(tech)
    await user.open("/settings")
    await user.should_see(marker="forbidden")
    await user.should_not_see(marker="nav-settings")


@pytest.mark.parametrize("path", ["/tickets/99999", "/tickets/abc", "/tickets/-1"])
async def test_unknown_ticket(user: User, log_in, tech: Account, path: str) -> None:
    await log_in(tech)
    await user.open(path)
    await user.should_see(marker="ticket-not-found")


async def test_user_text_is_shown_as_text(
    user: User, log_in, tech: Account, ctx: AppContext
) -> None:
    payload = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    seed = seed_client(ctx.store, description=payload)
    await log_in(tech)
    await open_ticket(user, seed)
    shown = element(user, "ticket-description")
    assert isinstance(shown, ui.label) and shown.text == payload


async def test_manager_becoming_inactive_loses_the_page(
    user: User, log_in, add_user, seed: Seed, ctx: AppContext
) -> None:
    manager = add_user("manager", "boss")
    await log_in(manager)
    ctx.store.write_sync(lambda conn: users.set_active(conn, manager.id, False))
    await user.open(f"/tickets/{seed.number}")
    await user.should_see(marker="login-name")


async def test_in_english_with_internal_and_public_marks(
    user: User, log_in, add_user, seed: Seed, ctx: AppContext
) -> None:
    tech = add_user("technician", "kate", full_name="Kate Tech", lang="en")
    ctx.store.write_sync(
        lambda conn: add_action(
            conn,
            ticket_id=seed.ticket,
            user_id=tech.id,
            kind="comment",
            text="Note for colleagues",
        )
    )
    await log_in(tech)
    await open_ticket(user, seed)
    for text in (
        "Log work",
        "Take it",
        "Start work",
        "Client's machine",
        "Office network",
        "Credentials",
        "Licenses",
        "Internal note",
        "Response:",
        "Received 3 min after sending",
    ):
        await user.should_see(text)
    assert element(user, "ticket-number").text == f"No. {seed.number}"  # not "№" in English
    note = next(a for a in actions(ctx.store, seed.ticket) if a["kind"] == "comment")
    badge = element(user, f"visibility-{note['id']}")
    assert isinstance(badge, ui.badge) and badge.text == "Internal note"
    await user.should_not_see(marker=f"additional-{note['id']}")


async def test_a_revealed_secret_is_masked_again_after_a_while(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext, monkeypatch
) -> None:
    await log_in(tech)
    # The module the running app uses (page modules are reloaded per test).
    monkeypatch.setattr(sys.modules["appliance.ui.common.secret"], "REVEAL_SECONDS", 0.3)
    await open_ticket(user, seed)
    await asyncio.sleep(0.5)  # a timer made with the page would have run out by now
    for _ in range(2):
        user.find(marker=f"reveal-{seed.cred_router}").click()
        await user.should_see(ROUTER_SECRET)
        secret = element(user, f"secret-{seed.cred_router}")
        await eventually(lambda secret=secret: secret.text == MASK)
        await user.should_not_see(ROUTER_SECRET)
    assert [r[1] for r in audit(ctx.store)] == ["credential.reveal", "credential.reveal"]


async def test_long_sections_fold_with_counts_and_past_tickets_and_faq_stay_first(
    user: User, log_in, tech: Account, seed: Seed, ctx: AppContext
) -> None:
    """Thirty licences buried the past tickets and the FAQ: those come first now, and a long
    section is folded, its title counting what it holds."""
    from datetime import date

    from appliance.store.licenses import create_license

    def many(conn) -> None:  # type: ignore[no-untyped-def]
        for i in range(30):
            create_license(
                conn, org_id=seed.org, product=f"Продукт {i}", valid_until=date(2030, 1, 1)
            )

    ctx.store.write_sync(many)
    await log_in(tech)
    await open_ticket(user, seed)
    licences = element(user, "panel-licenses")
    assert isinstance(licences, ui.expansion)
    assert licences.value is False  # folded
    assert licences.props["label"].startswith("Лицензии · 32")
    assert "истекли или истекают: 2" in licences.props["caption"]
    network = element(user, "panel-network")
    assert isinstance(network, ui.expansion) and network.value is True  # short: open
    order = [
        element(user, marker).id
        for marker in ("panel-person-tickets", "faq-suggestions", "panel-licenses")
    ]
    assert order == sorted(order)


# Quasar's palette entries used for a chosen toggle option (white text on them).
_QUASAR = {"blue-grey-8": "#37474f", "primary": "#24527a"}


def _contrast_with_white(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


async def test_the_chosen_visibility_reads_at_wcag_aa_contrast(
    user: User, log_in, tech: Account, seed: Seed
) -> None:
    """The selected "Видно клиенту" was white on light grey."""
    await log_in(tech)
    await open_ticket(user, seed)
    colour = element(user, "action-visibility").props["toggle-color"]
    assert colour in _QUASAR, f"{colour!r}: a colour whose contrast is known"
    assert _contrast_with_white(_QUASAR[colour]) >= 4.5
