"""Ticket submission: numbered once, matched to person and workstation, exactly once per uuid."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

from sync.hashing import content_hash
from sync.wire import TicketAccepted, TicketSubmission
from tests.api.conftest import Device, Server, enrol
from tests.api.support import png_bytes, sha, submission


def _ticket(api: Server, uuid: str) -> dict:
    def read(conn):
        cursor = conn.execute("SELECT * FROM tickets WHERE uuid = ?", (uuid,))
        names = [d[0] for d in cursor.getdescription()]
        row = cursor.fetchone()
        return dict(zip(names, row, strict=True)) if row else None

    return api.ctx.store.read_sync(read)


def _upload(api: Server, device: Device, data: bytes) -> str:
    with api.client(device.token) as client:
        assert client.put(f"/api/v1/blobs/{sha(data)}", content=data).status_code in (200, 201)
    return sha(data)


def test_a_new_submission_becomes_a_numbered_ticket(api: Server, device: Device) -> None:
    shot = _upload(api, device, png_bytes(seed=7001))
    sent = submission(urgent=True, attachments=[shot], description="  Mail does not open  ")
    with api.client(device.token) as client:
        answer = client.post("/api/v1/tickets", json=sent)
    assert answer.status_code == 201, answer.text
    accepted = TicketAccepted.model_validate(answer.json())
    assert accepted.uuid == sent["uuid"]
    assert accepted.status == "new"
    row = _ticket(api, sent["uuid"])
    assert row["number"] == accepted.number
    assert row["source"] == "client"
    assert row["description"] == "Mail does not open"
    assert row["priority"] == "urgent"
    assert row["contact_phone"] == "+7 900 000-00-00"
    assert row["org_id"] == api.org.id
    assert row["person_id"] == api.org.person_id  # os_user 'ivanova' is her login
    assert row["equipment_id"] == api.org.equipment_id  # hostname ACC-01
    assert row["device_id"] == device.id
    assert row["content_hash"] == content_hash(TicketSubmission.model_validate(sent))
    assert json.loads(row["machine_facts"])["screens"] == [
        {"x": 0, "y": 0, "width": 1920, "height": 1080}
    ]
    attachments = api.ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT sha256, position FROM ticket_attachments WHERE ticket_id = ?", (row["id"],)
        ).fetchall()
    )
    assert attachments == [(shot, 0)]


def test_not_urgent_is_normal_priority_and_unknown_machine_matches_nobody(api: Server) -> None:
    device = enrol(api, hostname="UNKNOWN-PC", os_user="guest")
    sent = submission(
        machine_facts={"hostname": "UNKNOWN-PC", "os_user": "guest"}, urgent=False, phone=""
    )
    with api.client(device.token) as client:
        assert client.post("/api/v1/tickets", json=sent).status_code == 201
    row = _ticket(api, sent["uuid"])
    assert row["priority"] == "normal"
    assert (row["person_id"], row["equipment_id"], row["org_id"]) == (None, None, api.org.id)


def test_a_person_of_another_organisation_is_not_matched(api: Server, device: Device) -> None:
    # 'petrov' and GLX-07 belong to Globex; this device belongs to Acme.
    sent = submission(machine_facts={"hostname": "GLX-07", "os_user": "petrov"})
    with api.client(device.token) as client:
        assert client.post("/api/v1/tickets", json=sent).status_code == 201
    row = _ticket(api, sent["uuid"])
    assert (row["person_id"], row["equipment_id"]) == (None, None)


def test_a_domain_login_matches_the_person(api: Server, device: Device) -> None:
    sent = submission(machine_facts={"hostname": "acc-01", "os_user": "ACME\\Ivanova"})
    with api.client(device.token) as client:
        assert client.post("/api/v1/tickets", json=sent).status_code == 201
    row = _ticket(api, sent["uuid"])
    assert (row["person_id"], row["equipment_id"]) == (api.org.person_id, api.org.equipment_id)


def test_a_resend_is_a_200_with_the_same_number_and_changes_nothing(
    api: Server, device: Device, store_state
) -> None:
    sent = submission()
    with api.client(device.token) as client:
        first = client.post("/api/v1/tickets", json=sent)
        before = store_state()
        # The same submission, written differently: other key order, other offset, same instant.
        again_doc = dict(reversed(list(sent.items())))
        moment = datetime.fromisoformat(sent["submitted_at"])
        again_doc["submitted_at"] = moment.astimezone(timezone(timedelta(hours=3))).isoformat()
        assert again_doc["submitted_at"] != sent["submitted_at"]
        again = client.post("/api/v1/tickets", json=again_doc)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert store_state() == before


def test_numbers_are_consecutive_and_each_uuid_counted_once_under_concurrency(
    api: Server,
) -> None:
    devices = [enrol(api, hostname=f"PC-{i}") for i in range(4)]
    sends = [(devices[i % 4], submission(description=f"Request {i}")) for i in range(24)]
    before_max = api.ctx.store.read_sync(
        lambda conn: conn.execute("SELECT coalesce(max(number), 0) FROM tickets").fetchone()[0]
    )

    def post(item):
        device, doc = item
        with api.client(device.token) as client:
            return [client.post("/api/v1/tickets", json=doc) for _ in range(2)]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(post, sends + sends))  # every submission sent 4 times
    numbers = {}
    for (_, doc), answers in zip(sends + sends, results, strict=True):
        for answer in answers:
            assert answer.status_code in (200, 201), answer.text
            numbers.setdefault(doc["uuid"], set()).add(answer.json()["number"])
    assert all(len(found) == 1 for found in numbers.values())
    got = sorted(n for found in numbers.values() for n in found)
    assert got == list(range(before_max + 1, before_max + 25))
    created = sum(a.status_code == 201 for answers in results for a in answers)
    assert created == 24
