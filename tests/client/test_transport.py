"""Certificate pinning against a real TLS server."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from client.agent import Agent
from client.config import Enrolment, load_enrolment
from client.enroll import enroll
from client.errors import CertificateChanged, CertificateMismatch
from client.outbox import Outbox
from client.transport import make_client
from sync.wire import WIRE_VERSION
from tests.client.helpers import queue
from tests.client.tls_server import Recorder, https_server, make_certificate


@pytest.fixture
def certs(tmp_path: Path) -> tuple[Path, Path, str]:
    return make_certificate(tmp_path / "tls")


def test_pinned_certificate_is_accepted(certs: tuple[Path, Path, str]) -> None:
    cert, key, fingerprint = certs
    recorder = Recorder(answer={"ok": True})
    with (
        https_server(cert, key, recorder) as url,
        make_client(url, fingerprint=fingerprint) as http,
    ):
        assert http.get("/api/v1/health").json() == {"ok": True}
        assert http.get("/api/v1/health").status_code == 200
    assert recorder.paths == ["/api/v1/health", "/api/v1/health"]


def test_changed_certificate_is_refused_before_anything_is_sent(
    certs: tuple[Path, Path, str], tmp_path: Path
) -> None:
    cert, key, _fingerprint = certs
    _other_cert, _other_key, other_fingerprint = make_certificate(tmp_path / "old")
    recorder = Recorder(answer={"ok": True})
    with (
        https_server(cert, key, recorder) as url,
        make_client(url, fingerprint=other_fingerprint, token="t0ken") as http,
        pytest.raises(CertificateChanged) as caught,
    ):
        http.get("/api/v1/health")
    assert recorder.paths == []  # not even the request line (with the token) reached it
    message = caught.value.message("en")
    assert "certificate changed" in message and "ask your administrator" in message
    assert other_fingerprint[:8] in message
    assert "t0ken" not in message


def test_agent_sends_nothing_and_deletes_nothing_when_the_certificate_changed(
    certs: tuple[Path, Path, str], tmp_path: Path, outbox: Outbox
) -> None:
    cert, key, _fingerprint = certs
    _c, _k, pinned = make_certificate(tmp_path / "enrolled")
    queued = queue(outbox, "behind a changed certificate")
    recorder = Recorder(
        answer={
            "uuid": queued.uuid,
            "number": 1,
            "status": "new",
            "received_at": "2026-01-01T00:00:00Z",
        },
        status=201,
    )
    with (
        https_server(cert, key, recorder) as url,
        make_client(url, fingerprint=pinned, token="t") as http,
    ):
        report = Agent(http, outbox).drain_once()
    assert isinstance(report.error, CertificateChanged)
    assert recorder.paths == []
    (item,) = outbox.pending()
    assert item.uuid == queued.uuid and [b.uploaded for b in item.blobs] == [False]


def _enroll_answer(fingerprint: str) -> dict[str, object]:
    return {
        "device_id": 3,
        "token": "device-token",
        "org_name": "ООО Ромашка",
        "server_fingerprint": fingerprint,
        "wire_version": WIRE_VERSION,
    }


def test_enroll_over_https_pins_the_certificate_it_saw(
    certs: tuple[Path, Path, str], home: Path
) -> None:
    cert, key, fingerprint = certs
    recorder = Recorder(answer=_enroll_answer(fingerprint), status=201)
    with https_server(cert, key, recorder) as url:
        enrolment = enroll(url + "/", "ABCD-1234", home)
    assert enrolment == load_enrolment(home)
    assert enrolment.server_fingerprint == fingerprint
    assert enrolment.server_url == url
    assert "device-token" not in repr(enrolment)


def test_enroll_refuses_an_answer_naming_another_certificate(
    certs: tuple[Path, Path, str], home: Path, tmp_path: Path
) -> None:
    cert, key, _fingerprint = certs
    _c, _k, other = make_certificate(tmp_path / "other")
    recorder = Recorder(answer=_enroll_answer(other), status=201)
    with https_server(cert, key, recorder) as url, pytest.raises(CertificateMismatch):
        enroll(url, "ABCD-1234", home)
    assert load_enrolment(home) is None


def test_plain_http_client_has_no_tls_context() -> None:
    with make_client("http://127.0.0.1:9") as http, pytest.raises(httpx.ConnectError):
        http.get("/")


def test_enrolment_file_is_private(home: Path) -> None:
    path = Enrolment("https://h:1", 1, "tok", "ab" * 32).save(home)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
