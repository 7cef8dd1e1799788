"""The offline bundle and the .deb: what they hold, and installing them for real in a throwaway
root with no network: install, upgrade in place keeping the data, remove keeping the data, and
only an explicit purge deleting it."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest

from tests.packaging.conftest import Built, members
from tests.packaging.throwaway_root import ThrowawayRoot, require_root_and_overlay

pytestmark = pytest.mark.network

DATA = "/var/lib/tiketnitsa"
RUN_AS = "runuser -u tiketnitsa -- env TIKETNITSA_DATA=/var/lib/tiketnitsa"
APT = "DEBIAN_FRONTEND=noninteractive apt-get -y -q"


@pytest.fixture
def box(tmp_path: Path) -> ThrowawayRoot:
    require_root_and_overlay()
    root = ThrowawayRoot(tmp_path / "box")
    root.make_clean_box()
    return root


def ok(box: ThrowawayRoot, script: str) -> str:
    result = box.run(script)
    assert result.returncode == 0, f"{script}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def key_digest(box: ThrowawayRoot) -> str:
    return hashlib.sha256((box.upper / DATA.lstrip("/") / "store.key").read_bytes()).hexdigest()


def test_the_bundle_holds_every_wheel_the_script_the_unit_and_the_readme(built: Built) -> None:
    names = members(built.tarball)
    top = built.stage.name
    assert re.fullmatch(r"tiketnitsa-0\.1\.0-linux-x86_64-cp311", top)
    for name in ("install.sh", "tiketnitsa.service", "README.md", "BUNDLE_INFO"):
        assert f"{top}/{name}" in names
    wheels = [Path(n).name for n in names if n.endswith(".whl")]
    assert any(w.startswith("tiketnitsa-0.1.0-py3-none-any") for w in wheels)
    assert not [n for n in names if n.endswith((".tar.gz", ".zip"))]  # no sdist to compile
    for wheel in wheels:  # each for CPython 3.11 on x86_64, or pure Python
        python, abi, platform = wheel[:-4].split("-")[-3:]
        stable_abi = abi == "abi3" and python.startswith("cp3") and int(python[3:]) <= 11
        assert python in ("py3", "cp311", "py2.py3") or stable_abi, wheel
        assert platform == "any" or "x86_64" in platform, wheel
    size = built.tarball.stat().st_size / 1024**2
    print(
        f"\nbundle {built.tarball.name}: {size:.1f} MiB, {len(wheels)} wheels,"
        f" built in {built.seconds:.0f} s"
    )


def test_offline_install_from_the_bundle_upgrade_and_uninstall(
    built: Built, box: ThrowawayRoot
) -> None:
    box.put(built.tarball, "/root/bundle.tar.gz")
    started = time.monotonic()
    out = ok(
        box,
        "cat /proc/net/dev; cd /root && tar xzf bundle.tar.gz && cd tiketnitsa-*/ &&"
        " ./install.sh --lang en --port 8443",
    )
    install_seconds = time.monotonic() - started
    interfaces = re.findall(r"^\s*(\w+):", out, flags=re.MULTILINE)
    assert interfaces == ["lo"]  # no way out: everything came from the bundle
    assert "Admin login: admin  password:" in out
    assert box.exists("/opt/tiketnitsa/venv/bin/tiketnitsa")
    assert box.exists("/etc/systemd/system/tiketnitsa.service")
    listing = ok(box, f"stat -c '%a %U' {DATA} {DATA}/store.key; tiketnitsa --version")
    assert listing.splitlines() == ["700 tiketnitsa", "600 tiketnitsa", "tiketnitsa 0.1.0"]
    print(f"\noffline install from the bundle: {install_seconds:.0f} s")

    # The service's unit is valid where the program now exists.
    verify = box.run("systemd-analyze verify /etc/systemd/system/tiketnitsa.service")
    assert verify.returncode == 0, verify.stderr

    # It serves, offline, as the service user; doctor finds only the missing backup to fix.
    served = ok(
        box,
        "ip link set lo up; "
        f"{RUN_AS} /opt/tiketnitsa/venv/bin/tiketnitsa serve >/tmp/serve.log 2>&1 & "
        'for i in $(seq 150); do /opt/tiketnitsa/venv/bin/python -c "import httpx,sys;'
        " sys.exit(httpx.get('https://127.0.0.1:8443/api/v1/health', verify=False).status_code"
        ' != 200)" 2>/dev/null && break; sleep 0.2; done; '
        '/opt/tiketnitsa/venv/bin/python -c "import httpx;'
        " print(httpx.get('https://127.0.0.1:8443/api/v1/health', verify=False).status_code)\";"
        f" {RUN_AS} tiketnitsa doctor || echo doctor-exit=$?; kill %1",
    )
    assert served.splitlines()[0] == "200"
    assert "[ok] Store: opens" in served and "[!!] Backup" in served
    assert "doctor-exit=1" in served

    # Again: an upgrade in place; the data is untouched and not initialised twice.
    before = key_digest(box)
    again = ok(box, "cd /root/tiketnitsa-*/ && ./install.sh")
    assert "Admin login" not in again and key_digest(box) == before

    kept = ok(
        box, "/root/tiketnitsa-*/install.sh --uninstall; ls /var/lib/tiketnitsa; id -un tiketnitsa"
    )
    assert "The data is kept in /var/lib/tiketnitsa" in kept and "store.key" in kept
    assert not box.exists("/opt/tiketnitsa/venv") and not box.exists("/usr/local/bin/tiketnitsa")
    gone = box.run("/root/tiketnitsa-*/install.sh --uninstall --purge-data; ls /var/lib/tiketnitsa")
    assert gone.returncode != 0 and "No such file" in gone.stderr
    assert box.run("id tiketnitsa").returncode != 0


def test_the_deb_installs_upgrades_removes_and_purges_only_when_told(
    built: Built, box: ThrowawayRoot
) -> None:
    box.put(built.deb, f"/root/{built.deb.name}")
    box.put(built.deb_next, f"/root/next/{built.deb_next.name}")
    started = time.monotonic()
    out = ok(box, f"{APT} install /root/{built.deb.name}")
    print(f"\napt install of {built.deb.name}: {time.monotonic() - started:.0f} s")
    assert "Setting up tiketnitsa (0.1.0)" in out
    assert ok(box, "tiketnitsa --version").strip() == "tiketnitsa 0.1.0"
    verify = box.run("systemd-analyze verify /lib/systemd/system/tiketnitsa.service")
    assert verify.returncode == 0, verify.stderr
    before = key_digest(box)

    upgraded = ok(box, f"{APT} install /root/next/{built.deb_next.name}; dpkg-query -W tiketnitsa")
    assert "tiketnitsa\t0.1.0+next" in upgraded
    assert key_digest(box) == before  # the same store, key and certificate
    # The package sets the appliance up in Russian, the default language.
    doctor = ok(box, f"{RUN_AS} tiketnitsa doctor --data-dir {DATA} || true")
    assert "[ok] База данных: открывается" in doctor

    removed = ok(box, f"{APT} remove tiketnitsa; dpkg-query -W -f='${{Status}}' tiketnitsa")
    assert "deinstall ok config-files" in removed
    assert not box.exists("/opt/tiketnitsa/venv") and key_digest(box) == before

    # Purged without an answer (non-interactive: the question's default, "no"): data stays.
    kept = ok(box, f"{APT} purge tiketnitsa 2>&1; ls {DATA}")
    assert "the data is kept in /var/lib/tiketnitsa" in kept and "store.key" in kept
    # Installed again, it carries on with that data.
    ok(box, f"{APT} install /root/next/{built.deb_next.name}")
    assert key_digest(box) == before

    # The administrator answers "yes" (preseeded here, as an unattended purge would be).
    purged = box.run(
        "echo 'tiketnitsa tiketnitsa/purge_data boolean true' | debconf-set-selections && "
        f"{APT} purge tiketnitsa 2>&1"
    )
    assert purged.returncode == 0, purged.stdout + purged.stderr
    assert "the data in /var/lib/tiketnitsa is deleted" in purged.stdout
    assert box.run(f"ls {DATA}").returncode != 0 and box.run("id tiketnitsa").returncode != 0
