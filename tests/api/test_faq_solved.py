"""LiveViewer and the FAQ over real HTTP: a device gets the public articles for every client and
its own organisation's (with tags), never another organisation's or internal ones; "this solved
it" is counted once per uuid however often it is sent."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from appliance.store.faq import create_article, get_article
from sync.wire import FeedPage
from tests.api.conftest import Server, enrol


@pytest.fixture
def articles(api: Server) -> Iterator[dict[str, int]]:
    def add(conn):  # type: ignore[no-untyped-def]
        return {
            "all": create_article(
                conn, title="Принтер не печатает", body="Бумага.", public=True, tags="принтер"
            ),
            "own": create_article(
                conn, title="VPN Acme", body="Токен.", public=True, org_id=api.org.id
            ),
            "other": create_article(
                conn, title="VPN Globex", body="Пароль.", public=True, org_id=api.other_org.id
            ),
            "internal": create_article(conn, title="Серверная", body="Код 1234.", public=False),
        }

    ids = api.ctx.store.write_sync(add)
    yield ids
    api.ctx.store.write_sync(
        lambda conn: conn.executemany(
            "DELETE FROM faq_articles WHERE id = ?", [(i,) for i in ids.values()]
        )
    )


def test_a_device_gets_public_articles_for_all_and_its_own_organisation(
    api: Server, articles: dict[str, int]
) -> None:
    device = enrol(api, hostname="FAQ-1")
    with api.client(device.token) as client:
        page = FeedPage.model_validate(client.get("/api/v1/feed").json())
    assert page.faq is not None
    by_title = {a.title: a for a in page.faq}
    assert set(by_title) >= {"Принтер не печатает", "VPN Acme"}
    assert "VPN Globex" not in by_title and "Серверная" not in by_title
    assert by_title["Принтер не печатает"].tags == ["принтер"]


def test_solved_is_counted_once_per_uuid(api: Server, articles: dict[str, int]) -> None:
    device = enrol(api, hostname="FAQ-2")
    sent = {"uuid": str(uuid.uuid4()), "article_id": articles["all"]}
    with api.client(device.token) as client:
        first = client.post("/api/v1/faq/solved", json=sent)
        again = client.post("/api/v1/faq/solved", json=sent)
        other = client.post(
            "/api/v1/faq/solved", json={"uuid": str(uuid.uuid4()), "article_id": articles["all"]}
        )
    assert (first.status_code, first.json()) == (201, {"counted": True})
    assert (again.status_code, again.json()) == (200, {"counted": False})
    assert other.status_code == 201
    article = api.ctx.store.read_sync(lambda c: get_article(c, articles["all"]))
    assert article is not None and article.solved_count == 2
    rows = api.ctx.store.read_sync(
        lambda c: c.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'faq.solved' AND object_id = ?",
            (articles["all"],),
        ).fetchone()[0]
    )
    assert rows == 2


@pytest.mark.parametrize(
    "body",
    [
        {"uuid": "not-a-uuid", "article_id": 1},
        {"uuid": str(uuid.uuid4()), "article_id": "1"},
        {"uuid": str(uuid.uuid4()), "article_id": 1, "extra": True},
        {"article_id": 1},
    ],
)
def test_bad_requests_are_422_and_count_nothing(
    api: Server, articles: dict[str, int], body: dict[str, object]
) -> None:
    device = enrol(api, hostname="FAQ-3")
    with api.client(device.token) as client:
        answer = client.post("/api/v1/faq/solved", json=body)
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_request"
    article = api.ctx.store.read_sync(lambda c: get_article(c, articles["all"]))
    assert article is not None and article.solved_count == 0


def test_without_a_token_it_is_401(api: Server) -> None:
    with api.client() as client:
        answer = client.post(
            "/api/v1/faq/solved", json={"uuid": str(uuid.uuid4()), "article_id": 1}
        )
    assert answer.status_code == 401


def test_an_article_never_sent_to_the_device_is_not_counted(
    api: Server, articles: dict[str, int]
) -> None:
    device = enrol(api, hostname="FAQ-4")
    with api.client(device.token) as client:
        for key in ("other", "internal"):
            answer = client.post(
                "/api/v1/faq/solved", json={"uuid": str(uuid.uuid4()), "article_id": articles[key]}
            )
            assert (answer.status_code, answer.json()) == (200, {"counted": False})
    for key in ("other", "internal"):
        article = api.ctx.store.read_sync(lambda c, key=key: get_article(c, articles[key]))
        assert article is not None and article.solved_count == 0
