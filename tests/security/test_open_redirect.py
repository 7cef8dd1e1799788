"""M1: after sign-in the browser goes only to a path of this application, whatever ``next`` says.

``safe_next`` parses the target the way a browser does (tab, CR and LF dropped anywhere, controls
and spaces trimmed, backslashes read as slashes), so a disguised ``//host`` is refused."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from nicegui.testing import User

from appliance.ui.common.guard import safe_next

HOME = "/tickets"


@pytest.mark.parametrize(
    "hostile",
    [
        "/\t/example.org/x",  # the reported hole: the browser drops the tab
        "/\n/example.org/x",
        "/\r/example.org/x",
        "\t//example.org/x",
        " //example.org/x",
        "\x00//example.org/x",
        "\x1f/\\example.org",
        "//example.org/x",
        "///example.org/x",
        "\\\\example.org/x",
        "/\\example.org/x",
        "\\/example.org/x",
        "https://example.org/",
        "HTTPS://example.org/",
        "https:example.org",
        "http:/example.org",
        "ht\ttp://example.org/",
        "javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "example.org/x",
        "tickets",
        "?next=//example.org",
        "#//example.org",
        "/tickets\r\nSet-Cookie: x=y",
        "/x\x7f",
        "",
        None,
    ],
)
def test_anything_but_a_local_path_goes_home(hostile: str | None) -> None:
    assert safe_next(hostile) == HOME


@pytest.mark.parametrize(
    "local",
    ["/faq", "/faq?q=x", "/faq?q=x#top", "/tickets/12", "/tickets?q=%2F%2Fexample.org", "/a//b"],
)
def test_a_path_of_this_application_is_kept(local: str) -> None:
    assert safe_next(local) == local


async def test_the_login_page_never_redirects_off_site(user: User, log_in, admin) -> None:
    """The signed-in redirect of ``/login`` uses the same check (no browser)."""
    await log_in(admin)
    response = await user.http_client.get(
        "/login?next=%2F%09%2Fexample.org%2Fx", follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == HOME


@pytest.mark.browser
@pytest.mark.slow
def test_chromium_signs_in_with_a_hostile_next_and_stays_on_the_app(browser, admin) -> None:
    browser.open("/login?next=%2F%09%2Fexample.org%2Fx")
    browser.wait_text("Войти")
    browser.fill("Логин", admin.login)
    browser.fill("Пароль", admin.password)
    browser.click_text("Войти")
    browser.wait_text("Выйти")
    url = urlsplit(browser.driver.current_url)
    assert url.netloc == urlsplit(browser.server.base_url).netloc
    assert url.path == HOME
