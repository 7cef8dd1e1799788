"""FAQ services: technicians and admins write articles, everyone signed in reads them."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from appliance.domain.errors import Forbidden
from appliance.services import faq
from appliance.services.actor import Actor
from appliance.store import Store
from tests.services.support import audit_rows, make_accounts


@pytest.fixture
def actors(store: Store) -> dict[str, Actor]:
    return make_accounts(store)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


@pytest.mark.parametrize(
    ("role", "may"),
    [("admin", True), ("technician", True), ("manager", False), ("disabled", False)],
)
def test_who_may_write_an_article(
    store: Store, actors: dict[str, Actor], role: str, may: bool
) -> None:
    create = faq.create_article(store, actors[role], title="Принтер", body="Проверьте бумагу.")
    if not may:
        with pytest.raises(Forbidden):
            run(create)
        assert audit_rows(store) == []
        return
    article = run(create)
    run(faq.update_article(store, actors[role], article_id=article, changes={"public": True}))
    assert [r[1:] for r in audit_rows(store)] == [
        ("faq.create", "faq_article", article, "Принтер"),
        ("faq.update", "faq_article", article, "fields=public"),
    ]
    (found,) = run(faq.list_articles(store, actors[role]))
    assert (found.public, found.created_by) == (True, actors[role].user_id)


@pytest.mark.parametrize(
    ("role", "may"),
    [("admin", True), ("technician", True), ("manager", True), ("disabled", False)],
)
def test_who_may_find_articles(
    store: Store, actors: dict[str, Actor], role: str, may: bool
) -> None:
    run(faq.create_article(store, actors["admin"], title="Принтер", body="Проверьте бумагу."))
    calls = [
        faq.search_articles(store, actors[role], text="принтер"),
        faq.match_articles(store, actors[role], text="сломался принтер в бухгалтерии"),
        faq.faq_page(store, actors[role], query="принтеры"),
    ]
    for call in calls:
        if may:
            result = run(call)
            articles = result.articles if isinstance(result, faq.FaqPage) else result
            assert [a.title for a in articles] == ["Принтер"]
        else:
            with pytest.raises(Forbidden):
                run(call)


def test_the_page_without_a_query_shows_the_latest(store: Store, actors: dict[str, Actor]) -> None:
    for title in ("A", "B"):
        run(faq.create_article(store, actors["admin"], title=title, body="x"))
    page = run(faq.faq_page(store, actors["manager"], query="  ", limit=1))
    assert (page.query, page.total, [a.title for a in page.articles]) == ("", 2, ["B"])
    run(faq.delete_article(store, actors["admin"], article_id=page.articles[0].id))
    assert audit_rows(store)[-1][1] == "faq.delete"
