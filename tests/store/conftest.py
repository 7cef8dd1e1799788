"""A fresh encrypted store per test, in a temp directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.store import Store
from appliance.store.keys import StoreKey, create_key_file


@pytest.fixture
def store_key(tmp_path: Path) -> StoreKey:
    return create_key_file(tmp_path, cipher="aegis")


@pytest.fixture
def store(tmp_path: Path, store_key: StoreKey) -> Iterator[Store]:
    with Store.open(tmp_path, store_key) as opened:
        yield opened
