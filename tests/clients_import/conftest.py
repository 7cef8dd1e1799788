"""Import tests run against a fresh encrypted store per test (the store tests' fixtures)."""

from tests.store.conftest import store, store_key

__all__ = ["store", "store_key"]
