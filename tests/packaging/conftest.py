"""The offline bundle and the .deb, built once per test session.

Building them downloads every dependency's wheel from PyPI, so these tests are marked
``network`` and are not part of ``make test``; ``make test-package`` (and CI after ``make
test``) runs them. Installing from what was built then happens with the network cut
(tests/packaging/throwaway_root.py).
"""

from __future__ import annotations

import subprocess
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Built:
    tarball: Path
    stage: Path
    deb: Path
    deb_next: Path  # the same code as a later package version, for the upgrade
    seconds: float


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("package")
    out, build = base / "dist", base / "build"
    started = time.monotonic()
    result = subprocess.run(
        [REPO / "packaging/appliance/build-bundle.sh", "--out", out, "--build", build],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    (tarball,) = out.glob("tiketnitsa-*.tar.gz")
    (stage,) = build.iterdir()
    deb = _deb(stage, out)
    # The next release: same wheels, a higher package version.
    info = stage / "BUNDLE_INFO"
    text = info.read_text()
    info.write_text(text.replace("version=0.1.0", "version=0.1.0+next"))
    try:
        deb_next = _deb(stage, base / "next")
    finally:
        info.write_text(text)
    return Built(tarball, stage, deb, deb_next, seconds)


def _deb(stage: Path, out: Path) -> Path:
    result = subprocess.run(
        [REPO / "packaging/deb/build-deb.sh", stage, "--out", out],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (deb,) = out.glob("*.deb")
    return deb


def members(tarball: Path) -> list[str]:
    with tarfile.open(tarball) as tar:
        return tar.getnames()
