"""A throwaway copy of this machine's root file system, without network, for installing the
appliance for real (install.sh, the .deb with dpkg and apt) and throwing it all away.

An overlay mount puts a private, initially empty upper layer over ``/`` inside a new mount
namespace (``unshare --mount``), so every write the installation makes (``/opt``, ``/var/lib``,
``/etc/passwd``, dpkg's database) lands in the upper layer; ``unshare --net`` gives it a network
namespace with only a loopback interface: nothing can be downloaded. Commands then run
``chroot``-ed into the merged tree. The same upper layer is reused by later calls, so an
install, an upgrade and a removal are separate steps on one "machine".

Needs root and overlayfs in a user's mount namespace (a CI container running as root has both).
systemd is not running in there: the scripts take their "no systemd" path.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

# Debian's PATH for root.
REPO = Path(__file__).resolve().parents[2]
ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def require_root_and_overlay() -> None:
    problem = None
    if os.geteuid() != 0:
        problem = "needs root (overlay mount, chroot)"
    elif shutil.which("unshare") is None:
        problem = "needs unshare (util-linux)"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)


@dataclass
class ThrowawayRoot:
    base: Path

    def __post_init__(self) -> None:
        for name in ("upper", "work", "merged"):
            (self.base / name).mkdir(parents=True, exist_ok=True)

    @property
    def upper(self) -> Path:
        """What the installation changed, as files: inspect here, after a run."""
        return self.base / "upper"

    def put(self, source: Path, inside: str) -> None:
        """Copy a file into the root (into the upper layer, before mounting)."""
        target = self.upper / inside.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)

    def run(
        self, script: str, *, env: dict[str, str] | None = None, timeout: float = 600
    ) -> subprocess.CompletedProcess[str]:
        """Run ``script`` with bash as root inside the throwaway root, offline."""
        merged = self.base / "merged"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        inner = (
            f"set -e\n"
            f"mount -t overlay overlay -o lowerdir=/,upperdir={self.upper},"
            f"workdir={self.base / 'work'} {merged}\n"
            f"mount -t proc proc {merged}/proc\n"
            f"mount --rbind /dev {merged}/dev\n"
            f"mount -t tmpfs tmpfs {merged}/run\n"
            f"mount -t tmpfs tmpfs {merged}/tmp\n"
            # This checkout, read-only at its own path: a clone may sit on another filesystem
            # (or under /tmp) that the overlay of / does not show.
            f"mkdir -p {merged}{REPO}\n"
            f"mount --bind {REPO} {merged}{REPO}\n"
            f"mount -o remount,bind,ro {merged}{REPO}\n"
            f"exec chroot {merged} /usr/bin/env -i PATH={ROOT_PATH} "
            f"HOME=/root LANG=C.UTF-8 {exports} /bin/bash -c {shlex.quote(script)}\n"
        )
        return subprocess.run(
            ["unshare", "--mount", "--net", "--propagation", "private", "sh", "-c", inner],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def make_clean_box(self) -> None:
        """Forget this build machine's own package sources inside the root (pip's
        configuration pointing at local wheel folders and indexes, caches), so that an
        install can only use what it was given: an office box has none of them."""
        result = self.run(
            "rm -rf /etc/pip.conf /etc/xdg/pip /root/.config/pip /root/.pip /root/.cache"
            " /opt/wheels /opt/pypi /opt/pypi-more"
        )
        assert result.returncode == 0, result.stderr

    def exists(self, path: str) -> bool:
        return (self.upper / path.lstrip("/")).exists()
