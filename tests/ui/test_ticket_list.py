"""The ticket list page under NiceGUI's ``user`` fixture: views, filters, row content, sorting and
paging through the table's request event, keys, live refresh, notification settings, roles."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User

from appliance.context import AppContext
from appliance.store import users
from tests.conftest import Account
from tests.ui.ticket_list_seed import XSS, Seeded, add_ticket, seed
from tests.ui.waits import eventually, finished

LogIn = Callable[[Account], Awaitable[None]]


@pytest.fixture
def seeded(ctx: AppContext) -> Seeded:
    return seed(ctx.store)


def table(user: User) -> ui.table:
    found = user.find(marker="ticket-list").elements
    assert len(found) == 1
    return next(iter(found))


def shown(user: User) -> list[int]:
    return [row["number"] for row in table(user).rows]


def row_of(user: User, number: int) -> dict[str, Any]:
    return next(row for row in table(user).rows if row["number"] == number)


async def open_list(user: User, log_in: LogIn, account: Account, path: str = "/tickets") -> None:
    await log_in(account)
    await reopen(user, path)


async def reopen(user: User, path: str = "/tickets") -> None:
    """Open the list and wait for its rows (on a busy machine they may follow the page)."""
    await user.open(path)
    await user.should_see(marker="ticket-list")
    await eventually(lambda: len(table(user).rows) > 0)


def key(user: User, name: str) -> None:
    user.find(marker="ticket-list-keys").trigger(
        "key",
        {
            "action": "keydown",
            "repeat": False,
            "altKey": False,
            "ctrlKey": False,
            "metaKey": False,
            "shiftKey": False,
            "key": name,
            "code": name,
            "location": 0,
        },
    )


async def test_open_tickets_newest_first_with_their_facts(
    user: User, log_in: LogIn, seeded: Seeded
) -> None:
    await open_list(user, log_in, seeded.anna)
    n = seeded.numbers
    assert shown(user) == [n["xss"], n["printer"], n["waiting"], n["mail"], n["network"]]
    printer = row_of(user, n["printer"])
    assert printer["org"] == "ООО Альфа"
    assert printer["person"] == "Иванов Иван"
    assert printer["summary"] == "Принтер в бухгалтерии не печатает"
    assert printer["category"] == "Печать › Принтер не печатает"
    assert (printer["priority"], printer["status"], printer["assignee"]) == (
        "Обычный",
        "Новая",
        "—",
    )
    assert printer["received"] == "10 мин назад"
    assert printer["received_abs"].count(".") == 2 and ":" in printer["received_abs"]
    assert printer["href"] == f"/tickets/{n['printer']}"
    # SLA timers: 50 of 60 minutes left (green), 5 left (amber), overdue (red), waiting (paused)
    assert printer["sla_colour"] == "sla-ok" and printer["sla_text"].endswith("мин")
    assert printer["sla_hint"].startswith("Реакция до")
    assert row_of(user, n["mail"])["sla_colour"] == "sla-warn"
    network = row_of(user, n["network"])
    assert network["sla_colour"] == "sla-breach" and network["sla_text"].startswith("просрочено на")
    assert (network["priority"], network["assignee"]) == ("Высокий", "Борис Орлов")
    waiting = row_of(user, n["waiting"])
    assert (waiting["sla_text"], waiting["sla_colour"]) == ("пауза", "sla-paused")
    assert waiting["status"] == "Ждёт клиента"
    # Markup in a description is carried as text, to be shown by {{ }} (escaped).
    assert row_of(user, n["xss"])["summary"] == XSS + " принтер"
    assert row_of(user, n["xss"])["sla_text"] == ""


async def test_row_template_shows_text_only(user: User, log_in: LogIn, seeded: Seeded) -> None:
    await open_list(user, log_in, seeded.anna)
    template = table(user).slots["body"].template or ""
    assert "v-html" not in template and "innerHTML" not in template
    assert "{{ props.row.summary }}" in template


@pytest.mark.parametrize(
    ("view", "names"),
    [
        ("new", ["xss", "printer", "mail", "network"]),
        ("mine", ["mail"]),
        ("unassigned", ["xss", "printer", "waiting"]),
        # due within two hours or passed, clock running, most urgent first: the paused one and
        # the one without an SLA are not in it
        ("breaching", ["network", "mail", "printer"]),
        ("closed", ["done"]),
        ("all", ["xss", "printer", "waiting", "mail", "network", "done"]),
    ],
)
async def test_view_tabs(
    user: User, log_in: LogIn, seeded: Seeded, view: str, names: list[str]
) -> None:
    await open_list(user, log_in, seeded.anna)
    user.find(marker=f"ticket-list-view-{view}").click()
    await eventually(lambda: shown(user) == [seeded.numbers[name] for name in names])
    assert table(user).pagination["rowsNumber"] == len(names)


async def test_view_counts(user: User, log_in: LogIn, seeded: Seeded) -> None:
    await open_list(user, log_in, seeded.anna)
    counts = {
        view: next(iter(user.find(marker=f"ticket-list-count-{view}").elements)).text
        for view in ("new", "mine", "unassigned", "breaching", "open", "closed", "all")
    }
    assert counts == {
        "new": "4",
        "mine": "1",
        "unassigned": "3",
        "breaching": "3",
        "open": "5",
        "closed": "1",
        "all": "6",
    }


async def test_filters_narrow_and_clear(user: User, log_in: LogIn, seeded: Seeded) -> None:
    await open_list(user, log_in, seeded.anna)
    n = seeded.numbers
    user.find(marker="ticket-list-filter-organisation").elements.pop().set_value(seeded.org_beta)
    await eventually(lambda: shown(user) == [n["waiting"], n["mail"]])
    user.find(marker="ticket-list-filter-sla").elements.pop().set_value("paused")
    await eventually(lambda: shown(user) == [n["waiting"]])
    user.find(marker="ticket-list-clear").click()
    await eventually(lambda: len(shown(user)) == 5)
    user.find(marker="ticket-list-filter-priority").elements.pop().set_value(["high"])
    await eventually(lambda: shown(user) == [n["network"]])
    user.find(marker="ticket-list-filter-priority").elements.pop().set_value([])
    user.find(marker="ticket-list-filter-category").elements.pop().set_value(seeded.service_print)
    await eventually(lambda: shown(user) == [n["printer"]])
    user.find(marker="ticket-list-filter-category").elements.pop().set_value(None)
    user.find(marker="ticket-list-filter-assignee").elements.pop().set_value("none")
    await eventually(lambda: shown(user) == [n["xss"], n["printer"], n["waiting"]])
    user.find(marker="ticket-list-filter-assignee").elements.pop().set_value(seeded.boris.id)
    await eventually(lambda: shown(user) == [n["network"]])
    user.find(marker="ticket-list-filter-status").elements.pop().set_value(["waiting"])
    await eventually(lambda: shown(user) == [])
    await user.should_see(marker="ticket-list")


async def test_free_text_search_and_header_query(user: User, log_in: LogIn, seeded: Seeded) -> None:
    await open_list(user, log_in, seeded.anna)
    n = seeded.numbers
    user.find(marker="ticket-list-search").type("принтеры")
    await eventually(lambda: shown(user) == [n["xss"], n["printer"]])
    # The header's search lands on "all" tickets with the text, closed ones too.
    await reopen(user, "/tickets?q=картриджа")
    assert shown(user) == [n["done"]]
    assert user.find(marker="ticket-list-search").elements.pop().value == "картриджа"


async def test_sorting_and_paging_through_table_requests(
    user: User, log_in: LogIn, seeded: Seeded, ctx: AppContext
) -> None:
    for i in range(30):
        add_ticket(ctx.store, f"Заявка для листания {i}")
    await open_list(user, log_in, seeded.anna)
    grid = table(user)
    assert grid.pagination["rowsNumber"] == 35
    assert len(grid.rows) == 35
    request = {"sortBy": "priority", "descending": True, "page": 1, "rowsPerPage": 25}
    user.find(marker="ticket-list").trigger("request", {"pagination": request})
    await eventually(lambda: len(table(user).rows) == 25)
    assert shown(user)[0] == seeded.numbers["network"]  # the only high priority
    assert table(user).pagination == {**request, "rowsNumber": 35}
    user.find(marker="ticket-list").trigger("request", {"pagination": {**request, "page": 2}})
    await eventually(lambda: len(table(user).rows) == 10)
    assert table(user).pagination["page"] == 2
    # A column that does not sort and a silly page size fall back to the defaults.
    odd = {"sortBy": "summary", "descending": False, "page": 1, "rowsPerPage": 7}
    user.find(marker="ticket-list").trigger("request", {"pagination": odd})
    await eventually(lambda: table(user).pagination["rowsPerPage"] == 50)
    assert table(user).pagination["sortBy"] == "received"
    assert shown(user)[0] == max(row["number"] for row in table(user).rows)


async def test_keys_move_open_and_create(user: User, log_in: LogIn, seeded: Seeded) -> None:
    await open_list(user, log_in, seeded.anna)
    order = shown(user)

    def selected() -> list[int]:
        return [row["number"] for row in table(user).rows if row["sel"]]

    key(user, "j")
    assert selected() == [order[0]]
    key(user, "j")
    key(user, "j")
    key(user, "k")
    assert selected() == [order[1]]
    key(user, "Enter")
    await eventually(lambda: user.back_history[-1] == f"/tickets/{order[1]}")
    await reopen(user)
    key(user, "n")
    await eventually(lambda: user.back_history[-1] == "/tickets/new")


async def test_row_click_opens_the_ticket(user: User, log_in: LogIn, seeded: Seeded) -> None:
    await open_list(user, log_in, seeded.anna)
    number = seeded.numbers["mail"]
    user.find(marker="ticket-list").trigger("open_ticket", number)
    await eventually(lambda: user.back_history[-1] == f"/tickets/{number}")


async def test_new_ticket_appears_without_reload(
    user: User, log_in: LogIn, seeded: Seeded, ctx: AppContext
) -> None:
    await open_list(user, log_in, seeded.anna)
    # ctx is a second handle on the store, as a command in another process would be.
    _, number = add_ticket(ctx.store, "Срочно: не работает касса", org_id=seeded.org_alpha)
    await eventually(lambda: shown(user)[:1] == [number], timeout=2.0)
    assert row_of(user, number)["summary"] == "Срочно: не работает касса"
    count = next(iter(user.find(marker="ticket-list-count-new").elements))
    await eventually(lambda: count.text == "5")


async def test_notification_settings_are_saved(
    user: User, log_in: LogIn, seeded: Seeded, ctx: AppContext
) -> None:
    def saved() -> tuple[bool, bool]:
        found = ctx.store.read_sync(lambda conn: users.get_user(conn, seeded.anna.id))
        assert found is not None
        return found.notify_sound, found.notify_browser

    await open_list(user, log_in, seeded.anna)
    user.find(marker="ticket-list-sound").click()
    await eventually(lambda: saved() == (True, False))
    # The browser's answer to the permission request decides.
    user.find(marker="ticket-list-browser").trigger("click", "denied")
    await user.should_see("Браузер запретил уведомления")
    assert saved() == (True, False)
    user.find(marker="ticket-list-browser").trigger("click", "granted")
    await eventually(lambda: saved() == (True, True))
    # Next visit starts with the saved choice; switching off needs no permission.
    await reopen(user)
    bell = next(iter(user.find(marker="ticket-list-browser").elements))
    assert bell.props["icon"] == "notifications_active"
    user.find(marker="ticket-list-browser").trigger("click", "granted")
    await eventually(lambda: saved() == (True, False))


async def test_manager_reads_the_list_but_cannot_create(
    user: User, log_in: LogIn, seeded: Seeded
) -> None:
    await open_list(user, log_in, seeded.vera)
    assert len(shown(user)) == 5
    await user.should_not_see(marker="ticket-list-new")
    await user.should_not_see(marker="ticket-list-view-mine")
    key(user, "n")
    # The key handler runs at once; a navigation it started would be a task until it lands.
    await finished("navigate to")
    assert user.back_history[-1] == "/tickets"
    # A view they do not have falls back to all open tickets.
    await reopen(user, "/tickets?view=mine")
    assert len(shown(user)) == 5


async def test_admin_sees_the_list(user: User, log_in: LogIn, seeded: Seeded, admin) -> None:
    await open_list(user, log_in, admin)
    assert len(shown(user)) == 5
    await user.should_see(marker="ticket-list-new")


async def test_english(user: User, log_in: LogIn, seeded: Seeded, ctx: AppContext) -> None:
    ctx.store.write_sync(lambda conn: users.set_lang(conn, seeded.boris.id, "en"))
    await open_list(user, log_in, seeded.boris)
    await user.should_see("Breaching soon")
    network = row_of(user, seeded.numbers["network"])
    assert (network["priority"], network["status"]) == ("High", "New")
    assert row_of(user, seeded.numbers["printer"])["received"] == "10 min ago"


async def test_view_and_filters_come_from_the_address_and_tab_counts_follow_them(
    user: User, log_in: LogIn, seeded: Seeded
) -> None:
    """A bookmarked or reloaded list (and Back from a ticket) shows the same view and filters;
    the tabs count what they would show with the search text and filters applied."""
    n = seeded.numbers
    await open_list(user, log_in, seeded.anna, "/tickets?view=all&status=waiting&priority=x,,")
    assert shown(user) == [n["waiting"]]
    (status,) = user.find(marker="ticket-list-filter-status").elements
    assert status.value == ["waiting"]  # type: ignore[attr-defined]
    await eventually(
        lambda: next(iter(user.find(marker="ticket-list-count-all").elements)).text == "1"
    )
    (closed,) = user.find(marker="ticket-list-count-closed").elements
    assert closed.text == "0"  # type: ignore[attr-defined]
    await reopen(user, "/tickets?view=open&q=Принтер")
    found = shown(user)
    assert n["printer"] in found and n["mail"] not in found
    (count,) = user.find(marker="ticket-list-count-open").elements
    assert count.text == str(len(found))  # type: ignore[attr-defined]


def test_the_address_round_trips_and_drops_what_is_not_valid() -> None:
    from appliance.services.ticket_list import ListFilters
    from appliance.ui.tickets.list_url import filters_from_query, list_url

    wanted = ListFilters(
        statuses=("new", "waiting"),
        priorities=("high",),
        org_id=3,
        assignee="none",
        category_id=7,
        sla="breached",
        text="принтер & co",
    )
    url = list_url("open", wanted)
    query = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))
    from urllib.parse import unquote_plus

    decoded = {k: unquote_plus(v) for k, v in query.items()}
    assert decoded.pop("view") == "open"
    assert filters_from_query(**decoded) == wanted
    assert filters_from_query(status="bogus", org="-1", assignee="x", sla="?") == ListFilters()
