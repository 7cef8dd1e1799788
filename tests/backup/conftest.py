"""One demo installation per module (making one takes seconds) and a backup of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.backup.format import WrappingKey
from appliance.backup.snapshot import create_backup_file
from appliance.config import DataDir
from appliance.context import open_context
from tests.backup.support import PASSPHRASE, SMALL_CHUNK, make_demo


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    return make_demo(tmp_path_factory.mktemp("demo") / "data")


@pytest.fixture(scope="module")
def wrapping() -> WrappingKey:
    return WrappingKey.from_passphrase(PASSPHRASE)


@pytest.fixture(scope="module")
def backup_file(
    demo_dir: DataDir, wrapping: WrappingKey, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("backups") / "demo.tkbak"
    ctx = open_context(demo_dir)
    try:
        create_backup_file(ctx.store, demo_dir, out, wrapping, chunk_size=SMALL_CHUNK)
    finally:
        ctx.close()
    return out


@pytest.fixture
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TIKETNITSA_BACKUP_PASSPHRASE", PASSPHRASE)
    yield
