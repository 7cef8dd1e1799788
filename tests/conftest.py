"""Shared fixtures: a fresh installation per test, the app under NiceGUI's ``user`` fixture, a
real server process and a real headless Chromium.

Password hashing
    ``cheap_password_hashing`` (autouse) swaps Argon2id's production profile for a cheap one;
    ``production_password_hashing`` brings the real one back for a test that is about it.

Installation and store
    ``data_dir``   a new data directory made by ``services.installation.init_data_dir`` (language
                   ``install_lang``, admin ``admin`` / ``ADMIN_PASSWORD``); ``$TIKETNITSA_DATA``
                   points at it for the test.
    ``install_lang`` "ru"; ``@pytest.mark.parametrize("install_lang", ["en"])`` changes it.
    ``ctx``        an opened ``AppContext`` on it (closed after the test). Use
                   ``ctx.store.write_sync`` / ``read_sync`` to seed and to check the store.
    ``admin``      the ``Account`` made by init.
    ``add_user``   ``add_user(role, login=None, *, password=USER_PASSWORD, full_name="",
                   lang=None, active=True, can_reveal_credentials=False) -> Account``.

UI without a browser (NiceGUI ``user`` fixture)
    ``user``       overrides the plugin's fixture: runs ``appliance/main.py``, which builds the
                   app for ``$TIKETNITSA_DATA``, so every test has its own store. ``ctx`` (if
                   used too) is a second handle on the same store, like a CLI in another
                   process: what it writes, the app reads at once. The app's own context is
                   ``nicegui.app.state.ctx``. Any ERROR log fails the test, as in the plugin.
    ``log_in``     ``await log_in(account)`` signs in through the real login page and waits for
                   the shell; ``await log_in(account, password="...", expect_error=True)`` tries a
                   sign-in that should fail and waits for the error message.

Real processes (end-to-end)
    ``live_server`` ``tiketnitsa serve`` on 127.0.0.1 and a free port, as a subprocess, ready once
                   ``/api/v1/health`` answers; ``.url(path)``, ``.base_url``. Its output is
                   printed when the test fails. Stopped after the test.
    ``chromium``   a Selenium WebDriver on /usr/bin/chromium (headless, 1366x768). Missing
                   Chromium fails the test under ``CI=true`` and skips it elsewhere.
    ``browser``    ``Browser`` bound to ``live_server`` and ``chromium``: ``open(path)``,
                   ``wait_text(text)``, ``login(login, password)``, ``click_text(text)``,
                   ``screenshot(path)``.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from nicegui.testing.user import User
from nicegui.testing.user_simulation import user_simulation

from appliance.auth import passwords
from appliance.auth.passwords import hash_password
from appliance.config import DATA_DIR_ENV, DataDir, Settings
from appliance.context import AppContext, open_context
from appliance.services.installation import init_data_dir
from appliance.store import users
from tests.server_log import assert_no_exceptions

REPO = Path(__file__).resolve().parent.parent
APP_MAIN = REPO / "appliance" / "main.py"

ADMIN_LOGIN = "admin"
ADMIN_PASSWORD = "admin-password-1"
USER_PASSWORD = "user-password-1"

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WINDOW_SIZE = (1366, 768)


@dataclass(frozen=True)
class Account:
    id: int
    login: str
    password: str
    role: str


# -- order: the longest first ---------------------------------------------------------------------

# The two longest single tests (about 2 min and 40 s); then the rest of the slow ones.
_LONGEST = ("tests/e2e/test_accessibility.py", "tests/packaging/test_liveviewer_binary.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The slow end-to-end tests first, the longest of them leading. Alone this changes only the
    order; under ``make test``'s workers (pytest-xdist, whole modules in this order:
    ``--no-loadscope-reorder``) it starts them at once instead of last, where one worker would be
    left finishing a two-minute test while the other idles."""

    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        if path in _LONGEST:
            return _LONGEST.index(path)
        return len(_LONGEST) + (0 if item.get_closest_marker("slow") else 1)

    items.sort(key=rank)  # stable: the order within each rank is kept


# -- outcome of a test, for fixtures that print diagnostics on failure ----------------------------


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    return any(
        getattr(getattr(request.node, f"rep_{when}", None), "failed", False)
        for when in ("setup", "call")
    )


# -- password hashing ------------------------------------------------------------------------

