"""Who may do what: three roles and one per-user grant. Pure: no I/O.

    permission          admin  technician  manager
    view_tickets        yes    yes         yes
    work_tickets        yes    yes         -        act, assign, change status/priority/category
    create_tickets      yes    yes         -
    view_clients        yes    yes         yes      organisations, people, equipment, licenses
    manage_clients      yes    yes         -        create, edit, archive client cards
    delete_clients      yes    -           -        delete card entries made by mistake
    reveal_credentials  yes    yes         grant    the user's can_reveal_credentials flag
    view_faq            yes    yes         yes
    manage_faq          yes    yes         -
    view_reports        yes    -           yes
    manage_settings     yes    -           -        settings pages, users, enrolment, backups

Managers read everything and see the reports, but do not work tickets; credentials stay masked for
them unless an admin grants reveal. Technicians keep the clients' cards and the FAQ up to date.
Anything not in the table (an unknown role, say) is refused.
"""

from __future__ import annotations

from enum import StrEnum


class Permission(StrEnum):
    VIEW_TICKETS = "view_tickets"
    WORK_TICKETS = "work_tickets"
    CREATE_TICKETS = "create_tickets"
    VIEW_CLIENTS = "view_clients"
    MANAGE_CLIENTS = "manage_clients"
    DELETE_CLIENTS = "delete_clients"
    REVEAL_CREDENTIALS = "reveal_credentials"
    VIEW_FAQ = "view_faq"
    MANAGE_FAQ = "manage_faq"
    VIEW_REPORTS = "view_reports"
    MANAGE_SETTINGS = "manage_settings"


ROLES = ("admin", "technician", "manager")

_P = Permission
_ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "admin": frozenset(Permission),
    "technician": frozenset(
        {
            _P.VIEW_TICKETS,
            _P.WORK_TICKETS,
            _P.CREATE_TICKETS,
            _P.VIEW_CLIENTS,
            _P.MANAGE_CLIENTS,
            _P.REVEAL_CREDENTIALS,
            _P.VIEW_FAQ,
            _P.MANAGE_FAQ,
        }
    ),
    "manager": frozenset({_P.VIEW_TICKETS, _P.VIEW_CLIENTS, _P.VIEW_FAQ, _P.VIEW_REPORTS}),
}

# What the per-user grant adds, and to whom (the others have it by role or may never have it).
_GRANTABLE_TO = frozenset({"manager"})


def permissions_of(role: str, *, can_reveal_credentials: bool = False) -> frozenset[Permission]:
    granted = _ROLE_PERMISSIONS.get(role, frozenset())
    if can_reveal_credentials and role in _GRANTABLE_TO:
        granted = granted | {Permission.REVEAL_CREDENTIALS}
    return granted


def allowed(role: str, permission: Permission, *, can_reveal_credentials: bool = False) -> bool:
    """Whether a user of ``role`` (with the reveal grant or not) holds ``permission``."""
    return permission in permissions_of(role, can_reveal_credentials=can_reveal_credentials)
