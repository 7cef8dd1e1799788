"""Enrolment codes and devices in the store: rows mapped by column name, states in the order
enrolment checks them, organisations found by name or short name."""

from __future__ import annotations

from datetime import timedelta

import pytest

from appliance.domain.clock import utc_now
from appliance.store import Store
from appliance.store.devices import (
    EnrollmentRefused,
    active_organisations,
    create_code,
    enroll,
    get_code,
    get_device,
    list_codes,
    list_devices,
    organisation,
    organisation_id,
    revoke_code,
    revoke_device,
    token_owner,
)
from tests.api.support import add_org


def test_codes_and_devices_read_back_with_their_names_and_times(store: Store) -> None:
    now = utc_now()

    def seed(conn):
        org = add_org(conn, "Acme Ltd", login="a", hostname="h")
        first = create_code(conn, org_id=org.id, max_uses=2, days=3, now=now)
        second = create_code(conn, org_id=org.id, max_uses=1, days=1, now=now)
        device = enroll(conn, code=first.code, hostname="ACC-01", os_user="anna", now=now)
        revoke_code(conn, second.id, now=now)
        return org, first, second, device

    org, first, second, device = store.write_sync(seed)
    codes = store.read_sync(list_codes)
    assert [c.id for c in codes] == [second.id, first.id]  # newest first
    code = store.read_sync(lambda conn: get_code(conn, first.id))
    assert code is not None
    assert (code.org_name, code.prefix, code.uses, code.max_uses) == (
        "Acme Ltd",
        first.code[:4],
        1,
        2,
    )
    assert code.expires_at - code.created_at == timedelta(days=3)
    assert (code.state(now), codes[0].state(now)) == ("active", "revoked")
    assert code.state(now + timedelta(days=4)) == "expired"

    (listed,) = store.read_sync(list_devices)
    assert (listed.id, listed.org_name, listed.hostname, listed.os_user) == (
        device.device_id,
        "Acme Ltd",
        "ACC-01",
        "anna",
    )
    assert (listed.last_seen_at, listed.revoked_at) == (None, None)
    assert store.write_sync(lambda conn: revoke_device(conn, device.device_id, now=now))
    assert not store.write_sync(lambda conn: revoke_device(conn, device.device_id, now=now))
    revoked = store.read_sync(lambda conn: get_device(conn, device.device_id))
    assert revoked is not None and revoked.revoked_at is not None
    owner = store.read_sync(lambda conn: token_owner(conn, device.token))
    assert owner is not None and owner.revoked and owner.org_id == org.id
    with pytest.raises(EnrollmentRefused) as refused:
        store.write_sync(
            lambda conn: enroll(conn, code=second.code, hostname="", os_user="", now=now)
        )
    assert (refused.value.reason, refused.value.key) == ("revoked", "api.code_revoked")


def test_organisations_by_name_short_name_and_id(store: Store) -> None:
    def seed(conn):
        org = add_org(conn, "Acme Ltd", login="a", hostname="h")
        conn.execute("UPDATE organizations SET short_name = 'ACME' WHERE id = ?", (org.id,))
        gone = add_org(conn, "Old Co", login="b", hostname="g")
        conn.execute("UPDATE organizations SET active = 0 WHERE id = ?", (gone.id,))
        return org

    org = store.write_sync(seed)
    assert store.read_sync(lambda conn: organisation_id(conn, "acme ltd")) == org.id
    assert store.read_sync(lambda conn: organisation_id(conn, "acme")) == org.id
    assert store.read_sync(lambda conn: organisation_id(conn, "nobody")) is None
    found = store.read_sync(lambda conn: organisation(conn, org.id))
    assert found is not None and found.name == "Acme Ltd"
    assert [o.name for o in store.read_sync(active_organisations)] == ["Acme Ltd"]
