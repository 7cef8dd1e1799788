"""LiveViewer as an office gets it: the one-file programs built by PyInstaller from
``packaging/liveviewer/liveviewer.spec``, installed for one user by ``install-linux.sh`` with a
``liveviewer.toml`` beside them, enrolling silently against a real appliance over HTTPS and
submitting a request with a real screenshot; the window opens on a real X server.

Building takes about a minute: marked slow (run by ``make test`` and CI, where PyInstaller is
installed with the ``build`` extra)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from appliance.tls import fingerprint_of_pem
from client.i18n import t
from tests.client.xvfb import require, shared_display
from tests.e2e.appliance_process import ApplianceProcess

pytestmark = [pytest.mark.slow, pytest.mark.xvfb]

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "liveviewer" / "liveviewer.spec"
INSTALL = REPO / "packaging" / "liveviewer" / "install-linux.sh"
MAX_BYTES = 40 * 1024**2  # the budget for one program


@dataclass(frozen=True)
class Programs:
    folder: Path
    seconds: float


@pytest.fixture(scope="module")
def programs(tmp_path_factory: pytest.TempPathFactory) -> Programs:
    base = tmp_path_factory.mktemp("pyinstaller")
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    started = time.monotonic()
    result = subprocess.run(
        [pyinstaller, "--clean", "--noconfirm", "--log-level", "WARN", "--distpath",
         base / "dist", "--workpath", base / "work", SPEC],
        capture_output=True, text=True, cwd=base, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-5000:]
    return Programs(base / "dist", time.monotonic() - started)


@pytest.fixture
def appliance(tmp_path: Path) -> Iterator[ApplianceProcess]:
    process = ApplianceProcess(tmp_path / "appliance")
    process.start(tls=True)
    try:
        yield process
    finally:
        process.stop()


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """A fresh desktop user: their own HOME, no LiveViewer variables from the test run."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LIVEVIEWER_", "XDG_", "PYTEST_")) and k != "DISPLAY"
    }
    return {**env, "HOME": str(home), "LIVEVIEWER_LANG": "en", **extra}


def test_one_file_programs_fit_the_budget_and_run(programs: Programs) -> None:
    for name in ("LiveViewer", "liveviewer-cli"):
        size = (programs.folder / name).stat().st_size
        print(f"\n{name}: {size / 1024**2:.1f} MiB (built in {programs.seconds:.0f} s)")
        assert size <= MAX_BYTES
    version = subprocess.run(
        [programs.folder / "liveviewer-cli", "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0 and version.stdout.strip() == "liveviewer 0.1.0"
    # Nothing of the appliance inside: a missing module says so, it does not import.
    assert b"nicegui" not in (programs.folder / "liveviewer-cli").read_bytes()


def test_installed_for_a_user_it_enrols_from_the_file_beside_it_and_submits(
    programs: Programs, appliance: ApplianceProcess, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    config = tmp_path / "liveviewer.toml"
    fingerprint = fingerprint_of_pem(appliance.data_dir.cert_file.read_bytes())
    config.write_text(
        f'[appliance]\nurl = "{appliance.base_url}"\n'
        f'enrolment_code = "{appliance.enrolment_code(uses=5)}"\nfingerprint = "{fingerprint}"\n'
    )
    env = user_env(home)
    installed = subprocess.run(
        [INSTALL, "--user", "--from", programs.folder, "--config", config],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    prefix = home / ".local/opt/liveviewer"
    assert (prefix / "liveviewer.toml").read_text() == config.read_text()
    menu = (home / ".local/share/applications/liveviewer.desktop").read_text()
    autostart = (home / ".config/autostart/liveviewer-agent.desktop").read_text()
    shortcut = home / "Desktop/liveviewer.desktop"
    assert f"Exec={prefix}/LiveViewer\n" in menu and shortcut.read_text() == menu
    assert f"Exec={prefix}/LiveViewer agent\n" in autostart
    assert shortcut.stat().st_mode & stat.S_IXUSR

    # First start, headless: enrolled silently, the request and its screenshot delivered.
    display = shared_display(1280, 720)
    sent = subprocess.run(
        [prefix / "liveviewer-cli", "submit", "--text", "The scanner is offline"],
        capture_output=True, text=True, env={**env, "DISPLAY": display}, timeout=120,
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert (home / ".local/share/LiveViewer/enrolment.json").exists()
    (ticket,) = appliance.tickets()
    assert ticket.number == int(sent.stdout) and ticket.description == "The scanner is offline"
    assert len(ticket.attachment_digests) == 1  # the screenshot, encoded by the frozen Pillow

    removed = subprocess.run(
        [INSTALL, "--user", "--uninstall"], capture_output=True, text=True, env=env, check=False
    )
    assert removed.returncode == 0, removed.stderr
    assert not prefix.exists() and not shortcut.exists()


def test_the_window_opens_on_a_real_screen(programs: Programs, tmp_path: Path) -> None:
    xdotool = require("xdotool")
    display = shared_display(1280, 720)
    env = user_env(tmp_path, DISPLAY=display)
    window = subprocess.Popen(
        [programs.folder / "LiveViewer"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        # xdotool's --name regex does not match the title's em dash: search for what follows it.
        title = t("window.title", "en").split("—")[-1].strip()
        found = subprocess.run(
            [xdotool, "search", "--sync", "--onlyvisible", "--name", f"{title}$"],
            capture_output=True, text=True, env=env, timeout=60,
        )  # fmt: skip
        assert found.returncode == 0 and found.stdout.strip()
        assert window.poll() is None
        if os.environ.get("LIVEVIEWER_SCREENSHOT"):  # for a person to look at
            shot = Path(os.environ["LIVEVIEWER_SCREENSHOT"])
            grab = f"import mss; mss.MSS().shot(mon=-1, output={str(shot)!r})"
            subprocess.run([sys.executable, "-c", grab], env=env, check=True)
    finally:
        window.terminate()
        try:
            window.wait(timeout=10)
        except subprocess.TimeoutExpired:
            window.kill()
            window.wait()
