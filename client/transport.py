"""HTTP to the appliance: certificate pinning, timeouts, and the one place transport errors
become LiveViewer's own.

Pinning. The appliance's certificate is self-signed; enrolment hands the client its SHA-256
fingerprint (of the DER bytes). ``PinnedSSLContext`` skips CA and host-name checks and instead
compares the peer certificate's fingerprint with the pinned one inside the TLS handshake, on
every new connection, before a single byte of the request (bearer token included) is written.
It does so by giving the context its own ``sslsocket_class``, whose ``do_handshake`` checks the
peer right after the handshake; ``ssl.SSLContext.wrap_socket`` (what httpx's sync transport
calls) constructs sockets through that class. A mismatch raises ``CertificateChanged``, which
is not an ``OSError``, so the transport does not mistake it for a network failure.

At enrolment there is nothing pinned yet: the context records what it saw
(``seen_fingerprint``), and the enrolment code compares it with the answer's fingerprint.
"""

from __future__ import annotations

import hashlib
import ssl
from typing import Any

import httpx

from client import __version__
from client.errors import CertificateChanged, Unreachable

# Every call has a timeout. Reads allow for a slow disk on the appliance; the window uses a
# shorter budget of its own (``quick_timeout``).
DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
USER_AGENT = f"LiveViewer/{__version__}"


def fingerprint_of_der(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def short_fingerprint(fingerprint: str) -> str:
    """The first and last 8 hex digits, enough to compare by eye in an error message."""
    return f"{fingerprint[:8]}…{fingerprint[-8:]}" if len(fingerprint) > 16 else fingerprint


class _PinnedSSLSocket(ssl.SSLSocket):
    def do_handshake(self, block: bool = False) -> None:
        super().do_handshake(block)
        context = self.context
        assert isinstance(context, PinnedSSLContext)
        der = self.getpeercert(binary_form=True)
        actual = fingerprint_of_der(der) if der else ""
        context.seen_fingerprint = actual
        expected = context.expected_fingerprint
        if expected is not None and actual != expected:
            self.close()
            raise CertificateChanged(
                expected=short_fingerprint(expected), actual=short_fingerprint(actual or "none")
            )


class PinnedSSLContext(ssl.SSLContext):
    """TLS client context that trusts exactly one certificate, named by its fingerprint.

    ``expected_fingerprint=None`` trusts any certificate and only records it (enrolment).
    """

    sslsocket_class = _PinnedSSLSocket
    expected_fingerprint: str | None
    seen_fingerprint: str | None

    def __new__(cls, expected_fingerprint: str | None = None) -> PinnedSSLContext:
        return super().__new__(cls, ssl.PROTOCOL_TLS_CLIENT)

    def __init__(self, expected_fingerprint: str | None = None) -> None:
        # The pin replaces the CA chain and the host name: the appliance is known by its key.
        self.check_hostname = False
        self.verify_mode = ssl.CERT_NONE
        self.minimum_version = ssl.TLSVersion.TLSv1_2
        self.expected_fingerprint = expected_fingerprint.lower() if expected_fingerprint else None
        self.seen_fingerprint = None


def make_client(
    base_url: str,
    *,
    fingerprint: str | None = None,
    token: str | None = None,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """An ``httpx.Client`` for the appliance at ``base_url``.

    For https the connection is pinned to ``fingerprint`` (or, when None, the certificate seen
    is recorded on ``client._pinned_context``). ``transport`` replaces the network in tests.
    """
    headers = {"User-Agent": USER_AGENT}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    options: dict[str, Any] = {
        "base_url": base_url,
        "headers": headers,
        "timeout": timeout,
        "follow_redirects": False,
        "trust_env": False,  # a proxy from the environment would see the pin fail; be explicit
    }
    context: PinnedSSLContext | None = None
    if transport is not None:
        options["transport"] = transport
    elif base_url.startswith("https://"):
        context = PinnedSSLContext(fingerprint)
        options["verify"] = context
    client = httpx.Client(**options)
    client._pinned_context = context  # type: ignore[attr-defined]
    return client


def seen_fingerprint(client: httpx.Client) -> str | None:
    context = getattr(client, "_pinned_context", None)
    return context.seen_fingerprint if isinstance(context, PinnedSSLContext) else None


def describe_transport_error(exc: httpx.TransportError) -> str:
    """A short reason for people: the exception's own text, or its kind when it has none."""
    text = str(exc).strip()
    if isinstance(exc, httpx.TimeoutException):
        return f"timeout ({text})" if text else "timeout"
    return text or type(exc).__name__


def unreachable(url: str, exc: httpx.TransportError) -> Unreachable:
    return Unreachable(url=url, reason=describe_transport_error(exc))
