"""The session: which account is looking at a page, in which language.

NiceGUI's ``app.storage.user`` (one per browser, on the server, keyed by a signed cookie) holds
only three things: ``user_id``, the account's ``session_version`` at sign-in and ``lang``. A
password reset or a disable bumps the account's version, which ends every session signed in
before it (a copied cookie too). Everything else about the user is read from the store
on every page load, so a disabled account or a changed role takes effect on the next page.

Read the session once, when the page is built, and close over the ``Session`` object in event
handlers. Never read ``app.storage.user`` inside a handler: in the ``user`` test fixture it may
belong to another request (notes/nicegui.md, pitfall 1).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from nicegui import app

from appliance.context import AppContext
from appliance.domain.permissions import Permission, allowed
from appliance.i18n import LANGUAGES, t
from appliance.services.actor import Actor
from appliance.services.signin import User, signed_in_user
from appliance.services.types import Store

USER_ID_KEY = "user_id"
SESSION_VERSION_KEY = "session_version"
# The login name this browser last signed in with: kept after sign-out, so its owner is not
# held back by a stranger's failed guesses at that name (services.signin.LoginGuard).
KNOWN_LOGIN_KEY = "known_login"
LANG_KEY = "lang"

# One browser's app.storage.user.
BrowserStorage = MutableMapping[str, Any]


def app_context() -> AppContext:
    """The running appliance's context (set by ``appliance.web.build``)."""
    ctx: AppContext = app.state.ctx
    return ctx


@dataclass(frozen=True)
class Session:
    """The signed-in user of one page, read fresh from the store when the page was built."""

    ctx: AppContext
    user: User
    lang: str
    storage: BrowserStorage  # this browser's app.storage.user, captured at page build
    remote_addr: str = ""

    @property
    def store(self) -> Store:
        return self.ctx.store

    @property
    def actor(self) -> Actor:
        """Who acts through this page, for services (which read the account again)."""
        return Actor.user(self.user.id, remote_addr=self.remote_addr)

    def t(self, key: str, **values: object) -> str:
        """The text of ``key`` in this session's language."""
        return t(key, self.lang, **values)

    def may(self, permission: Permission) -> bool:
        return allowed(
            self.user.role,
            permission,
            can_reveal_credentials=self.user.can_reveal_credentials,
        )


def guest_lang(ctx: AppContext, storage: BrowserStorage) -> str:
    """The language for a page without a signed-in user (the login page)."""
    lang = storage.get(LANG_KEY)
    return lang if lang in LANGUAGES else ctx.settings.lang


async def load_session(
    ctx: AppContext, storage: BrowserStorage, *, remote_addr: str = ""
) -> Session | None:
    """The session of this browser, or None when nobody is signed in or the account is gone or
    disabled (then the stale user id is dropped, so the browser lands on the login page)."""
    user_id = storage.get(USER_ID_KEY)
    if not isinstance(user_id, int):
        return None
    user = await signed_in_user(ctx.store, user_id)
    if user is None or storage.get(SESSION_VERSION_KEY) != user.session_version:
        sign_out(storage)
        return None
    # The account's choice wins (it follows the user to every browser); then this browser's
    # choice from the login page; then the installation's default.
    lang = user.lang if user.lang in LANGUAGES else guest_lang(ctx, storage)
    if storage.get(LANG_KEY) != lang:
        storage[LANG_KEY] = lang
    return Session(ctx=ctx, user=user, lang=lang, storage=storage, remote_addr=remote_addr)


def sign_in(storage: BrowserStorage, user: User) -> None:
    storage[USER_ID_KEY] = user.id
    storage[SESSION_VERSION_KEY] = user.session_version
    storage[KNOWN_LOGIN_KEY] = user.login
    if user.lang in LANGUAGES:
        storage[LANG_KEY] = user.lang


def sign_out(storage: BrowserStorage) -> None:
    # The language stays, so the login page keeps speaking the same one.
    storage.pop(USER_ID_KEY, None)
    storage.pop(SESSION_VERSION_KEY, None)
