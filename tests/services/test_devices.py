"""Enrolment codes and devices (``services.devices``): the acting admin is read afresh inside the
write, every change is audited once in the same transaction, and a refusal leaves nothing."""

from __future__ import annotations

from typing import Any

import apsw
import pytest

from appliance.domain.errors import Forbidden, InvalidInput, NotFound
from appliance.services import devices
from appliance.services.actor import Actor
from appliance.services.devices import EnrollmentRefused
from appliance.store import Store
from appliance.store.users import create_user, set_active
from tests.api.support import add_org


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    def build(conn: apsw.Connection) -> dict[str, int]:
        made = {
            role: create_user(conn, login=role, password_hash="x", role=role)
            for role in ("admin", "technician")
        }
        made["org"] = add_org(conn, "Acme Ltd", login="a", hostname="h").id
        conn.execute("UPDATE organizations SET short_name = 'ACME' WHERE id = ?", (made["org"],))
        return made

    return store.write_sync(build)


def audit(store: Store) -> list[tuple[Any, ...]]:
    return store.read_sync(
        lambda conn: conn.execute(
            "SELECT user_id, action, object_type, object_id, detail, remote_addr FROM audit_log"
            " ORDER BY id"
        ).fetchall()
    )


def table(store: Store, name: str) -> list[tuple[Any, ...]]:
    return store.read_sync(lambda conn: conn.execute(f"SELECT * FROM {name}").fetchall())


async def test_an_admin_makes_a_code_and_it_is_audited_with_them(store, ids) -> None:
    admin = Actor.user(ids["admin"], remote_addr="10.0.0.5")
    made = await devices.create_code(store, admin, org_id=ids["org"], max_uses=3, days=2)
    assert (made.org_id, made.org_name, made.max_uses) == (ids["org"], "Acme Ltd", 3)
    (listed,) = await devices.list_codes(store, admin)
    assert (listed.id, listed.prefix, listed.uses) == (made.id, made.code[:4], 0)
    assert audit(store) == [
        (
            ids["admin"],
            "enrollment_code.create",
            "enrollment_code",
            made.id,
            f"org_id={ids['org']}; uses=3; days=2; via=ui",
            "10.0.0.5",
        )
    ]
    assert made.code not in repr(table(store, "enrollment_codes"))


async def test_the_command_line_names_the_organisation(store, ids) -> None:
    made = await devices.create_code(store, Actor.cli(), org_name="acme", max_uses=1, days=1)
    assert made.org_name == "Acme Ltd"
    with pytest.raises(InvalidInput) as unknown:
        await devices.create_code(store, Actor.cli(), org_name="Nobody", max_uses=1, days=1)
    assert (unknown.value.key, unknown.value.values) == ("cli_enroll.no_org", {"name": "Nobody"})
    assert [row[1] for row in audit(store)] == ["enrollment_code.create"]
    assert audit(store)[0][4].endswith("via=cli")


async def test_bad_numbers_and_a_vanished_organisation_are_refused(store, ids) -> None:
    admin = Actor.user(ids["admin"])
    with pytest.raises(InvalidInput):
        await devices.create_code(store, admin, org_id=ids["org"], max_uses=0, days=1)
    with pytest.raises(InvalidInput):
        await devices.create_code(store, admin, org_id=ids["org"], max_uses=1, days=366)
    with pytest.raises(NotFound):
        await devices.create_code(store, admin, org_id=ids["org"] + 100, max_uses=1, days=1)
    assert table(store, "enrollment_codes") == []
    assert audit(store) == []


