from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import httpx
import pytest

from client.agent import Agent, try_deliver_now
from client.config import OUTBOX_FILE_NAME, Enrolment
from client.errors import RateLimited, ServerError, Unauthorized, Unreachable
from client.outbox import Outbox
from sync.backoff import Backoff
from tests.client.fake_appliance import FakeAppliance
from tests.client.helpers import fake_shot, queue


def make_agent(fake: FakeAppliance, outbox: Outbox, **kwargs: object) -> Agent:
    return Agent(fake.client(), outbox, **kwargs)  # type: ignore[arg-type]


def test_drain_delivers_in_order_with_blobs_first(fake: FakeAppliance, outbox: Outbox) -> None:
    texts = [f"request {i}" for i in range(5)]
    queued = [queue(outbox, text, shot=i != 2) for i, text in enumerate(texts)]

    report = make_agent(fake, outbox).drain_once()

    assert report.ok and report.remaining == 0
    assert [number for _uuid, number in report.delivered] == [1, 2, 3, 4, 5]
    numbers = {t["uuid"]: t["number"] for t in fake.tickets.values()}
    assert [numbers[q.uuid] for q in queued] == [1, 2, 3, 4, 5]
    # Byte-identical screenshots arrived, each before its ticket.
    assert fake.blobs[fake_shot("request 0").sha256] == fake_shot("request 0").data
    paths = [r.url.path for r in fake.requests]
    assert paths.index(f"/api/v1/blobs/{fake_shot('request 0').sha256}") < paths.index(
        "/api/v1/tickets"
    )
    assert outbox.pending() == []
    assert [(t.number, t.status) for t in outbox.my_tickets()] == [
        (5, "new"),
        (4, "new"),
        (3, "new"),
        (2, "new"),
        (1, "new"),
    ]


def test_offline_keeps_everything(fake: FakeAppliance, outbox: Outbox) -> None:
    queued = queue(outbox, "offline")
    fake.offline = True

    report = make_agent(fake, outbox).drain_once()

    assert isinstance(report.error, Unreachable)
    assert report.remaining == 1
    (item,) = outbox.pending()
    assert item.uuid == queued.uuid and item.attempts == 1
    assert "connection refused" in item.last_error


def test_server_error_keeps_item_stops_the_drain_and_backs_off(
    fake: FakeAppliance, outbox: Outbox
) -> None:
    first = queue(outbox, "first")
    queue(outbox, "second")
    fake.fail_next(500, times=3, path_part="tickets")
    backoff = Backoff(base=1.0, cap=60.0, rng=random.Random(4))
    agent = make_agent(fake, outbox, backoff=backoff)

    delays = [agent.step(feed_interval=30.0) for _ in range(3)]

    # The second item was never sent while the first failed: order is kept.
    assert len(fake.ticket_requests()) == 3
    assert all(first.uuid.encode() in r.content for r in fake.ticket_requests())
    assert backoff.attempt == 3
    assert all(0 <= d <= c for d, c in zip(delays, (1.0, 2.0, 4.0), strict=True))
    # Success resets the backoff and sleeps the feed interval.
    assert agent.step(feed_interval=30.0) == 30.0
    assert backoff.attempt == 0
    assert outbox.pending() == []
    assert len(fake.tickets) == 2


def test_retries_send_identical_bytes(fake: FakeAppliance, outbox: Outbox) -> None:
    queue(outbox, "same bytes")
    fake.fail_next(503, times=2, path_part="tickets")
    agent = make_agent(fake, outbox)
    for _ in range(3):
        agent.drain_once()
    bodies = {r.content for r in fake.ticket_requests()}
    assert len(fake.ticket_requests()) == 3 and len(bodies) == 1


def test_conflict_is_rejected_with_reason_and_not_retried(
    fake: FakeAppliance, outbox: Outbox
) -> None:
    first = queue(outbox, "first")
    second = queue(outbox, "second")
    fake.fail_next(409, times=1, path_part="tickets", error="conflict")
    agent = make_agent(fake, outbox)

    report = agent.drain_once()
    again = agent.drain_once()

    assert report.rejected == [(first.uuid, "409 conflict: scripted failure")]
    assert [u for u, _n in report.delivered] == [second.uuid]
    assert again.delivered == [] and again.rejected == []
    assert len(fake.ticket_requests()) == 2  # the rejected one was sent once, not again
    (rejected,) = outbox.rejected()
    assert rejected.uuid == first.uuid and "conflict" in rejected.rejected_reason
    ticket = outbox.ticket(first.uuid)
    assert ticket is not None and ticket.status == "rejected"


