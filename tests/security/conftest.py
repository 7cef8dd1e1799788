"""The API's real server fixtures (tests/api/conftest.py), for the security suites."""

from tests.api.conftest import api, device, store_state, strict_api  # noqa: F401