@pytest.mark.parametrize("who", ["technician", "disabled admin"])
async def test_only_an_active_admin_may_touch_codes_and_devices(store, ids, who) -> None:
    made = await devices.create_code(store, Actor.cli(), org_id=ids["org"], max_uses=2, days=1)
    device = await devices.enroll_device(
        store, code=made.code, hostname="ACC-01", os_user="anna", remote_addr="10.0.0.9"
    )
    if who == "technician":
        actor = Actor.user(ids["technician"])
    else:
        store.write_sync(lambda conn: set_active(conn, ids["admin"], False))
        actor = Actor.user(ids["admin"])
    before = (audit(store), table(store, "enrollment_codes"), table(store, "devices"))

    for attempt in (
        devices.create_code(store, actor, org_id=ids["org"], max_uses=1, days=1),
        devices.revoke_code(store, actor, code_id=made.id),
        devices.revoke_device(store, actor, device_id=device.device_id),
        devices.enrolment_overview(store, actor),
        devices.code_organisations(store, actor),
    ):
        with pytest.raises(Forbidden):
            await attempt
    assert (audit(store), table(store, "enrollment_codes"), table(store, "devices")) == before


async def test_revoking_twice_writes_once_and_an_unknown_id_is_named(store, ids) -> None:
    admin = Actor.user(ids["admin"])
    made = await devices.create_code(store, admin, org_id=ids["org"], max_uses=1, days=1)
    device = await devices.enroll_device(
        store, code=made.code, hostname="h", os_user="u", remote_addr=""
    )
    assert await devices.revoke_code(store, admin, code_id=made.id) is True
    assert await devices.revoke_code(store, admin, code_id=made.id) is False
    assert await devices.revoke_device(store, admin, device_id=device.device_id) is True
    assert await devices.revoke_device(store, admin, device_id=device.device_id) is False
    with pytest.raises(InvalidInput) as no_code:
        await devices.revoke_code(store, admin, code_id=999)
    assert no_code.value.key == "cli_enroll.no_code"
    with pytest.raises(InvalidInput) as no_device:
        await devices.revoke_device(store, admin, device_id=999)
    assert no_device.value.key == "cli_device.no_device"
    assert [row[1] for row in audit(store)] == [
        "enrollment_code.create",
        "device.enroll",
        "enrollment_code.revoke",
        "device.revoke",
    ]
    assert devices.device_for_token_sync(store, device.token).revoked is True  # type: ignore[union-attr]


async def test_enrolment_gives_a_token_the_api_knows_and_a_refusal_writes_nothing(
    store, ids
) -> None:
    made = await devices.create_code(store, Actor.cli(), org_id=ids["org"], max_uses=1, days=1)
    device = await devices.enroll_device(
        store, code=made.code.lower(), hostname="ACC-01", os_user="anna", remote_addr="10.0.0.9"
    )
    owner = devices.device_for_token_sync(store, device.token)
    assert owner is not None
    assert (owner.device_id, owner.org_id, owner.revoked) == (device.device_id, ids["org"], False)
    assert devices.device_for_token_sync(store, "never-issued") is None
    assert audit(store)[-1] == (
        None,
        "device.enroll",
        "device",
        device.device_id,
        "org=Acme Ltd; host=ACC-01; user=anna",
        "10.0.0.9",
    )
    before = (audit(store), table(store, "devices"))
    with pytest.raises(EnrollmentRefused) as used_up:
        await devices.enroll_device(
            store, code=made.code, hostname="x", os_user="y", remote_addr=""
        )
    assert used_up.value.reason == "used_up"
    assert isinstance(used_up.value, Forbidden)
    assert (audit(store), table(store, "devices")) == before


async def test_a_new_device_reads_an_empty_feed_and_the_faq_once(store, ids) -> None:
    made = await devices.create_code(store, Actor.cli(), org_id=ids["org"], max_uses=1, days=1)
    device = await devices.enroll_device(
        store, code=made.code, hostname="h", os_user="u", remote_addr=""
    )
    first = await devices.read_feed(store, device.device_id, since=0, limit=50, faq_version_seen="")
    assert (first.events, first.next, first.more, first.faq) == ([], 0, False, [])
    again = await devices.read_feed(
        store, device.device_id, since=0, limit=50, faq_version_seen=first.faq_version
    )
    assert again.faq is None  # the device holds this version already
