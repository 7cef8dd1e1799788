"""Who may do what: the whole role x permission table, and the reveal grant."""

from __future__ import annotations

import pytest

from appliance.domain.permissions import ROLES, Permission, allowed, permissions_of
from appliance.i18n import t

P = Permission
A, T, M = "admin", "technician", "manager"

TABLE: dict[Permission, set[str]] = {
    P.VIEW_TICKETS: {A, T, M},
    P.WORK_TICKETS: {A, T},
    P.CREATE_TICKETS: {A, T},
    P.VIEW_CLIENTS: {A, T, M},
    P.MANAGE_CLIENTS: {A, T},
    P.DELETE_CLIENTS: {A},
    P.REVEAL_CREDENTIALS: {A, T},
    P.VIEW_FAQ: {A, T, M},
    P.MANAGE_FAQ: {A, T},
    P.VIEW_REPORTS: {A, M},
    P.MANAGE_SETTINGS: {A},
}


def test_table_names_every_permission() -> None:
    assert set(TABLE) == set(Permission)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", list(Permission))
def test_role_permission_table(role: str, permission: Permission) -> None:
    assert allowed(role, permission) is (role in TABLE[permission])


@pytest.mark.parametrize("permission", list(Permission))
def test_grant_lets_a_manager_reveal_credentials_and_nothing_else(permission: Permission) -> None:
    with_grant = allowed(M, permission, can_reveal_credentials=True)
    expected = permission is P.REVEAL_CREDENTIALS or M in TABLE[permission]
    assert with_grant is expected


def test_grant_does_not_widen_other_roles() -> None:
    for role in (A, T):
        assert permissions_of(role, can_reveal_credentials=True) == permissions_of(role)


@pytest.mark.parametrize("role", ["", "root", "Admin", "guest"])
def test_unknown_roles_get_nothing(role: str) -> None:
    assert permissions_of(role, can_reveal_credentials=True) == frozenset()


@pytest.mark.parametrize("permission", list(Permission))
def test_every_permission_has_a_name_in_both_languages(permission: Permission) -> None:
    for lang in ("ru", "en"):
        assert t(f"permission.{permission.value}", lang)
