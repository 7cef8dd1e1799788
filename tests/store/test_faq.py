"""FAQ articles through the store functions: one row type for lists, search, suggestions and
the public feed; editing an article changes the public FAQ's version."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from appliance.domain.errors import InvalidInput, NotFound
from appliance.store import Store
from appliance.store.categories import create_category
from appliance.store.faq import (
    Article,
    article_count,
    create_article,
    delete_article,
    faq_for_text,
    faq_version,
    get_article,
    latest_articles,
    public_articles,
    update_article,
)

EARLIER = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


def test_an_article_carries_its_category_label(store: Store) -> None:
    def write(conn: Any) -> int:
        service = create_category(conn, name="Печать")
        problem = create_category(conn, name="Замятие", parent_id=service)
        return create_article(conn, title="Бумага", body="Откройте лоток.", category_id=problem)

    article = store.write_sync(write)
    found = store.read_sync(lambda c: get_article(c, article))
    assert found is not None
    assert (found.category, found.public, found.created_at) == (
        "Печать › Замятие",
        False,
        found.updated_at,
    )


def test_editing_a_public_article_changes_the_version(store: Store) -> None:
    hidden = store.write_sync(lambda c: create_article(c, title="B", body="x", created_at=EARLIER))
    shown = store.write_sync(
        lambda c: create_article(c, title="A", body="y", public=True, created_at=EARLIER)
    )
    before = store.read_sync(faq_version)
    assert [a.id for a in store.read_sync(public_articles)] == [shown]
    store.write_sync(lambda c: update_article(c, hidden, public=True))
    after = store.read_sync(faq_version)
    assert after != before
    assert [a.title for a in store.read_sync(public_articles)] == ["A", "B"]
    assert store.read_sync(latest_articles)[0].id == hidden
    store.write_sync(lambda c: delete_article(c, shown))
    assert store.read_sync(article_count) == 1
    with pytest.raises(NotFound):
        store.write_sync(lambda c: delete_article(c, shown))


def test_suggestions_are_articles(store: Store) -> None:
    store.write_sync(lambda c: create_article(c, title="Принтер", body="Проверьте бумагу."))
    found = store.read_sync(lambda c: faq_for_text(c, "не печатает принтер"))
    assert [type(f) for f in found] == [Article] and found[0].body == "Проверьте бумагу."


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"title": " "}, "clients.error.faq_title_empty"),
        ({"body": ""}, "clients.error.faq_body_empty"),
        ({"category_id": 77}, "clients.error.category_unknown"),
    ],
)
def test_bad_articles_are_refused(store: Store, values: dict[str, Any], key: str) -> None:
    row = {"title": "T", "body": "B", **values}
    with pytest.raises(InvalidInput) as caught:
        store.write_sync(lambda c: create_article(c, **row))
    assert caught.value.key == key
    article = store.write_sync(lambda c: create_article(c, title="T", body="B"))
    with pytest.raises(InvalidInput):
        store.write_sync(lambda c: update_article(c, article, **values))
