"""The header's global search (NiceGUI ``user`` fixture): each kind is found, grouped; arrow keys
move the highlight and Enter opens it; Enter with nothing highlighted searches the tickets."""

from __future__ import annotations

import asyncio
import uuid

from nicegui import ui
from nicegui.testing import User

from appliance.domain.clock import utc_now
from appliance.store.equipment import create_equipment
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from appliance.store.tickets import create_ticket


def seed(ctx) -> dict[str, int]:
    def write(conn) -> dict[str, int]:
        romashka = create_organization(conn, name="ООО «Ромашка»", short_name="Ромашка")
        strela = create_organization(conn, name="АО Стрела")
        anna = create_person(
            conn,
            org_id=romashka,
            full_name="Анна Смирнова",
            email="anna@romashka.ru",
            logins=["asmirnova"],
        )
        create_equipment(
            conn,
            org_id=strela,
            kind="printer",
            name="Принтер бухгалтерии",
            hostname="prn-buh",
            ip="10.20.0.15",
            serial="CNB9Z12345",
        )
        create_equipment(
            conn, org_id=romashka, kind="workstation", name="ПК Смирновой", hostname="pc-smirnova"
        )
        now = utc_now()
        ticket = create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="client",
            description="Принтер бухгалтерии не печатает",
            submitted_at=now,
            received_at=now,
            org_id=strela,
        )
        return {"romashka": romashka, "strela": strela, "anna": anna, "ticket": ticket.number}

    return ctx.store.write_sync(write)


def hit_texts(user: User, marker: str = "search-hit") -> list[str]:
    """The titles of the hits (``marker="search-hit-active"``: of the highlighted one), in order."""
    assert user.client is not None
    texts = []
    links = [e for e in user.client.elements.values() if marker in e._markers]
    for link in sorted(links, key=lambda e: e.id):
        labels = [e.text for e in link.descendants() if isinstance(e, ui.label)]
        texts.append(labels[0] if labels else "")
    return texts


async def type_query(user: User, text: str) -> None:
    user.find(marker="shell-search").type(text)
    await user.should_see(marker="search-results", retries=30)


async def test_each_kind_is_found_in_its_group(user: User, log_in, admin, ctx) -> None:
    ids = seed(ctx)
    await log_in(admin)
    await user.open("/faq")
    # A client by its short name; a person by login; equipment by IP, hostname and serial.
    for query, expected in [
        ("ромаш", "ООО «Ромашка»"),
        ("asmirn", "Анна Смирнова"),
        ("10.20.0", "Принтер бухгалтерии"),
        ("prn-b", "Принтер бухгалтерии"),
        ("cnb9z", "Принтер бухгалтерии"),
    ]:
        user.find(marker="shell-search").clear()
        await user.should_not_see(marker="search-results", retries=30)  # the last answer gone
        await type_query(user, query)
        await user.should_see(expected, retries=30)
        assert expected in hit_texts(user)
    # Tickets by text, grouped under their heading beside the equipment that matched too.
    user.find(marker="shell-search").clear()
    await user.should_not_see(marker="search-results", retries=30)
    await type_query(user, "принтер бухгалтерии")
    with user.scope(marker="search-results"):
        await user.should_see("Оборудование", retries=30)
        await user.should_see("Заявки")
    assert hit_texts(user) == [
        "Принтер бухгалтерии",
        f"№ {ids['ticket']} — Принтер бухгалтерии не печатает",
    ]


async def test_arrow_keys_move_the_highlight_and_enter_opens_it(
    user: User, log_in, admin, ctx
) -> None:
    ids = seed(ctx)
    await log_in(admin)
    await user.open("/faq")
    await type_query(user, "принтер")
    await user.should_see(marker="search-hit", retries=30)
    assert len(hit_texts(user)) == 2
    assert hit_texts(user, "search-hit-active") == []
    box = user.find(marker="shell-search")
    box.trigger("keydown.down")
    await user.should_see(marker="search-hit-active", retries=30)
    assert hit_texts(user, "search-hit-active") == ["Принтер бухгалтерии"]
    box.trigger("keydown.down")
    assert hit_texts(user, "search-hit-active")[0].startswith(f"№ {ids['ticket']}")
    box.trigger("keydown.down")  # wraps to the first
    assert hit_texts(user, "search-hit-active") == ["Принтер бухгалтерии"]
    box.trigger("keydown.up")  # and back to the last
    assert hit_texts(user, "search-hit-active")[0].startswith(f"№ {ids['ticket']}")
    box.trigger("keydown.enter")
    await user.should_see(marker="ticket-description", retries=30)
    assert user.back_history[-1] == f"/tickets/{ids['ticket']}"


async def test_escape_closes_and_nothing_found_says_so(user: User, log_in, admin, ctx) -> None:
    seed(ctx)
    await log_in(admin)
    await user.open("/faq")
    await type_query(user, "zzzz-nothing")
    await user.should_see(marker="search-none", retries=30)
    user.find(marker="shell-search").trigger("keydown.esc")
    await user.should_not_see(marker="search-results", retries=30)


async def test_a_manager_finds_clients_and_tickets_too(user: User, log_in, add_user, ctx) -> None:
    seed(ctx)
    await log_in(add_user("manager"))
    await user.open("/tickets")
    await type_query(user, "стрела")
    await user.should_see("АО Стрела", retries=30)


async def test_enter_on_a_client_or_a_person_opens_the_card_on_its_tab(
    user: User, log_in, admin, ctx
) -> None:
    ids = seed(ctx)
    await log_in(admin)
    await user.open("/faq")
    await type_query(user, "ромашка")
    await user.should_see(marker="search-hit", retries=30)
    assert hit_texts(user) == ["ООО «Ромашка»"]
    box = user.find(marker="shell-search")
    box.trigger("keydown.down")
    box.trigger("keydown.enter")
    await user.should_see(marker="card-title", retries=30)
    assert user.back_history[-1] == f"/clients/{ids['romashka']}"
    await type_query(user, "asmirnova")
    await user.should_see(marker="search-hit", retries=30)
    assert hit_texts(user) == ["Анна Смирнова"]
    user.find(marker="shell-search").trigger("keydown.down").trigger("keydown.enter")
    expected = f"/clients/{ids['romashka']}?tab=people"
    for _ in range(50):
        if user.back_history[-1] == expected:
            break
        await asyncio.sleep(0.1)
    assert user.back_history[-1] == expected
