"""L2: over HTTPS the session cookie is Secure and every answer carries HSTS; a loopback HTTP
appliance (``serve`` without ``--tls``) keeps a cookie it can use, and sends no HSTS."""

from __future__ import annotations

import pytest

from tests.api.conftest import Server

pytestmark = pytest.mark.slow


def session_cookie(set_cookie: list[str]) -> str:
    found = [value for value in set_cookie if value.startswith("session=")]
    assert len(found) == 1, set_cookie
    return found[0].lower()


def test_over_https_the_cookie_is_secure_and_hsts_is_sent(strict_api: Server) -> None:
    with strict_api.client() as client:
        page = client.get("/login")
        api = client.get("/api/v1/health")
    assert page.status_code == 200
    cookie = session_cookie(page.headers.get_list("set-cookie"))
    assert "; secure" in cookie
    assert "samesite=lax" in cookie and "httponly" in cookie
    for answer in (page, api):
        assert answer.headers["strict-transport-security"] == "max-age=31536000"


def test_plain_loopback_http_keeps_a_usable_cookie_and_no_hsts(api: Server) -> None:
    with api.client() as client:
        page = client.get("/login")
    assert "; secure" not in session_cookie(page.headers.get_list("set-cookie"))
    assert "strict-transport-security" not in page.headers
