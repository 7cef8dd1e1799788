"""HTTPS with the certificate made at init (forced on loopback with ``serve --tls``), the
fingerprint handed out at enrolment, and the per-device and per-address rate limits."""

from __future__ import annotations

import hashlib
import socket
import ssl
import time
from urllib.parse import urlsplit

import httpx
import pytest

from sync.wire import ErrorBody
from tests.api.conftest import Device, Server
from tests.api.support import snapshot, submission


def _enrol_answer(server: Server, hostname: str) -> httpx.Response:
    # Enrolment spends the address's bucket (burst 3 here): wait as told when it is empty.
    with server.client() as client:
        for _ in range(10):
            answer = client.post(
                "/api/v1/enroll", json={"code": server.codes.valid, "hostname": hostname}
            )
            if answer.status_code != 429:
                break
            time.sleep(int(answer.headers["Retry-After"]))
    assert answer.status_code == 201, answer.text
    return answer


def _enrol(server: Server, hostname: str) -> Device:
    body = _enrol_answer(server, hostname).json()
    return Device(body["device_id"], body["token"])


def _presented_certificate(server: Server) -> bytes:
    parts = urlsplit(server.base_url)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with (
        socket.create_connection((parts.hostname, parts.port), timeout=5) as raw,
        context.wrap_socket(raw, server_hostname=parts.hostname) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    assert der
    return der


def test_enrolment_hands_out_the_fingerprint_of_the_certificate_served(strict_api: Server):
    assert strict_api.base_url.startswith("https://127.0.0.1:")
    answer = _enrol_answer(strict_api, "TLS-PC")
    served = hashlib.sha256(_presented_certificate(strict_api)).hexdigest()
    assert answer.json()["server_fingerprint"] == served


def test_plain_http_is_not_served_when_tls_is_on(strict_api: Server) -> None:
    plain = strict_api.base_url.replace("https://", "http://")
    with pytest.raises(httpx.HTTPError):
        httpx.get(plain + "/api/v1/health", timeout=5).raise_for_status()


def test_a_device_over_its_burst_gets_429_with_retry_after(strict_api: Server) -> None:
    device = _enrol(strict_api, "BUSY-PC")
    with strict_api.client(device.token) as client:
        answers = [client.get("/api/v1/feed") for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 200]
        before = strict_api.ctx.store.read_sync(snapshot)
        limited = client.post("/api/v1/tickets", json=submission())
        assert limited.status_code == 429
        assert strict_api.ctx.store.read_sync(snapshot) == before
        body = ErrorBody.model_validate(limited.json())
        assert body.error == "rate_limited"
        wait = int(limited.headers["Retry-After"])
        assert 1 <= wait <= 2  # 60 a minute: a token every second
        assert body.retry_after == wait
        assert body.message == f"Too many requests; try again in {wait} s."
        # The promise to the client: once Retry-After has passed, the call goes through. Poll
        # (a refused call spends no token) and check when the first success came.
        limited_at = time.monotonic()
        deadline = limited_at + wait + 2
        while (status := client.get("/api/v1/feed").status_code) == 429:
            assert time.monotonic() < deadline, "still limited well after Retry-After"
            time.sleep(0.05)
        assert status == 200
        assert time.monotonic() - limited_at <= wait + 0.5


def test_guessing_tokens_is_throttled_per_address(strict_api: Server) -> None:
    statuses = []
    with strict_api.client("guessed-token") as client:
        for _ in range(8):
            answer = client.get("/api/v1/feed")
            statuses.append(answer.status_code)
            if answer.status_code == 429:
                assert int(answer.headers["Retry-After"]) >= 1
                break
    assert statuses[-1] == 429
    assert set(statuses[:-1]) <= {401}
