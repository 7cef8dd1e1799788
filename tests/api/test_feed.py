"""The feed: number assignments, status changes and public replies of this device's tickets,
after a cursor, in order; and the public FAQ, sent again only when it changed."""

from __future__ import annotations

import pytest

from appliance.domain.clock import now_db
from appliance.store.faq import create_article
from appliance.store.tickets import add_action, change_status, find_by_uuid
from sync.wire import FEED_PAGE_SIZE, FeedPage
from tests.api.conftest import Device, Server, enrol
from tests.api.support import submission

ADMIN_ID = 1  # made by init; may work tickets


def _feed(api: Server, device: Device, **params) -> FeedPage:
    with api.client(device.token) as client:
        answer = client.get("/api/v1/feed", params=params)
    assert answer.status_code == 200, answer.text
    return FeedPage.model_validate(answer.json())


def _submit(api: Server, device: Device, **changes) -> dict:
    sent = submission(**changes)
    with api.client(device.token) as client:
        answer = client.post("/api/v1/tickets", json=sent)
    assert answer.status_code == 201, answer.text
    return {**sent, "number": answer.json()["number"]}


def test_numbers_status_changes_and_public_replies_arrive_in_order(api: Server) -> None:
    device = enrol(api, hostname="FEED-1")
    assert _feed(api, device).events == []
    first = _submit(api, device)
    second = _submit(api, device)
    page = _feed(api, device)
    assert [(e.kind, e.ticket_uuid, e.ticket_number, e.status) for e in page.events] == [
        ("number", first["uuid"], first["number"], "new"),
        ("number", second["uuid"], second["number"], "new"),
    ]
    assert page.events[0].seq < page.events[1].seq
    assert page.next == page.events[-1].seq
    assert page.more is False

    def work(conn):
        ref = find_by_uuid(conn, first["uuid"])
        changed = change_status(
            conn,
            ticket_id=ref.id,
            new_status="in_progress",
            user_id=ADMIN_ID,
            expected_version=ref.version,
        )
        add_action(
            conn,
            ticket_id=ref.id,
            user_id=ADMIN_ID,
            kind="comment",
            text="The password is in the safe",
            visibility="internal",
        )
        public = add_action(
            conn,
            ticket_id=ref.id,
            user_id=ADMIN_ID,
            kind="remote_session",
            text="Replaced the toner; please try again.",
            minutes=10,
            visibility="public",
        )
        return changed, public.action_id

    _, action_id = api.ctx.store.write_sync(work)
    later = _feed(api, device, since=page.next)
    assert [(e.kind, e.ticket_number) for e in later.events] == [
        ("status", first["number"]),
        ("reply", first["number"]),
    ]
    assert later.events[0].status == "in_progress"
    assert later.events[1].text == "Replaced the toner; please try again."
    assert later.events[1].action_id == action_id
    # The internal comment never reaches the employee.
    assert all("safe" not in (e.text or "") for e in later.events)
    # Asking again from the new cursor: nothing new, the cursor stays.
    quiet = _feed(api, device, since=later.next)
    assert quiet.events == []
    assert quiet.next == later.next


def test_another_devices_tickets_are_not_in_the_feed(api: Server) -> None:
    mine = enrol(api, hostname="FEED-2")
    theirs = enrol(api, hostname="FEED-3")
    _submit(api, theirs)
    assert _feed(api, mine).events == []
    assert len(_feed(api, theirs).events) == 1


def test_a_long_feed_comes_in_pages(api: Server) -> None:
    device = enrol(api, hostname="FEED-4")
    sent = _submit(api, device)

    def churn(conn):
        # Status flips written straight to the table: each one is a feed event (trigger).
        for i in range(FEED_PAGE_SIZE + 20):
            status = "in_progress" if i % 2 == 0 else "waiting"
            conn.execute(
                "UPDATE tickets SET status = ?, updated_at = ? WHERE uuid = ?",
                (status, now_db(), sent["uuid"]),
            )

    api.ctx.store.write_sync(churn)
    first = _feed(api, device)
    assert len(first.events) == FEED_PAGE_SIZE
    assert first.more is True
    rest = _feed(api, device, since=first.next)
    assert len(rest.events) == 21  # the number event + 520 flips - 500 on the first page
    assert rest.more is False
    seqs = [e.seq for e in first.events + rest.events]
    assert seqs == sorted(set(seqs))


@pytest.fixture
def faq(api: Server):
    def add(conn):
        ids = []
        for title, public in (("How to reset a password", 1), ("Server room codes", 0)):
            ids.append(
                create_article(conn, title=title, body=f"Body of {title}", public=bool(public))
            )
        return ids

    ids = api.ctx.store.write_sync(add)
    yield ids
    api.ctx.store.write_sync(
        lambda conn: conn.execute("DELETE FROM faq_articles WHERE id IN (?, ?)", (ids[0], ids[1]))
    )


def test_public_faq_is_sent_until_the_client_holds_its_version(api: Server, faq) -> None:
    device = enrol(api, hostname="FEED-5")
    page = _feed(api, device)
    assert page.faq is not None
    titles = [a.title for a in page.faq]
    assert "How to reset a password" in titles
    assert "Server room codes" not in titles  # not public
    held = _feed(api, device, faq_version=page.faq_version)
    assert held.faq is None
    assert held.faq_version == page.faq_version

    api.ctx.store.write_sync(
        lambda conn: conn.execute(
            "UPDATE faq_articles SET body = 'New body', updated_at = ? WHERE id = ?",
            (now_db(), faq[0]),
        )
    )
    changed = _feed(api, device, faq_version=page.faq_version)
    assert changed.faq_version != page.faq_version
    assert changed.faq is not None
    assert {a.title: a.body for a in changed.faq}["How to reset a password"] == "New body"