# Argon2id, but cheap: the production profile (64 MiB, t=3, p=4) costs 0.2-0.7 s per hash on a
# busy 2-core box, and a UI test hashes or verifies three times. Hashes carry their parameters,
# so everything still verifies, and a server process (``live_server``) runs the real profile and
# upgrades such a hash at the next login.
PRODUCTION_HASHER = passwords._hasher
PRODUCTION_DUMMY_HASH = passwords.DUMMY_HASH
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
CHEAP_DUMMY_HASH = CHEAP_HASHER.hash("no such user: dummy password for constant-time login")


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "_hasher", CHEAP_HASHER)
    monkeypatch.setattr(passwords, "DUMMY_HASH", CHEAP_DUMMY_HASH)


@pytest.fixture
def production_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo ``cheap_password_hashing`` for a test about the real hashing profile."""
    monkeypatch.setattr(passwords, "_hasher", PRODUCTION_HASHER)
    monkeypatch.setattr(passwords, "DUMMY_HASH", PRODUCTION_DUMMY_HASH)


# -- installation and store ------------------------------------------------------------------


@pytest.fixture
def install_lang() -> str:
    """The installation's default language (``tiketnitsa init --lang``). To change it for a test:
    ``@pytest.mark.parametrize("install_lang", ["en"])``."""
    return "ru"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, install_lang: str) -> DataDir:
    directory = DataDir(tmp_path / "data")
    init_data_dir(
        directory,
        settings=Settings(lang=install_lang),
        admin_login=ADMIN_LOGIN,
        admin_password=ADMIN_PASSWORD,
    )
    monkeypatch.setenv(DATA_DIR_ENV, str(directory.path))
    return directory


@pytest.fixture
def ctx(data_dir: DataDir) -> Iterator[AppContext]:
    opened = open_context(data_dir)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def admin(ctx: AppContext) -> Account:
    found = ctx.store.read_sync(lambda conn: users.find_user(conn, ADMIN_LOGIN))
    assert found is not None
    return Account(found.id, ADMIN_LOGIN, ADMIN_PASSWORD, "admin")


@pytest.fixture
def add_user(ctx: AppContext) -> Callable[..., Account]:
    def add(
        role: str,
        login: str | None = None,
        *,
        password: str = USER_PASSWORD,
        full_name: str = "",
        lang: str | None = None,
        active: bool = True,
        can_reveal_credentials: bool = False,
    ) -> Account:
        login = login or f"{role}1"
        password_hash = hash_password(password)

        def write(conn):  # type: ignore[no-untyped-def]
            user_id = users.create_user(
                conn,
                login=login,
                password_hash=password_hash,
                role=role,
                full_name=full_name,
                lang=lang,
            )
            users.set_active(conn, user_id, active)
            users.set_can_reveal_credentials(conn, user_id, can_reveal_credentials)
            return user_id

        return Account(ctx.store.write_sync(write), login, password, role)

    return add


# -- the app under NiceGUI's user fixture ------------------------------------------------------


@pytest.fixture
async def user(
    data_dir: DataDir, caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest
) -> AsyncIterator[User]:
    async with user_simulation(main_file=APP_MAIN) as simulated:
        yield simulated
        # Not only ERROR records: any record carrying a traceback (a handler's exception logged
        # at a lower level) fails the test, and so does one logged as the test ends.
        errors = [
            r
            for when in ("call", "teardown")
            for r in caplog.get_records(when)  # type: ignore[arg-type]
            if r.levelno >= logging.ERROR or r.exc_info
        ]
        if errors:
            shown = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in errors[:5])
            pytest.fail(f"There were unexpected ERROR logs or exceptions:\n{shown}", pytrace=False)


@pytest.fixture
def log_in(user: User) -> Callable[..., Awaitable[None]]:
    async def sign_in(
        account: Account, *, password: str | None = None, expect_error: bool = False
    ) -> None:
        await user.open("/login")
        user.find(marker="login-name").type(account.login)
        user.find(marker="login-password").type(account.password if password is None else password)
        user.find(marker="login-submit").click()
        # Argon2id takes a moment (in a thread), then the page navigates or shows the error.
        await user.should_see(marker="login-error" if expect_error else "shell-logout", retries=100)

    return sign_in


# -- a real server process -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    base_url: str
    data_dir: DataDir
    process: subprocess.Popen[bytes]
    log_file: Path

    def url(self, path: str) -> str:
        return self.base_url + path

    def output(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def live_server(
    data_dir: DataDir, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[LiveServer]:
    port = free_port()
    log_file = tmp_path / "server.log"
    command = [
        sys.executable,
        "-m",
        "appliance.cli",
        "--data-dir",
        str(data_dir.path),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    # NiceGUI takes PYTEST_CURRENT_TEST for "running under pytest" and would not serve.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "NICEGUI_"))}
    with log_file.open("wb") as log:
        # cwd: NiceGUI may write a .nicegui folder into the working directory.
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path, env=env
        )
    server = LiveServer(f"http://127.0.0.1:{port}", data_dir, process, log_file)
    try:
        _wait_until_healthy(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if _failed(request):
            print(f"--- tiketnitsa serve output ---\n{server.output()}")
    # An exception logged while the test used a page or the API fails it, even when the page
    # looked fine (a confirmation that never showed, a handler that died after its write).
    if not _failed(request):
        assert_no_exceptions(server.output(), "tiketnitsa serve")


def _wait_until_healthy(server: LiveServer, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"tiketnitsa serve exited early:\n{server.output()}")
        try:
            if httpx.get(server.url("/api/v1/health"), timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail(f"tiketnitsa serve not healthy after {timeout} s:\n{server.output()}")


# -- a real Chromium -------------------------------------------------------------------------


@contextmanager
def _launched_chromium(profile_prefix: str) -> Iterator[object]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        message = f"needs {CHROMIUM} and {CHROMEDRIVER}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix=profile_prefix)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--window-size={WINDOW_SIZE[0]},{WINDOW_SIZE[1]}",
        "--lang=ru",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        _size_viewport(driver, *WINDOW_SIZE)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def chromium() -> Iterator[object]:
    with _launched_chromium("tiketnitsa-chromium-") as driver:
        yield driver


@pytest.fixture
def second_chromium(chromium: object) -> Iterator[object]:
    """Another browser with its own profile (and so its own session cookie)."""
    with _launched_chromium("tiketnitsa-chromium-2-") as driver:
        yield driver


def _size_viewport(driver, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """Make the page area (what screenshots show) ``width`` x ``height``: the window is bigger
    by whatever the browser's own frame takes."""
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight];")
    driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])


