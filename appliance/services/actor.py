"""Who asks for a change, and the check every service makes of them inside its transaction.

A page or route captures an ``Actor`` when it is built; a service never trusts what the page
knew then. ``acting_user`` reads the account again in the same transaction as the write, so an
account disabled, removed or moved to a weaker role a second ago cannot act through a page it
opened before (hardening issue, hole H1).

The command line is run by the box's administrator, who holds the key file and the data
directory: ``Actor.cli()`` has every permission and is audited with no user id, ``via='cli'``.
"""

from __future__ import annotations

from dataclasses import dataclass

import apsw

from appliance.domain.errors import Forbidden
from appliance.domain.permissions import Permission, allowed
from appliance.store import users
from appliance.store.users import User

CLI = "cli"
WEB = "web"


@dataclass(frozen=True)
class Actor:
    """A signed-in user (``user_id``), or the administrator at the command line (``None``)."""

    user_id: int | None
    remote_addr: str = ""
    via: str = WEB

    @classmethod
    def cli(cls) -> Actor:
        return cls(user_id=None, via=CLI)

    @classmethod
    def user(cls, user_id: int, *, remote_addr: str = "") -> Actor:
        return cls(user_id=user_id, remote_addr=remote_addr, via=WEB)

    @property
    def audit_addr(self) -> str:
        """What the audit log's "from where" column holds for this actor."""
        return self.remote_addr or self.via


def acting_user(
    conn: apsw.Connection,
    actor: Actor,
    permission: Permission,
    *,
    denied_key: str = "permission.denied",
) -> User | None:
    """The actor's account, read now; ``None`` for the command line. Raises ``Forbidden`` when
    the account is gone, disabled, or lacks ``permission`` at this moment (``denied_key`` says
    which right is missing, where the generic sentence would be vague)."""
    if actor.user_id is None:
        if actor.via == CLI:
            return None
        raise Forbidden("permission.denied")
    user = users.get_user(conn, actor.user_id)
    if user is None or not user.active:
        raise Forbidden("permission.account_inactive")
    if not allowed(user.role, permission, can_reveal_credentials=user.can_reveal_credentials):
        raise Forbidden(denied_key)
    return user
