"""Report tests run over the small world of ``tests/reports/world.py`` in a fresh encrypted
store (the store tests' fixtures)."""

from __future__ import annotations

import pytest

from appliance.store import Store
from tests.reports.world import ReportWorld, build
from tests.store.conftest import store, store_key

__all__ = ["store", "store_key"]


@pytest.fixture
def world(store: Store) -> ReportWorld:
    return build(store)
