"""LiveViewer's side of the FAQ: the cached public articles (with tags, also in an outbox file
made before tags existed), matched offline; "this solved it" queued with its own uuid and sent
at the next sync, kept through failures, counted once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from client.agent import Agent
from client.outbox import Outbox
from sync.faq_match import Doc, Index
from tests.client.fake_appliance import FakeAppliance


def make_agent(fake: FakeAppliance, outbox: Outbox) -> Agent:
    return Agent(fake.client(), outbox)


def test_solved_waits_through_failures_and_is_sent_once(
    fake: FakeAppliance, outbox: Outbox
) -> None:
    uuid = outbox.add_solved(1)
    agent = make_agent(fake, outbox)
    fake.fail_next(503, times=1, path_part="faq/solved")
    report = agent.sync_once()
    assert report.error is not None
    assert outbox.pending_solved() == [(uuid, 1)]  # kept for the next sync
    assert agent.sync_once().error is None
    assert outbox.pending_solved() == []
    assert fake.solved == {uuid: 1}
    sent = [r for r in fake.requests if r.url.path == "/api/v1/faq/solved"]
    assert len(sent) == 2  # the failed try and the delivery, with the same uuid
    assert all(uuid.encode() in r.content for r in sent)


def test_offline_solved_stays_queued(fake: FakeAppliance, outbox: Outbox) -> None:
    outbox.add_solved(7)
    fake.offline = True
    assert make_agent(fake, outbox).sync_once().error is not None
    assert [a for _, a in outbox.pending_solved()] == [7]


def test_cached_articles_carry_tags_and_match_offline(fake: FakeAppliance, outbox: Outbox) -> None:
    make_agent(fake, outbox).pull_feed()
    (article,) = outbox.faq_articles()
    assert (article.title, article.tags) == ("Printer", ())
    fake.offline = True
    index = Index(Doc(a.id, a.title, a.body, a.tags) for a in outbox.faq_articles())
    assert [h.id for h in index.suggest("the printer is broken")] == [article.id]
    assert index.suggest("invoice for October") == []


def test_an_outbox_from_before_tags_gains_the_column(home: Path) -> None:
    path = home / "old.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE faq (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL,"
        " updated_at TEXT NOT NULL)"
    )
    conn.execute("INSERT INTO faq VALUES (1, 'VPN', 'Use the token.', '2025-01-01T00:00:00Z')")
    conn.commit()
    conn.close()
    with Outbox(path) as box:
        (article,) = box.faq_articles()
        assert (article.title, article.tags) == ("VPN", ())
