"""The packaging scripts without building anything: shellcheck on every one, the unit verified
by systemd where its program exists, and the system-wide LiveViewer install placing the menu
entry, the autostart entry and every user's desktop shortcut (in a throwaway root)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.throwaway_root import ThrowawayRoot, require_root_and_overlay

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = [
    "packaging/appliance/install.sh",
    "packaging/appliance/build-bundle.sh",
    "packaging/deb/build-deb.sh",
    "packaging/deb/postinst",
    "packaging/deb/prerm",
    "packaging/deb/postrm",
    "packaging/liveviewer/install-linux.sh",
]


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install {name})"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def test_every_shell_script_passes_shellcheck() -> None:
    found = sorted(
        str(p.relative_to(REPO))
        for p in (REPO / "packaging").rglob("*")
        if p.is_file() and p.read_bytes().startswith(b"#!") and b"sh" in p.read_bytes()[:30]
    )
    assert found == sorted(SCRIPTS)  # a new script is checked too
    result = subprocess.run(
        [tool("shellcheck"), *SCRIPTS], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_the_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    require_root_and_overlay()
    tool("systemd-analyze")
    box = ThrowawayRoot(tmp_path / "box")
    # This tree's real `tiketnitsa` program where the unit expects the installed one.
    program = Path(shutil.which("tiketnitsa") or REPO / ".venv/bin/tiketnitsa").resolve()
    box.put(
        REPO / "packaging/appliance/tiketnitsa.service", "/etc/systemd/system/tiketnitsa.service"
    )
    result = box.run(
        f"mkdir -p /opt/tiketnitsa/venv/bin && ln -s {program} /opt/tiketnitsa/venv/bin/tiketnitsa"
        " && systemd-analyze verify /etc/systemd/system/tiketnitsa.service"
    )
    assert result.returncode == 0, result.stderr
    broken = box.run(
        "rm /opt/tiketnitsa/venv/bin/tiketnitsa &&"
        " systemd-analyze verify /etc/systemd/system/tiketnitsa.service"
    )
    assert broken.returncode != 0 and "/opt/tiketnitsa/venv/bin/tiketnitsa" in broken.stderr


def test_liveviewer_system_install_reaches_every_desktop(tmp_path: Path) -> None:
    require_root_and_overlay()
    box = ThrowawayRoot(tmp_path / "box")
    programs = tmp_path / "programs"
    programs.mkdir()
    for name in ("LiveViewer", "liveviewer-cli"):
        (programs / name).write_text("#!/bin/sh\necho stand-in\n")
    box.put(programs / "LiveViewer", "/root/dist/LiveViewer")
    box.put(programs / "liveviewer-cli", "/root/dist/liveviewer-cli")
    config = tmp_path / "liveviewer.toml"
    config.write_text('[appliance]\nurl = "https://hd.lan:8443"\nenrolment_code = "AB"\n')
    box.put(config, "/root/liveviewer.toml")
    script = REPO / "packaging/liveviewer/install-linux.sh"
    out = box.run(
        "useradd -m anna && useradd -m boris && "
        "mkdir -p /home/anna/.config && "
        "echo 'XDG_DESKTOP_DIR=\"$HOME/Рабочий стол\"' > /home/anna/.config/user-dirs.dirs && "
        f"{script} --system --from /root/dist --config /root/liveviewer.toml && "
        "stat -c '%U %a %n' '/home/anna/Рабочий стол/liveviewer.desktop'"
        " /home/boris/Desktop/liveviewer.desktop /etc/skel/Desktop/liveviewer.desktop"
        " /opt/liveviewer/liveviewer.toml && "
        "grep ^Exec= /usr/share/applications/liveviewer.desktop"
        " /etc/xdg/autostart/liveviewer-agent.desktop"
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "anna 755 /home/anna/Рабочий стол/liveviewer.desktop" in lines
    assert "boris 755 /home/boris/Desktop/liveviewer.desktop" in lines
    assert "root 755 /etc/skel/Desktop/liveviewer.desktop" in lines  # users created later
    assert "root 644 /opt/liveviewer/liveviewer.toml" in lines
    assert "/usr/share/applications/liveviewer.desktop:Exec=/opt/liveviewer/LiveViewer" in lines
    assert (
        "/etc/xdg/autostart/liveviewer-agent.desktop:Exec=/opt/liveviewer/LiveViewer agent" in lines
    )

    gone = box.run(f"{script} --system --uninstall && ls /opt/liveviewer")
    assert gone.returncode != 0 and "No such file" in gone.stderr
    assert not box.exists("/home/boris/Desktop/liveviewer.desktop")
    assert not box.exists("/etc/xdg/autostart/liveviewer-agent.desktop")
