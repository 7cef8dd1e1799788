"""Revealing and copying secrets (``services.secrets``): the acting user's right is read afresh
inside the audited write, every use is audited once, and the audit row never holds the secret."""

from __future__ import annotations

import asyncio
from typing import Any

import apsw
import pytest

from appliance.domain.errors import Forbidden, InvalidInput, NotFound
from appliance.services.actor import Actor
from appliance.services.secrets import reveal_secret
from appliance.store import Store
from appliance.store.credentials import create_credential, may_reveal
from appliance.store.licenses import create_license
from appliance.store.organizations import create_organization
from appliance.store.users import create_user, set_active, set_can_reveal_credentials

SECRET = "S3cr3t-pa55"
LICENSE_KEY = "ABCD-EFGH-1234"


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    def build(conn: apsw.Connection) -> dict[str, int]:
        made: dict[str, int] = {}
        for role in ("admin", "technician", "manager"):
            made[role] = create_user(conn, login=role, password_hash="x", role=role)
        org = create_organization(conn, name="Org")
        made["credential"] = create_credential(
            conn, org_id=org, title="Router admin", login="admin", secret=SECRET
        )
        made["license"] = create_license(
            conn, org_id=org, product="Office", license_key=LICENSE_KEY
        )
        return made

    return store.write_sync(build)


def reveal(
    store: Store,
    kind: str,
    *,
    object_id: int,
    user_id: int,
    purpose: str,
    ticket_id: int | None = None,
    remote_addr: str = "",
) -> str:
    return asyncio.run(
        reveal_secret(
            store,
            Actor.user(user_id, remote_addr=remote_addr),
            kind=kind,  # type: ignore[arg-type]
            object_id=object_id,
            purpose=purpose,  # type: ignore[arg-type]
            ticket_id=ticket_id,
        )
    )


def audit_rows(store: Store) -> list[tuple[Any, ...]]:
    return store.read_sync(
        lambda c: c.execute(
            "SELECT user_id, action, object_type, object_id, detail, remote_addr, at"
            " FROM audit_log ORDER BY id"
        ).fetchall()
    )


@pytest.mark.parametrize("role", ["admin", "technician"])
@pytest.mark.parametrize("purpose", ["reveal", "copy"])
def test_reveal_returns_the_secret_and_writes_exactly_one_audit_row(
    store: Store, ids: dict[str, int], role: str, purpose: str
) -> None:
    secret = reveal(
        store,
        "credential",
        object_id=ids["credential"],
        user_id=ids[role],
        purpose=purpose,
        remote_addr="127.0.0.1",
    )
    assert secret == SECRET
    rows = audit_rows(store)
    assert len(rows) == 1
    user_id, action, object_type, object_id, detail, remote_addr, at = rows[0]
    assert (user_id, action, object_type, object_id, remote_addr) == (
        ids[role],
        f"credential.{purpose}",
        "credential",
        ids["credential"],
        "127.0.0.1",
    )
    assert "Router admin" in detail
    assert at.endswith("Z")
    assert all(SECRET not in str(value) for value in rows[0])


def test_license_key_reveal_is_audited_without_the_key(store: Store, ids: dict[str, int]) -> None:
    key = reveal(
        store,
        "license",
        object_id=ids["license"],
        user_id=ids["technician"],
        purpose="copy",
        ticket_id=7,
    )
    assert key == LICENSE_KEY
    rows = audit_rows(store)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (ids["technician"], "license.copy", "license", ids["license"])
    ]
    assert "ticket id 7" in rows[0][4]
    assert LICENSE_KEY not in rows[0][4]


def test_manager_is_refused_and_nothing_is_audited(store: Store, ids: dict[str, int]) -> None:
    for kind in ("credential", "license"):
        with pytest.raises(Forbidden) as refused:
            reveal(store, kind, object_id=ids[kind], user_id=ids["manager"], purpose="reveal")
        assert refused.value.key == "ticket_screen.reveal_refused"
    assert audit_rows(store) == []


def test_manager_with_the_grant_may_reveal(store: Store, ids: dict[str, int]) -> None:
    store.write_sync(lambda c: set_can_reveal_credentials(c, ids["manager"], True))
    assert store.read_sync(lambda c: may_reveal(c, ids["manager"]))
    secret = reveal(
        store, "credential", object_id=ids["credential"], user_id=ids["manager"], purpose="reveal"
    )
    assert secret == SECRET
    assert [r[1] for r in audit_rows(store)] == ["credential.reveal"]


def test_deactivated_technician_is_refused(store: Store, ids: dict[str, int]) -> None:
    store.write_sync(lambda c: set_active(c, ids["technician"], False))
    with pytest.raises(Forbidden) as refused:
        reveal(
            store,
            "credential",
            object_id=ids["credential"],
            user_id=ids["technician"],
            purpose="copy",
        )
    assert refused.value.key == "permission.account_inactive"
    assert audit_rows(store) == []


def test_unknown_user_or_credential(store: Store, ids: dict[str, int]) -> None:
    assert not store.read_sync(lambda c: may_reveal(c, 9999))
    with pytest.raises(Forbidden):
        reveal(store, "credential", object_id=ids["credential"], user_id=9999, purpose="reveal")
    with pytest.raises(NotFound):
        reveal(store, "credential", object_id=9999, user_id=ids["admin"], purpose="reveal")
    with pytest.raises(InvalidInput):
        reveal(
            store,
            "credential",
            object_id=ids["credential"],
            user_id=ids["admin"],
            purpose="steal",
        )
    assert audit_rows(store) == []
