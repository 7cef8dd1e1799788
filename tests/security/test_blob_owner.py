"""L4: a device attaches only screenshots its organisation uploaded; another organisation's
blob, known by its hash, is "missing" until this device uploads the same bytes itself."""

from __future__ import annotations

from collections.abc import Callable

from tests.api.conftest import Device, Server, enrol
from tests.api.support import add_codes, png_bytes, sha, submission


def other_org_device(api: Server) -> Device:
    codes = api.ctx.store.write_sync(lambda conn: add_codes(conn, api.other_org.id))
    with api.client() as client:
        answer = client.post(
            "/api/v1/enroll", json={"code": codes.valid, "hostname": "GLX-07", "os_user": "petrov"}
        )
    assert answer.status_code == 201, answer.text
    return Device(answer.json()["device_id"], answer.json()["token"])


def put(api: Server, device: Device, data: bytes) -> int:
    with api.client(device.token) as client:
        answer = client.put(
            f"/api/v1/blobs/{sha(data)}", content=data, headers={"Content-Type": "image/png"}
        )
    return answer.status_code


def test_another_organisations_blob_cannot_be_attached_by_its_hash(
    api: Server, store_state: Callable[[], dict[str, object]]
) -> None:
    owner = enrol(api)
    stranger = other_org_device(api)
    secret = png_bytes(120, 80, seed=4242)
    assert put(api, owner, secret) == 201

    before = store_state()
    with api.client(stranger.token) as client:
        answer = client.post("/api/v1/tickets", json=submission(attachments=[sha(secret)]))
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == "missing_blobs"
    assert answer.json()["missing"] == [sha(secret)]
    assert store_state() == before

    # Uploading the very bytes proves the device has them: then it may attach them.
    assert put(api, stranger, secret) == 200
    with api.client(stranger.token) as client:
        answer = client.post("/api/v1/tickets", json=submission(attachments=[sha(secret)]))
    assert answer.status_code == 201, answer.text

    # The owner's own upload keeps working as before.
    with api.client(owner.token) as client:
        answer = client.post("/api/v1/tickets", json=submission(attachments=[sha(secret)]))
    assert answer.status_code == 201, answer.text
