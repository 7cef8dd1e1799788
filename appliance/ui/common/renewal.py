"""A new session id at every sign-in (no session fixation).

NiceGUI keys ``app.storage.user`` by an id in the signed session cookie. The password is checked
in a websocket event, which cannot set a cookie, so a correct password only leaves a one-time
ticket here; the browser then loads ``/login/complete?ticket=...``, an HTTP route that gives it a
fresh id (a new cookie), signs the account in under that id, forgets the old id's sign-in and
redirects to the page asked for. A cookie planted before sign-in is worth nothing after it.

A ticket is used once, within ``TICKET_SECONDS``, and only by the browser (session id) that typed
the password.
"""

from __future__ import annotations

import secrets
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app

from appliance.services.signin import User
from appliance.ui.common.session import sign_in, sign_out

COMPLETE_PATH = "/login/complete"
TICKET_SECONDS = 60.0


@dataclass(frozen=True)
class _Ticket:
    user: User
    browser_id: str
    target: str
    expires: float


@dataclass
class SignInHandover:
    """The tickets between a correct password and the new session (one per running app)."""

    _tickets: dict[str, _Ticket] = field(default_factory=dict)

    def issue(self, user: User, *, browser_id: str, target: str) -> str:
        now = time.monotonic()
        for key in [k for k, v in self._tickets.items() if v.expires < now]:
            del self._tickets[key]
        ticket = secrets.token_urlsafe(32)
        self._tickets[ticket] = _Ticket(user, browser_id, target, now + TICKET_SECONDS)
        return ticket

    def take(self, ticket: str, browser_id: str) -> _Ticket | None:
        found = self._tickets.pop(ticket, None)
        if found is None or found.expires < time.monotonic() or found.browser_id != browser_id:
            return None
        return found


def complete_url(ticket: str) -> str:
    return f"{COMPLETE_PATH}?ticket={quote(ticket, safe='')}"


def browser_id(request: Request) -> str:
    return str(request.session.get("id", ""))


def register(handover: SignInHandover, login_path: str) -> None:
    @app.get(COMPLETE_PATH, include_in_schema=False)
    async def complete_sign_in(request: Request, ticket: str = "") -> RedirectResponse:
        found = handover.take(ticket, browser_id(request))
        if found is None:
            return RedirectResponse(login_path, status_code=303)
        sign_out(app.storage.user)  # the old id is signed in nowhere
        new_id = str(uuid.uuid4())
        request.session["id"] = new_id  # the session middleware sends the new cookie
        # NiceGUI creates a browser's storage in its request middleware, which has run for the
        # old id already: create the new one now (the same call the middleware makes).
        await app.storage._create_user_storage(new_id)
        sign_in(app.storage.user, found.user)
        return RedirectResponse(found.target, status_code=303)