def test_missing_blob_is_uploaded_again_then_ticket_retried(
    fake: FakeAppliance, outbox: Outbox
) -> None:
    queued = queue(outbox, "lost blob")
    sha = queued.screenshot_sha256 or ""
    # The blob went up before a crash, then the appliance was restored from an older backup.
    outbox.mark_blob_uploaded(queued.uuid, sha)

    report = make_agent(fake, outbox).drain_once()

    assert report.ok and [n for _u, n in report.delivered] == [1]
    assert [r.method for r in fake.requests] == ["POST", "PUT", "POST"]
    assert fake.blobs[sha] == fake_shot("lost blob").data


def test_crash_between_blob_and_ticket_resends_safely(fake: FakeAppliance, outbox: Outbox) -> None:
    queued = queue(outbox, "half sent")
    fake.fail_next(500, times=1, path_part="tickets")
    agent = make_agent(fake, outbox)
    agent.drain_once()
    (item,) = outbox.pending()
    assert [b.uploaded for b in item.blobs] == [True]

    report = agent.drain_once()

    assert [n for _u, n in report.delivered] == [1]
    puts = [r for r in fake.requests if r.method == "PUT"]
    assert len(puts) == 1  # not uploaded twice
    assert list(fake.tickets) == [queued.uuid]


def test_lost_response_is_retried_and_counted_once(fake: FakeAppliance, outbox: Outbox) -> None:
    queued = queue(outbox, "answer lost")
    real = fake.handle
    dropped = []

    def lose_first_ticket_answer(request: httpx.Request) -> httpx.Response:
        response = real(request)
        if request.url.path == "/api/v1/tickets" and not dropped:
            dropped.append(response.status_code)
            raise httpx.ReadError("connection reset", request=request)
        return response

    http = httpx.Client(
        base_url="http://127.0.0.1:9",
        transport=httpx.MockTransport(lose_first_ticket_answer),
        headers={"Authorization": f"Bearer {fake.token}"},
    )
    agent = Agent(http, outbox)
    assert isinstance(agent.drain_once().error, Unreachable)
    report = agent.drain_once()

    assert dropped == [201]
    assert report.delivered == [(queued.uuid, 1)]
    assert len(fake.tickets) == 1 and fake.next_number == 2


def test_rate_limit_honours_retry_after(fake: FakeAppliance, outbox: Outbox) -> None:
    queue(outbox, "too many")
    fake.fail_next(429, times=1, path_part="blobs", error="rate_limited", retry_after=7)
    agent = make_agent(fake, outbox, backoff=Backoff(base=0.5, cap=300.0))

    delay = agent.step()

    assert delay >= 7.0
    assert outbox.counts()["queued"] == 1
    assert len(fake.requests) == 1


def test_unauthorized_stops_and_keeps(fake: FakeAppliance, outbox: Outbox) -> None:
    queue(outbox, "revoked")
    fake.token = "rotated"  # the appliance no longer knows ours
    report = Agent(
        httpx.Client(
            base_url="http://127.0.0.1:9",
            transport=fake.transport(),
            headers={"Authorization": "Bearer secret-token"},
        ),
        outbox,
    ).drain_once()
    assert isinstance(report.error, Unauthorized)
    assert outbox.counts()["queued"] == 1


def test_unreadable_success_answer_keeps_item(fake: FakeAppliance, outbox: Outbox) -> None:
    queue(outbox, "garbled", shot=False)

    def garbled(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, text="<html>proxy says hi</html>")

    http = httpx.Client(base_url="http://127.0.0.1:9", transport=httpx.MockTransport(garbled))
    report = Agent(http, outbox).drain_once()
    assert isinstance(report.error, ServerError)
    assert outbox.counts()["queued"] == 1


def test_validation_error_rejects(fake: FakeAppliance, outbox: Outbox) -> None:
    queue(outbox, "too big")
    fake.fail_next(413, times=1, path_part="blobs", error="payload_too_large")
    report = make_agent(fake, outbox).drain_once()
    assert report.rejected and "413 payload_too_large" in report.rejected[0][1]
    assert outbox.counts() == {"queued": 0, "rejected": 1, "tickets": 1}


