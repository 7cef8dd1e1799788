"""A device's writes read the device again inside their transaction: a revocation committed
after the request's token was checked still stops the write, and nothing is stored."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from appliance.domain.errors import Forbidden
from appliance.services.ingest import submit_ticket
from appliance.store import Store
from appliance.store.devices import DeviceAuth, create_code, enroll, revoke_device, token_owner
from appliance.store.organizations import create_organization
from sync.hashing import content_hash
from sync.wire import TicketSubmission
from tests.api.support import submission

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def enrolled_device(store: Store) -> DeviceAuth:
    def write(conn) -> str:  # type: ignore[no-untyped-def]
        org_id = create_organization(conn, name="Рога и копыта")
        code = create_code(conn, org_id=org_id, max_uses=1, days=1, now=NOW)
        return enroll(conn, code=code.code, hostname="ACC-01", os_user="ivanova", now=NOW).token

    token = store.write_sync(write)
    device = store.read_sync(lambda conn: token_owner(conn, token))
    assert device is not None and not device.revoked
    return device


def tickets(store: Store) -> int:
    return store.read_sync(lambda conn: conn.execute("SELECT count(*) FROM tickets").fetchone()[0])


@pytest.mark.parametrize("revoked_first", [False, True])
def test_a_device_revoked_after_its_token_was_checked_cannot_submit(
    store: Store, revoked_first: bool
) -> None:
    device = enrolled_device(store)  # what the API's auth dependency resolved
    if revoked_first:
        store.write_sync(lambda conn: revoke_device(conn, device.device_id, now=NOW))
    wire = TicketSubmission.model_validate(submission())

    async def send() -> object:
        return await submit_ticket(
            store,
            device,
            submission=wire,
            content_hash=content_hash(wire),
            received_at=NOW,
        )

    if revoked_first:
        with pytest.raises(Forbidden) as refused:
            asyncio.run(send())
        assert refused.value.key == "api.device_revoked"
        assert tickets(store) == 0
    else:
        asyncio.run(send())
        assert tickets(store) == 1