class Browser:
    """A headless Chromium on the live server, with the few moves the tests need."""

    def __init__(self, driver, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
        self.driver = driver
        self.server = server

    def open(self, path: str) -> None:
        self.driver.get(self.server.url(path))

    def page_text(self) -> str:
        from selenium.webdriver.common.by import By

        return str(self.driver.find_element(By.TAG_NAME, "body").text)

    def wait_text(self, text: str, timeout: float = 15.0) -> None:
        """Wait until ``text`` is shown on the page (NiceGUI renders after the page loads)."""
        from selenium.common.exceptions import (
            NoSuchElementException,
            StaleElementReferenceException,
            TimeoutException,
        )
        from selenium.webdriver.support.ui import WebDriverWait

        # While a page is replaced by the next one, the old body goes stale: just look again.
        transient = (NoSuchElementException, StaleElementReferenceException)
        try:
            WebDriverWait(self.driver, timeout, ignored_exceptions=transient).until(
                lambda _: text in self.page_text()
            )
        except TimeoutException:
            shown = self.page_text()[:2000]
            message = f"{text!r} not shown within {timeout} s; the page shows:\n{shown}"
            raise AssertionError(message) from None

    def fill(self, label: str, value: str) -> None:
        """Type into the input whose label is ``label`` (replacing what is there)."""
        from selenium.webdriver.common.by import By

        field = self.driver.find_element(
            By.XPATH, f"//label[.//*[normalize-space(text())='{label}']]//input"
        )
        field.clear()
        field.send_keys(value)

    def click_text(self, text: str) -> None:
        """Click the button or link whose visible text is ``text``."""
        from selenium.webdriver.common.by import By

        self.driver.find_element(
            By.XPATH,
            f"//*[self::button or self::a or @role='button']"
            f"[.//*[normalize-space(text())='{text}'] or normalize-space(text())='{text}']",
        ).click()

    def login(self, login: str, password: str, *, labels: tuple[str, str, str]) -> None:
        """Sign in through the login page; ``labels`` = (login, password, button) texts."""
        self.open("/login")
        self.wait_text(labels[2])
        self.fill(labels[0], login)
        self.fill(labels[1], password)
        self.click_text(labels[2])

    def screenshot(self, path: str | Path) -> Path:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(target))
        return target


@pytest.fixture
def browser(chromium: object, live_server: LiveServer) -> Browser:
    return Browser(chromium, live_server)