def test_pull_feed_pages_through_and_applies(fake: FakeAppliance, outbox: Outbox) -> None:
    for i in range(3):
        queue(outbox, f"feed {i}", shot=False)
    agent = make_agent(fake, outbox)
    agent.drain_once()
    fake.feed.append(
        {
            "kind": "reply",
            "ticket_uuid": next(iter(fake.tickets)),
            "ticket_number": 1,
            "action_id": 77,
            "text": "We are on it.",
        }
    )
    fake.feed.append(
        {
            "kind": "status",
            "ticket_uuid": next(iter(fake.tickets)),
            "ticket_number": 1,
            "status": "resolved",
        }
    )

    applied = agent.pull_feed()

    assert applied == 5
    assert outbox.feed_cursor() == 5
    feeds = [r for r in fake.requests if r.url.path == "/api/v1/feed"]
    assert [r.url.params["since"] for r in feeds] == ["0", "2", "4"]
    assert "faq_version" in feeds[-1].url.params
    first = next(t for t in outbox.my_tickets() if t.number == 1)
    assert first.status == "resolved"
    assert [r.text for r in first.replies] == ["We are on it."]
    assert outbox.faq() == [("Printer", "Turn it off and on.")]
    assert agent.pull_feed() == 0


def test_run_forever_wakes_on_a_new_item(fake: FakeAppliance, outbox: Outbox, home: Path) -> None:
    agent = make_agent(fake, outbox)
    stop = threading.Event()
    runner = threading.Thread(target=agent.run_forever, args=(stop,), kwargs={"feed_interval": 60})
    runner.start()
    try:
        time.sleep(0.5)  # the first round ran; now it sleeps for a minute unless woken
        # The window is another process with its own connection.
        with Outbox(home / OUTBOX_FILE_NAME) as window_box:
            queued = queue(window_box, "wake up")
        deadline = time.monotonic() + 10
        while queued.uuid not in fake.tickets and time.monotonic() < deadline:
            time.sleep(0.05)
        assert queued.uuid in fake.tickets
    finally:
        stop.set()
        runner.join(timeout=10)
    assert not runner.is_alive()


def test_try_deliver_now_reports_the_number(
    fake: FakeAppliance, outbox: Outbox, enrolment: Enrolment, monkeypatch: pytest.MonkeyPatch
) -> None:
    import client.agent as agent_module

    monkeypatch.setattr(
        agent_module,
        "make_client",
        lambda base_url, **kw: httpx.Client(
            base_url=base_url,
            transport=fake.transport(),
            headers={"Authorization": f"Bearer {kw['token']}"},
        ),
    )
    queued = queue(outbox, "quick")
    assert try_deliver_now(enrolment, outbox, queued.uuid).number == 1
    fake.offline = True
    later = queue(outbox, "quick offline")
    result = try_deliver_now(enrolment, outbox, later.uuid)
    assert result.number is None and isinstance(result.error, Unreachable)
    assert try_deliver_now(None, outbox, later.uuid).number is None


def test_sync_once_waits_out_a_short_rate_limit(fake: FakeAppliance, outbox: Outbox) -> None:
    for i in range(3):
        queue(outbox, f"limited {i}", shot=False)
    fake.fail_next(429, times=1, path_part="tickets", error="rate_limited", retry_after=1)
    agent = make_agent(fake, outbox)

    impatient = agent.sync_once()
    assert isinstance(impatient.error, RateLimited) and impatient.remaining == 3
    fake.fail_next(429, times=1, path_part="tickets", error="rate_limited", retry_after=1)
    started = time.monotonic()
    patient = agent.sync_once(patience=5)

    assert time.monotonic() - started >= 1.0
    assert patient.ok and patient.remaining == 0 and len(patient.delivered) == 3


def test_upload_ahead_keeps_outcomes_per_item(fake: FakeAppliance, outbox: Outbox) -> None:
    """Screenshots of later items go up early; a refusal of one still lands on that item."""
    queued = [queue(outbox, f"ahead {i}") for i in range(4)]
    bad = fake_shot("ahead 2").sha256
    fake.fail_next(413, times=1, path_part=bad, error="payload_too_large")

    report = make_agent(fake, outbox).drain_once()

    assert [u for u, _n in report.delivered] == [queued[0].uuid, queued[1].uuid, queued[3].uuid]
    assert [u for u, _r in report.rejected] == [queued[2].uuid]
    assert [n for _u, n in report.delivered] == [1, 2, 3]
    assert outbox.counts() == {"queued": 0, "rejected": 1, "tickets": 4}
