"""M3: a device's send time is bounded to a year around the appliance's clock (a clear 422,
nothing stored), no time breaks the content hash, and no stored time breaks a screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from nicegui.testing import User
from pydantic import ValidationError

from appliance.context import AppContext
from sync.hashing import content_hash
from sync.wire import TicketSubmission
from tests.api.conftest import Device, Server
from tests.api.support import submission
from tests.conftest import Account
from tests.ui.ticket_seed import seed_client

NOW = datetime.now(UTC)

OUT_OF_WINDOW = [
    "9999-12-31T23:59:59Z",  # the reported one: accepted, then the ticket screen answered 500
    "9999-12-31T23:59:59-01:00",  # not representable in UTC at all
    "0001-01-01T00:00:00+01:00",  # nor this
    "0001-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",
    (NOW + timedelta(days=400)).isoformat(),
    (NOW - timedelta(days=400)).isoformat(),
]


# Ids that do not change with the clock: pytest-xdist's workers must collect the same tests.
OUT_OF_WINDOW_IDS = [*OUT_OF_WINDOW[:5], "now+400d", "now-400d"]


@pytest.mark.parametrize("when", OUT_OF_WINDOW, ids=OUT_OF_WINDOW_IDS)
def test_a_time_far_from_the_appliance_clock_is_a_clear_422_and_nothing_is_stored(
    api: Server, device: Device, store_state: Callable[[], dict[str, object]], when: str
) -> None:
    before = store_state()
    with api.client(device.token) as client:
        answer = client.post("/api/v1/tickets", json=submission(submitted_at=when))
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == "invalid_request"
    assert "submitted_at" in answer.json()["message"]
    assert store_state() == before


@pytest.mark.parametrize("offset", [timedelta(days=-300), timedelta(hours=5), timedelta(0)])
def test_a_skewed_but_plausible_clock_is_accepted(
    api: Server, device: Device, offset: timedelta
) -> None:
    with api.client(device.token) as client:
        answer = client.post(
            "/api/v1/tickets",
            json=submission(submitted_at=(datetime.now(UTC) + offset).isoformat()),
        )
    assert answer.status_code == 201, answer.text


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"])
def test_the_content_hash_takes_any_valid_time(when: str) -> None:
    assert content_hash(TicketSubmission.model_validate(submission(submitted_at=when)))


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+14:00"])
def test_a_time_no_utc_clock_can_hold_is_refused_by_the_wire_model(when: str) -> None:
    with pytest.raises(ValidationError, match="submitted_at"):
        TicketSubmission.model_validate(submission(submitted_at=when))


@pytest.mark.parametrize(
    "stored", [datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), datetime(1, 1, 1, tzinfo=UTC)]
)
async def test_screens_show_any_stored_time(
    user: User, log_in, add_user, ctx: AppContext, stored: datetime
) -> None:
    """Times stored before the bound (or by other paths) must not take a screen down."""
    seed = seed_client(ctx.store, submitted_offset=stored - datetime.now(UTC))
    tech: Account = add_user("technician")
    await log_in(tech)
    await user.open(f"/tickets/{seed.number}")
    await user.should_see(marker="ticket-header")
    await user.should_see(f"{stored.year}")
    await user.open("/tickets")
    await user.should_see(marker="ticket-list")
