"""``liveviewer enroll URL CODE``: join this machine to an appliance and pin its certificate."""

from __future__ import annotations

import getpass
import socket
from pathlib import Path

import httpx
from pydantic import ValidationError

from client import __version__
from client.config import Enrolment, normalise_server_url
from client.errors import (
    BadServerUrl,
    CertificateMismatch,
    CertificateNotDeployed,
    ServerError,
    WireVersionMismatch,
    WrongCode,
)
from client.transport import make_client, seen_fingerprint, unreachable
from sync.wire import ENROLL_PATH, WIRE_VERSION, EnrollRequest, EnrollResponse, ErrorBody

ENROLL_TIMEOUT = httpx.Timeout(15.0, connect=5.0)


def _os_user() -> str:
    try:
        return getpass.getuser()[:255]
    except (OSError, KeyError):
        return ""


def enroll(
    url: str,
    code: str,
    home: Path,
    *,
    transport: httpx.BaseTransport | None = None,
    expected_fingerprint: str | None = None,
) -> Enrolment:
    """Enrol with the appliance at ``url`` using ``code``; save and return the enrolment.

    Over https the fingerprint the appliance states in its answer must be the one of the
    certificate this very connection presented, or nothing is saved; with
    ``expected_fingerprint`` (from the deployment file) it must also be that one.
    """
    server_url = normalise_server_url(url)
    if server_url is None:
        raise BadServerUrl(url=url)
    try:
        request = EnrollRequest(
            code=code.strip(),
            hostname=socket.gethostname()[:255],
            os_user=_os_user(),
            client_version=__version__,
        )
    except ValidationError:
        raise WrongCode(message="empty or too long") from None
    with make_client(server_url, timeout=ENROLL_TIMEOUT, transport=transport) as http:
        try:
            response = http.post(ENROLL_PATH, json=request.model_dump(mode="json"))
        except httpx.TransportError as exc:
            raise unreachable(server_url, exc) from None
        seen = seen_fingerprint(http)
    if response.status_code not in (200, 201):
        try:
            body: ErrorBody | None = ErrorBody.model_validate_json(response.content)
        except ValidationError:
            body = None
        message = body.message if body else response.reason_phrase
        if body is not None and body.error.startswith("code_"):
            raise WrongCode(message=message)
        if response.status_code in (400, 401, 403, 404, 422) and body is not None:
            raise WrongCode(message=message)
        raise ServerError(status=response.status_code, message=message)
    try:
        answer = EnrollResponse.model_validate_json(response.content)
    except ValidationError:
        raise ServerError(status=response.status_code, message="unreadable answer") from None
    if answer.wire_version != WIRE_VERSION:
        raise WireVersionMismatch(server=answer.wire_version, client=WIRE_VERSION)
    fingerprint = answer.server_fingerprint.lower()
    if server_url.startswith("https://") and transport is None and seen != fingerprint:
        raise CertificateMismatch()
    if expected_fingerprint is not None and server_url.startswith("https://"):
        presented = fingerprint if transport is not None else seen
        if presented != expected_fingerprint:
            raise CertificateNotDeployed()
    enrolment = Enrolment(
        server_url=server_url,
        device_id=answer.device_id,
        token=answer.token,
        server_fingerprint=fingerprint,
        org_name=answer.org_name,
    )
    enrolment.save(home)
    return enrolment
