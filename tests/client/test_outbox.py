from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from client.config import OUTBOX_FILE_NAME
from client.outbox import BlobInput, Outbox
from sync.wire import FeedPage
from tests.client.helpers import fake_shot, image_bytes, queue


def test_add_keeps_order_payload_and_bytes(outbox: Outbox) -> None:
    first = queue(outbox, "printer jams")
    second = queue(outbox, "no network", shot=False)
    third = queue(outbox, "1C is slow")

    pending = outbox.pending()
    assert [item.uuid for item in pending] == [first.uuid, second.uuid, third.uuid]
    assert json.loads(pending[0].payload)["description"] == "printer jams"
    assert json.loads(pending[0].payload)["attachments"] == [fake_shot("printer jams").sha256]
    assert pending[1].blobs == []
    assert outbox.blob_data(first.uuid, first.screenshot_sha256 or "") == image_bytes(
        "printer jams"
    )
    # Every request is in "my requests" at once, unnumbered until the appliance answers.
    assert next((t.description, t.number, t.status) for t in outbox.my_tickets())[1:] == (
        None,
        "queued",
    )


def test_add_is_one_transaction(outbox: Outbox) -> None:
    blob = BlobInput("a" * 64, "image/png", b"x")
    with pytest.raises(Exception, match="UNIQUE"):
        # The same blob twice in one item violates the key after the item row was inserted.
        outbox.add(
            uuid="11111111-1111-4111-8111-111111111111",
            payload="{}",
            description="d",
            submitted_at="",
            blobs=[blob, blob],
        )
    assert outbox.pending() == []
    assert outbox.my_tickets() == []
    assert outbox.counts() == {"queued": 0, "rejected": 0, "tickets": 0}


def test_complete_deletes_item_and_blobs_and_records_number(outbox: Outbox) -> None:
    queued = queue(outbox, "monitor flickers")
    outbox.complete(queued.uuid, number=42, status="new")
    assert outbox.pending() == []
    assert outbox.get(queued.uuid) is None
    with pytest.raises(KeyError):
        outbox.blob_data(queued.uuid, queued.screenshot_sha256 or "")
    ticket = outbox.ticket(queued.uuid)
    assert ticket is not None
    assert (ticket.number, ticket.status, ticket.description) == (42, "new", "monitor flickers")


def test_reject_keeps_item_out_of_the_queue_with_reason(outbox: Outbox) -> None:
    first = queue(outbox, "a")
    second = queue(outbox, "b")
    outbox.reject(first.uuid, "409 conflict: this uuid was used")
    assert [item.uuid for item in outbox.pending()] == [second.uuid]
    assert [item.rejected_reason for item in outbox.rejected()] == [
        "409 conflict: this uuid was used"
    ]
    ticket = outbox.ticket(first.uuid)
    assert ticket is not None and ticket.status == "rejected"
    assert outbox.counts() == {"queued": 1, "rejected": 1, "tickets": 2}


def test_upload_marks_survive_reopening(home: Path) -> None:
    path = home / OUTBOX_FILE_NAME
    with Outbox(path) as box:
        queued = queue(box, "scanner")
        box.mark_blob_uploaded(queued.uuid, queued.screenshot_sha256 or "")
    with Outbox(path) as box:
        (item,) = box.pending()
        assert [b.uploaded for b in item.blobs] == [True]
        box.mark_blobs_missing(queued.uuid, [queued.screenshot_sha256 or ""])
        (item,) = box.pending()
        assert [b.uploaded for b in item.blobs] == [False]


def test_files_are_private(home: Path, outbox: Outbox) -> None:
    queue(outbox, "x")
    assert stat.S_IMODE(os.stat(outbox.path).st_mode) == 0o600
    for suffix in ("-wal", "-shm"):
        side = Path(f"{outbox.path}{suffix}")
        if side.exists():
            assert stat.S_IMODE(side.stat().st_mode) & 0o077 == 0


def test_saved_item_survives_kill_9(home: Path) -> None:
    """What the window reported as saved is on disk even if the process dies right after."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from client.outbox import Outbox\n"
        "from tests.client.helpers import queue\n"
        "box = Outbox(Path(sys.argv[1]))\n"
        "q = queue(box, 'kill me')\n"
        "print(q.uuid, flush=True)\n"
        "sys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(home / OUTBOX_FILE_NAME)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert proc.stdout is not None
    saved_uuid = proc.stdout.readline().strip()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Outbox(home / OUTBOX_FILE_NAME) as box:
        (item,) = box.pending()
        assert item.uuid == saved_uuid
        assert box.blob_data(saved_uuid, item.blobs[0].sha256) == image_bytes("kill me")


def _page(events: list[dict[str, object]], next_seq: int, faq: list[dict] | None) -> FeedPage:
    now = datetime.now(UTC).isoformat()
    return FeedPage.model_validate(
        {
            "events": [{"at": now, **e} for e in events],
            "next": next_seq,
            "more": False,
            "faq_version": "v2",
            "faq": [{"updated_at": now, **a} for a in faq] if faq is not None else None,
        }
    )


def test_apply_feed_updates_my_requests(outbox: Outbox) -> None:
    queued = queue(outbox, "mail does not send")
    outbox.complete(queued.uuid, number=5, status="new")
    outbox.apply_feed(
        _page(
            [
                {
                    "seq": 3,
                    "kind": "status",
                    "ticket_uuid": queued.uuid,
                    "ticket_number": 5,
                    "status": "in_progress",
                },
                {
                    "seq": 4,
                    "kind": "reply",
                    "ticket_uuid": queued.uuid,
                    "ticket_number": 5,
                    "action_id": 9,
                    "text": "Restart Outlook, please.",
                },
                {"seq": 5, "kind": "future-kind", "ticket_uuid": queued.uuid, "ticket_number": 5},
                {
                    "seq": 6,
                    "kind": "number",
                    "ticket_uuid": "other-device-reinstall",
                    "ticket_number": 3,
                    "status": "resolved",
                },
            ],
            6,
            [{"id": 1, "title": "VPN", "body": "Use the token."}],
        )
    )
    ticket = outbox.ticket(queued.uuid)
    assert ticket is not None
    assert (ticket.number, ticket.status) == (5, "in_progress")
    assert [r.text for r in ticket.replies] == ["Restart Outlook, please."]
    assert outbox.feed_cursor() == 6
    assert outbox.faq_version() == "v2"
    assert outbox.faq() == [("VPN", "Use the token.")]
    assert [t.number for t in outbox.my_tickets()] == [5, 3]
    # Applying the same page again changes nothing (the cursor may be behind after a crash).
    outbox.apply_feed(
        _page(
            [
                {
                    "seq": 4,
                    "kind": "reply",
                    "ticket_uuid": queued.uuid,
                    "ticket_number": 5,
                    "action_id": 9,
                    "text": "Restart Outlook, please.",
                }
            ],
            6,
            None,
        )
    )
    ticket = outbox.ticket(queued.uuid)
    assert ticket is not None and len(ticket.replies) == 1
    assert outbox.faq() == [("VPN", "Use the token.")]
