"""Every bad request gets a JSON error with a sentence, and leaves the store as it was.

One table: (what is sent, expected status, expected error code, a fragment of the message). After
each request the test compares a snapshot of the store (row counts, the number counter, code
uses, the tickets' content hashes) with the one taken before.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.api.conftest import BLOB_LIMIT, Device, Server, enrol
from tests.api.support import (
    bomb_png,
    image_bytes,
    png_bytes,
    sha,
    submission,
    truncated_png,
)

MISSING = "f" * 64
TEXT = b"this is not an image, it is a sentence\n"
BOMB = bomb_png()
MID_BOMB = bomb_png(10_000, 10_000)  # 100 MP: over our 50 MP, under Pillow's hard limit
OVER_OUR_LIMIT = bomb_png(8_000, 7_000)  # 56 MP: only our own limit catches it
TRUNCATED = truncated_png()
GIF = image_bytes("GIF")
BMP = image_bytes("BMP")
TOO_BIG = b"\x00" * (BLOB_LIMIT + 1)
GOOD_PNG = png_bytes(seed=1)


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    auth: str = "device"  # device | none | wrong | basic | revoked
    json: Any = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 422
    error: str = "invalid_request"
    message: str = ""
    field: str | None = None

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def ticket(**changes: Any) -> dict[str, Any]:
    return submission(**changes)


def facts(**changes: Any) -> dict[str, Any]:
    doc = dict(submission()["machine_facts"])
    doc.update(changes)
    return doc


CASES = {
    # -- authentication
    "no token": Case("POST", "/api/v1/tickets", auth="none", json=ticket(), status=401,
                     error="unauthorized", message="valid device token is required"),
    "wrong token": Case("POST", "/api/v1/tickets", auth="wrong", json=ticket(), status=401,
                        error="unauthorized", message="valid device token is required"),
    "basic auth": Case("GET", "/api/v1/feed", auth="basic", status=401, error="unauthorized",
                       message="Bearer <token>"),
    "revoked device": Case("POST", "/api/v1/tickets", auth="revoked", json=ticket(), status=401,
                           error="unauthorized", message="has been revoked"),
    "blob without token": Case("PUT", f"/api/v1/blobs/{sha(GOOD_PNG)}", auth="none",
                               content=GOOD_PNG, status=401, error="unauthorized",
                               message="valid device token"),
    "feed without token": Case("GET", "/api/v1/feed?since=0", auth="none", status=401,
                               error="unauthorized", message="valid device token"),
    "bad body before auth": Case("POST", "/api/v1/tickets", auth="none", json={"x": 1},
                                 status=401, error="unauthorized", message="device token"),
    # -- enrolment codes
    "unknown code": Case("POST", "/api/v1/enroll", auth="none", json={"code": "AAAA-BBBB-CCCC"},
                         status=403, error="code_invalid", message="not known"),
    "expired code": Case("POST", "/api/v1/enroll", auth="none", json={"code": "<expired>"},
                         status=410, error="code_expired", message="has expired"),
    "revoked code": Case("POST", "/api/v1/enroll", auth="none", json={"code": "<revoked>"},
                         status=410, error="code_revoked", message="has been revoked"),
    "used-up code": Case("POST", "/api/v1/enroll", auth="none", json={"code": "<used_up>"},
                         status=410, error="code_used_up", message="as many times as it allows"),
    "enrol unknown field": Case("POST", "/api/v1/enroll", auth="none",
                                json={"code": "<valid>", "admin": True},
                                message="Unknown field 'admin'", field="admin"),
    "enrol without code": Case("POST", "/api/v1/enroll", auth="none", json={"hostname": "x"},
                               message="The field 'code' is required", field="code"),
    "enrol code wrong type": Case("POST", "/api/v1/enroll", auth="none", json={"code": 12345},
                                  message="The field 'code' is invalid", field="code"),
    # -- ticket body
    "unknown field": Case("POST", "/api/v1/tickets", json=ticket(colour="red"),
                          message="Unknown field 'colour'", field="colour"),
    "unknown nested field": Case("POST", "/api/v1/tickets",
                                 json=ticket(machine_facts=facts(cpu="i5")),
                                 message="Unknown field 'machine_facts.cpu'",
                                 field="machine_facts.cpu"),
    "missing uuid": Case("POST", "/api/v1/tickets",
                         json={k: v for k, v in ticket().items() if k != "uuid"},
                         message="The field 'uuid' is required", field="uuid"),
    "uuid not a uuid": Case("POST", "/api/v1/tickets", json=ticket(uuid="ticket-1"),
                            message="The field 'uuid' is invalid", field="uuid"),
    "uuid not version 4": Case("POST", "/api/v1/tickets",
                               json=ticket(uuid=str(uuid.uuid1())),
                               message="UUID version 4 expected", field="uuid"),
    "naive time": Case("POST", "/api/v1/tickets", json=ticket(submitted_at="2025-03-01T09:30:00"),
                       message="timezone", field="submitted_at"),
    "urgent as string": Case("POST", "/api/v1/tickets", json=ticket(urgent="yes"),
                             message="The field 'urgent' is invalid", field="urgent"),
    "description as number": Case("POST", "/api/v1/tickets", json=ticket(description=42),
                                  message="valid string", field="description"),
    "empty description": Case("POST", "/api/v1/tickets", json=ticket(description=" \n\t "),
                              message="at least 1 character", field="description"),
    "description too long": Case("POST", "/api/v1/tickets", json=ticket(description="x" * 5001),
                                 message="at most 5000", field="description"),
    "phone too long": Case("POST", "/api/v1/tickets", json=ticket(phone="1" * 41),
                           message="at most 40", field="phone"),
    "uptime as string": Case("POST", "/api/v1/tickets",
                             json=ticket(machine_facts=facts(uptime_seconds="3600")),
                             message="valid integer", field="machine_facts.uptime_seconds"),
    "too many attachments": Case("POST", "/api/v1/tickets",
                                 json=ticket(attachments=[f"{i:064x}" for i in range(6)]),
                                 message="at most 5", field="attachments"),
    "attachment not a hash": Case("POST", "/api/v1/tickets", json=ticket(attachments=["a.png"]),
                                  message="should match pattern", field="attachments.0"),
    "missing blob": Case("POST", "/api/v1/tickets", json=ticket(attachments=[MISSING]),
                         error="missing_blobs", message=MISSING, field="attachments"),
    "malformed JSON": Case("POST", "/api/v1/tickets", content=b'{"uuid": "x", ',
                           headers={"Content-Type": "application/json"},
                           message="not valid JSON"),
    "JSON array": Case("POST", "/api/v1/tickets", json=[ticket()],
                       message="The request body is invalid"),
    "empty body": Case("POST", "/api/v1/tickets", content=b"",
                       headers={"Content-Type": "application/json"},
                       message="The request body is empty; a JSON object is expected"),
    "body over 256 KiB": Case("POST", "/api/v1/tickets",
                              content=b'{"description": "' + b"x" * 300_000 + b'"}',
                              headers={"Content-Type": "application/json"},
                              status=413, error="payload_too_large", message="256 KiB"),
    # -- blobs
    "hash mismatch": Case("PUT", f"/api/v1/blobs/{MISSING}", content=GOOD_PNG,
                          error="hash_mismatch", message=f"not {MISSING}"),
    "not an image": Case("PUT", f"/api/v1/blobs/{sha(TEXT)}", content=TEXT, status=415,
                         error="not_an_image", message="not a PNG, WebP or JPEG image"),
    "GIF refused": Case("PUT", f"/api/v1/blobs/{sha(GIF)}", content=GIF, status=415,
                        error="not_an_image", message="not a PNG, WebP or JPEG"),
    "BMP refused": Case("PUT", f"/api/v1/blobs/{sha(BMP)}", content=BMP, status=415,
                        error="not_an_image", message="not a PNG, WebP or JPEG"),
    "truncated PNG": Case("PUT", f"/api/v1/blobs/{sha(TRUNCATED)}", content=TRUNCATED,
                          status=415, error="not_an_image", message="damaged"),
    "decompression bomb": Case("PUT", f"/api/v1/blobs/{sha(BOMB)}", content=BOMB,
                               error="image_too_large", message="at most 25 million pixels"),
    "100 MP bomb": Case("PUT", f"/api/v1/blobs/{sha(MID_BOMB)}", content=MID_BOMB,
                        error="image_too_large", message="10000×10000"),
    "56 MP image": Case("PUT", f"/api/v1/blobs/{sha(OVER_OUR_LIMIT)}", content=OVER_OUR_LIMIT,
                        error="image_too_large", message="8000×7000"),
    "blob over the limit": Case("PUT", f"/api/v1/blobs/{sha(TOO_BIG)}", content=TOO_BIG,
                                status=413, error="payload_too_large", message="2 MiB"),
    "blob name not a hash": Case("PUT", "/api/v1/blobs/SCREENSHOT.PNG", content=GOOD_PNG,
                                 message="The field 'sha256' is invalid", field="sha256"),
    # -- feed and routing
    "negative cursor": Case("GET", "/api/v1/feed?since=-1", message="greater than or equal to 0",
                            field="since"),
    "cursor not a number": Case("GET", "/api/v1/feed?since=abc", message="valid integer",
                                field="since"),
    "unknown path": Case("GET", "/api/v1/tickets/1", status=404, error="not_found",
                         message="nothing at /api/v1/tickets/1"),
    "wrong method": Case("DELETE", "/api/v1/tickets", status=405, error="method_not_allowed",
                         message="DELETE is not allowed on /api/v1/tickets"),
}  # fmt: skip


def _headers(case: Case, device: Device, revoked: Device) -> dict[str, str]:
    headers = dict(case.headers)
    token = {
        "device": device.token,
        "revoked": revoked.token,
        "wrong": "not-a-token-" + "x" * 32,
    }.get(case.auth)
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if case.auth == "basic":
        headers["Authorization"] = "Basic YWRtaW46YWRtaW4="
    return headers


def _body(case: Case, api: Server) -> Any:
    if isinstance(case.json, dict) and str(case.json.get("code", "")).startswith("<"):
        name = case.json["code"].strip("<>")
        return {**case.json, "code": getattr(api.codes, name)}
    return case.json


@pytest.fixture(scope="module")
def revoked(api: Server) -> Device:
    from appliance.domain.clock import utc_now
    from appliance.store.devices import revoke_device

    gone = enrol(api, hostname="OLD-PC")
    api.ctx.store.write_sync(lambda conn: revoke_device(conn, gone.id, now=utc_now()))
    return gone


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_request_is_refused_with_a_sentence_and_changes_nothing(
    case: Case, api: Server, device: Device, revoked: Device, store_state
) -> None:
    before = store_state()
    with api.client() as client:
        answer = client.request(
            case.method,
            case.path,
            json=_body(case, api),
            content=case.content,
            headers=_headers(case, device, revoked),
        )
    assert answer.status_code == case.status, answer.text
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["error"] == case.error
    assert case.message in body["message"]
    assert body["message"].endswith(".")
    assert body.get("field") == case.field
    if case.status == 401:
        assert answer.headers["www-authenticate"] == "Bearer"
    if case.error == "missing_blobs":
        assert body["missing"] == [MISSING]
    assert store_state() == before


def test_the_message_follows_accept_language(api: Server) -> None:
    with api.client(**{"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}) as client:
        answer = client.post("/api/v1/tickets", json=submission())
    assert answer.status_code == 401
    assert answer.json()["message"].startswith("Нужен действующий токен устройства")


def test_without_accept_language_the_appliance_language_is_used(api: Server) -> None:
    with api.client() as client:
        del client.headers["Accept-Language"]
        answer = client.get("/api/v1/nowhere")
    assert answer.status_code == 404
    assert answer.json()["message"] == "По адресу /api/v1/nowhere ничего нет."


def test_same_uuid_with_other_content_is_a_conflict(api: Server, device: Device, store_state):
    first = submission()
    with api.client(device.token) as client:
        assert client.post("/api/v1/tickets", json=first).status_code == 201
        before = store_state()
        changed = {**first, "description": "Something else entirely"}
        answer = client.post("/api/v1/tickets", json=changed)
    assert answer.status_code == 409
    assert answer.json()["error"] == "conflict"
    assert (
        f"Ticket {first['uuid']} was already received with other content"
        in (answer.json()["message"])
    )
    assert store_state() == before


def test_same_submission_from_another_device_is_a_conflict(
    api: Server, device: Device, store_state
) -> None:
    first = submission()
    with api.client(device.token) as client:
        assert client.post("/api/v1/tickets", json=first).status_code == 201
    before = store_state()
    stranger = enrol(api, hostname="ACC-02")
    after_enrol = store_state()
    with api.client(stranger.token) as client:
        answer = client.post("/api/v1/tickets", json=first)
    assert answer.status_code == 409
    assert store_state() == after_enrol
    assert before["tickets"] == after_enrol["tickets"]


def test_json_parse_error_names_the_problem(api: Server, device: Device) -> None:
    with api.client(device.token) as client:
        answer = client.post(
            "/api/v1/tickets",
            content=json.dumps(submission())[:-1].encode(),
            headers={"Content-Type": "application/json"},
        )
    assert answer.status_code == 422
    assert answer.json()["message"].startswith("The request body is not valid JSON (")
