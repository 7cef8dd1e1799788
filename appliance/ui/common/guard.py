"""Role checks for pages and HTTP routes of the technicians' window.

Pages::

    @ui.page("/clients")
    @require_user(Permission.VIEW_CLIENTS)
    async def clients_page(session: Session, q: str = "") -> None:
        with frame(session, active="clients", title=session.t("shell.clients.title")):
            ...

``require_user(permission)`` (``permission=None``: any signed-in user) loads the session when
the page is built. Without one (never signed in, signed out, account disabled or removed) the
browser is redirected to ``/login?next=<this page>``. With a role that lacks the permission the
page shows the shell with a plain "not allowed" message instead of its content (HTTP 200, so the
``user`` test fixture can open it). Otherwise the page function is called with ``session=`` and
its other parameters (path and query parameters work as with ``ui.page``).

HTTP routes that the window itself calls (downloads, exports; not the client API, which uses
device tokens)::

    ReportsSession = Annotated[Session, Depends(http_session(Permission.VIEW_REPORTS))]

    @app.get("/ui/export.csv")
    async def export(session: ReportsSession): ...

answer 401 without a session and 403 when the role lacks the permission.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse
from nicegui import app

from appliance.domain.permissions import Permission, allowed
from appliance.ui.common.frame import forbidden_notice
from appliance.ui.common.session import Session, app_context, load_session

PageFunction = Callable[..., Awaitable[Any] | Any]

LOGIN_PATH = "/login"
HOME_PATH = "/tickets"
DASHBOARD_PATH = "/dashboard"


def home_for(role: str) -> str:
    """Where a user lands: the ticket list for those who work tickets, the dashboard for the
    others (managers)."""
    return HOME_PATH if allowed(role, Permission.WORK_TICKETS) else DASHBOARD_PATH


# What a browser drops from a URL before parsing it (WHATWG URL standard): tab, CR and LF
# anywhere; C0 controls and space at either end. A check that did not drop them first would read
# "/\t/example.org" as a path and the browser as "//example.org".
_STRIPPED_ANYWHERE = str.maketrans("", "", "\t\r\n")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def safe_next(target: str | None) -> str:
    """A path of this application to return to after login; anything else (another host, a
    scheme, a protocol-relative ``//host``, however disguised) becomes the home page, so the
    login page is no open redirect. The target is parsed the way a browser would parse it."""
    if not target:
        return HOME_PATH
    # A control character has no business in a link of ours (and CR/LF would split headers).
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return HOME_PATH
    # Still parse what the browser would see, not the string as given.
    cleaned = target.translate(_STRIPPED_ANYWHERE).strip(_C0_AND_SPACE).replace("\\", "/")
    if cleaned.startswith("//"):
        return HOME_PATH
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return HOME_PATH
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return HOME_PATH
    if parts.path.startswith("//"):
        return HOME_PATH
    return urlunsplit(("", "", parts.path, parts.query, parts.fragment))


def login_url(request: Request) -> str:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if here in ("/", HOME_PATH):
        return LOGIN_PATH
    return f"{LOGIN_PATH}?next={quote(here, safe='')}"


def remote_addr_of(request: Request) -> str:
    return request.client.host if request.client else ""


def _page_parameters(func: PageFunction) -> list[inspect.Parameter]:
    """The page function's parameters without ``session``, annotations resolved: FastAPI reads
    them, and with postponed annotations they are strings naming types of the page's module
    (so import those at run time, not under TYPE_CHECKING)."""
    hints = inspect.get_annotations(func, eval_str=True)
    return [
        param.replace(annotation=hints.get(param.name, param.annotation))
        for param in inspect.signature(func).parameters.values()
        if param.name != "session"
    ]


def require_user(
    permission: Permission | None = None,
) -> Callable[[PageFunction], Callable[..., Awaitable[Any]]]:
    def decorate(func: PageFunction) -> Callable[..., Awaitable[Any]]:
        params = _page_parameters(func)
        passes_request = any(p.name == "request" for p in params)
        if not passes_request:
            params.insert(
                0,
                inspect.Parameter(
                    "request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request
                ),
            )

        @functools.wraps(func)
        async def page(**kwargs: Any) -> Any:
            request: Request = kwargs["request"] if passes_request else kwargs.pop("request")
            session = await load_session(
                app_context(), app.storage.user, remote_addr=remote_addr_of(request)
            )
            if session is None:
                return RedirectResponse(login_url(request), status_code=303)
            if permission is not None and not session.may(permission):
                forbidden_notice(session)
                return None
            result = func(session=session, **kwargs)
            return await result if inspect.isawaitable(result) else result

        page.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        # Read by the access-matrix tests (tests/security): what each registered page needs.
        page.required_permission = permission  # type: ignore[attr-defined]
        return page

    return decorate


def http_session(
    permission: Permission | None = None,
) -> Callable[[Request], Awaitable[Session]]:
    """A FastAPI dependency: the session of the browser calling a route, or 401/403."""

    async def dependency(request: Request) -> Session:
        session = await load_session(
            app_context(), app.storage.user, remote_addr=remote_addr_of(request)
        )
        if session is None:
            raise HTTPException(status_code=401, detail="not signed in")
        if permission is not None and not session.may(permission):
            raise HTTPException(status_code=403, detail="not allowed")
        return session

    dependency.required_permission = permission  # type: ignore[attr-defined]
    return dependency
