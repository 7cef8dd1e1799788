"""Live list benchmark (``make bench``): time from a ticket's commit to its row in an open headless
Chromium window on a real ``tiketnitsa serve``, 20 times; beside it the baseline of a page reload
(navigation start to the list's rows shown), as a ratio. Target: appearance p95 <= 1 s.

The ticket is written by this process's own store connection, as a command in another process
would; the browser records the moment the text first appears (``Date.now()``, the same machine
clock as ``time.time()`` here), so Selenium's polling is not in the figure.
"""

from __future__ import annotations

import time
import uuid

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from appliance.context import AppContext
from tests.conftest import Browser
from tests.ui.ticket_list_seed import add_ticket, seed

ROUNDS = 20
RELOADS = 10
TARGET_P95_MS = 1000.0
KNOWN_ROW = "Принтер в бухгалтерии не печатает"

_WATCH = """
window.__seen = window.__seen || {};
const marker = arguments[0];
const check = () => {
  if (!(marker in window.__seen) && document.body.innerText.includes(marker)) {
    window.__seen[marker] = Date.now();
  }
};
new MutationObserver(check).observe(document.body,
  {subtree: true, childList: true, characterData: true});
check();
"""

# After a reload: when did the known row first show, counted from the navigation's start.
_SHOWN_AFTER_NAVIGATION = """
const done = arguments[arguments.length - 1];
const start = performance.timeOrigin;
const look = () => {
  if (document.body && document.body.innerText.includes(arguments[0])) {
    done(Date.now() - start);
  } else {
    requestAnimationFrame(look);
  }
};
look();
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def seen_at(browser: Browser, marker: str, timeout: float = 5.0) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = browser.driver.execute_script("return (window.__seen || {})[arguments[0]];", marker)
        if seen is not None:
            return float(seen)
        time.sleep(0.02)
    pytest.fail(f"{marker!r} did not appear within {timeout} s")


def test_new_ticket_appears_in_an_open_window(browser: Browser, ctx: AppContext) -> None:
    seeded = seed(ctx.store)
    browser.login("anna", seeded.anna.password, labels=("Логин", "Пароль", "Войти"))
    WebDriverWait(browser.driver, 20).until(lambda d: "/login" not in d.current_url)
    browser.open("/tickets")
    browser.wait_text(KNOWN_ROW, timeout=20)

    appearance: list[float] = []
    for round_no in range(ROUNDS):
        marker = f"Замер {round_no} {uuid.uuid4().hex[:8]}"
        browser.driver.execute_script(_WATCH, marker)
        add_ticket(ctx.store, marker, org_id=seeded.org_alpha)
        committed = time.time() * 1000
        appearance.append(seen_at(browser, marker) - committed)
        time.sleep(0.3)  # rounds apart, so each one waits a full poll cycle at a random phase

    browser.driver.set_script_timeout(20)
    reloads: list[float] = []
    for _ in range(RELOADS):
        browser.driver.refresh()
        reloads.append(
            float(browser.driver.execute_async_script(_SHOWN_AFTER_NAVIGATION, KNOWN_ROW))
        )

    p50, p95 = percentile(appearance, 0.5), percentile(appearance, 0.95)
    base50, base95 = percentile(reloads, 0.5), percentile(reloads, 0.95)
    print(
        f"\ncommit -> row shown ({ROUNDS} rounds): p50 {p50:.0f} ms, p95 {p95:.0f} ms,"
        f" max {max(appearance):.0f} ms"
        f"\nbaseline, page reload -> rows shown ({RELOADS}): p50 {base50:.0f} ms,"
        f" p95 {base95:.0f} ms"
        f"\nratio live / reload: p50 {p50 / base50:.2f}, p95 {p95 / base95:.2f};"
        f" target p95 <= {TARGET_P95_MS:.0f} ms: {'met' if p95 <= TARGET_P95_MS else 'MISSED'}"
    )
    assert p95 <= TARGET_P95_MS
