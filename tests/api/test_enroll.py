"""Enrolment: a code buys a device token (kept hashed), the certificate's fingerprint and the
wire version; the code's uses are counted in the same transaction."""

from __future__ import annotations

import hashlib

from appliance.domain.clock import utc_now
from appliance.store.devices import create_code, revoke_device
from appliance.tls import fingerprint_of_pem
from sync.wire import WIRE_VERSION, EnrollResponse
from tests.api.conftest import Server, enrol
from tests.api.support import submission


def _row(api: Server, device_id: int) -> tuple:
    return api.ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT org_id, token_hash, hostname, os_user, revoked_at FROM devices WHERE id = ?",
            (device_id,),
        ).fetchone()
    )


def test_enrolment_answers_a_token_the_fingerprint_and_the_version(api: Server) -> None:
    uses_before = api.ctx.store.read_sync(
        lambda conn: conn.execute("SELECT sum(uses) FROM enrollment_codes").fetchone()[0]
    )
    with api.client() as client:
        answer = client.post(
            "/api/v1/enroll",
            # Typed by a person: lower case, spaces instead of dashes, O for 0 is forgiven.
            json={
                "code": api.codes.valid.lower().replace("-", " ").replace("0", "o"),
                "hostname": "ACC-01",
                "os_user": "ivanova",
                "client_version": "0.1.0",
            },
        )
    assert answer.status_code == 201, answer.text
    body = EnrollResponse.model_validate(answer.json())
    assert body.org_name == "Acme"
    assert body.wire_version == WIRE_VERSION
    assert body.server_fingerprint == fingerprint_of_pem(api.data_dir.cert_file.read_bytes())
    org_id, token_hash, hostname, os_user, revoked_at = _row(api, body.device_id)
    assert (org_id, hostname, os_user, revoked_at) == (api.org.id, "ACC-01", "ivanova", None)
    # Only the hash is kept.
    assert token_hash == hashlib.sha256(body.token.encode()).hexdigest()
    assert len(body.token) >= 43
    uses_after = api.ctx.store.read_sync(
        lambda conn: conn.execute("SELECT sum(uses) FROM enrollment_codes").fetchone()[0]
    )
    assert uses_after == uses_before + 1
    audit = api.ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT action, remote_addr, detail FROM audit_log WHERE object_type = 'device'"
            " AND object_id = ?",
            (body.device_id,),
        ).fetchone()
    )
    assert audit[0] == "device.enroll"
    assert audit[1] == "127.0.0.1"
    assert body.token not in audit[2]


def test_the_token_works_and_stops_working_when_the_device_is_revoked(api: Server) -> None:
    device = enrol(api)
    with api.client(device.token) as client:
        assert client.get("/api/v1/feed").status_code == 200
        api.ctx.store.write_sync(lambda conn: revoke_device(conn, device.id, now=utc_now()))
        answer = client.post("/api/v1/tickets", json=submission())
    assert answer.status_code == 401
    assert "revoked" in answer.json()["message"]


def test_a_code_with_two_uses_enrols_two_machines_then_no_more(api: Server) -> None:
    code = api.ctx.store.write_sync(
        lambda conn: create_code(conn, org_id=api.other_org.id, max_uses=2, days=1, now=utc_now())
    ).code
    with api.client() as client:
        answers = [client.post("/api/v1/enroll", json={"code": code}) for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 410]
    assert answers[0].json()["org_name"] == "Globex"
    assert answers[0].json()["device_id"] != answers[1].json()["device_id"]
    assert answers[2].json()["error"] == "code_used_up"


def test_last_seen_is_recorded_without_a_write_per_request(api: Server) -> None:
    import time

    device = enrol(api)
    assert _seen(api, device.id) is None
    with api.client(device.token) as client:
        client.get("/api/v1/feed")
        deadline = time.monotonic() + 5
        while _seen(api, device.id) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        first = _seen(api, device.id)
        assert first is not None
        for _ in range(5):
            assert client.get("/api/v1/feed").status_code == 200
        time.sleep(0.3)
    assert _seen(api, device.id) == first


def _seen(api: Server, device_id: int) -> str | None:
    return api.ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT last_seen_at FROM devices WHERE id = ?", (device_id,)
        ).fetchone()[0]
    )
