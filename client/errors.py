"""LiveViewer's errors: each one a sentence for the employee, in their language.

    LiveViewerError              .message(lang) -> one line, no traceback
    ├── NotEnrolled              no enrolment file: run `liveviewer enroll`
    ├── EnrolmentDamaged         the enrolment file is unreadable
    ├── BadServerUrl             not https://host[:port] (http only on loopback)
    ├── WrongCode                the appliance refused the enrolment code
    ├── Unreachable              connecting or reading failed (offline, timeout, refused)
    ├── CertificateChanged       the TLS peer is not the pinned certificate: nothing was sent
    ├── CertificateMismatch      at enrolment, the certificate differs from the answer's fingerprint
    ├── CertificateNotDeployed   at enrolment, the certificate is not the one liveviewer.toml names
    ├── Unauthorized             the appliance does not know this device's token (revoked)
    ├── WireVersionMismatch      the appliance speaks another protocol version
    ├── RateLimited              429: the appliance asks to wait (Retry-After)
    └── ServerError              any other unexpected answer

Transport errors (httpx's) are turned into these at one boundary (``client.transport``).
"""

from __future__ import annotations

from client.i18n import t


class LiveViewerError(Exception):
    key = ""

    def __init__(self, **values: object) -> None:
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.values)


class NotEnrolled(LiveViewerError):
    key = "cli.not_enrolled"


class EnrolmentDamaged(LiveViewerError):
    key = "error.enrolment_file"


class BadServerUrl(LiveViewerError):
    key = "error.bad_url"


class WrongCode(LiveViewerError):
    key = "error.wrong_code"


class Unreachable(LiveViewerError):
    key = "error.unreachable"


class CertificateChanged(LiveViewerError):
    key = "error.cert_changed"


class CertificateMismatch(LiveViewerError):
    key = "error.cert_mismatch_enroll"


class CertificateNotDeployed(LiveViewerError):
    key = "error.cert_not_deployed"


class Unauthorized(LiveViewerError):
    key = "error.unauthorized"


class WireVersionMismatch(LiveViewerError):
    key = "error.wire_version"


class RateLimited(LiveViewerError):
    key = "error.rate_limited"


class ServerError(LiveViewerError):
    key = "error.server"
