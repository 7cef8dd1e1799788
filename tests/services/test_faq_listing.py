"""The FAQ page without a query: the most helpful first; and its filters (category with its
problems, visibility, organisation with the articles for every client, tag)."""

from __future__ import annotations

import asyncio
from typing import Any

from appliance.services import faq
from appliance.services.faq import Filters
from appliance.store import Store
from appliance.store.categories import create_category
from appliance.store.organizations import create_organization
from tests.services.support import make_accounts


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_most_helpful_first_and_the_filters(store: Store) -> None:
    actors = make_accounts(store)
    tech = actors["technician"]

    def seed(conn):  # type: ignore[no-untyped-def]
        net = create_category(conn, name="Сеть")
        return (
            net,
            create_category(conn, name="VPN", parent_id=net),
            create_organization(conn, name="Ромашка"),
            create_organization(conn, name="Стрела"),
        )

    net, vpn, romashka, strela = store.write_sync(seed)

    def add(title: str, **values: Any) -> int:
        return int(run(faq.create_article(store, tech, title=title, body="текст", **values)))

    plain = add("Обычная")
    helpful = add("Полезная", category_id=vpn, public=True, tags="vpn")
    own = add("Для Ромашки", org_id=romashka, category_id=net)
    add("Для Стрелы", org_id=strela)
    ticket_ids = store.write_sync(
        lambda c: [
            c.execute(
                "INSERT INTO tickets(uuid, number, source, description, submitted_at,"
                " received_at, updated_at) VALUES (?, ?, 'phone', 'x', '2025-01-01T00:00:00Z',"
                " '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z') RETURNING id",
                (f"00000000-0000-4000-8000-00000000000{i}", i),
            ).fetchone()[0]
            for i in (1, 2)
        ]
    )
    for ticket_id in ticket_ids:
        run(faq.mark_helped(store, tech, article_id=helpful, ticket_id=ticket_id))
    run(faq.mark_helped(store, tech, article_id=own, ticket_id=ticket_ids[0]))

    def titles(**filters: Any) -> list[str]:
        page = run(faq.faq_page(store, actors["manager"], filters=Filters(**filters)))
        return [a.title for a in page.articles]

    assert titles()[:2] == ["Полезная", "Для Ромашки"]
    assert titles()[2:] and plain
    assert titles(category_id=net) == ["Полезная", "Для Ромашки"]  # the service and its problems
    assert titles(category_id=vpn) == ["Полезная"]
    assert titles(public=True) == ["Полезная"]
    assert set(titles(org_id=romashka)) == {"Полезная", "Для Ромашки", "Обычная"}
    assert set(titles(for_all=True)) == {"Полезная", "Обычная"}
    assert titles(tag="VPN") == ["Полезная"]
