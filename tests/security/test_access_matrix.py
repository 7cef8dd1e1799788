"""The access matrix, generated from what is registered: every page and HTTP route of the
technicians' window (``app.routes``: pages carry the permission ``require_user`` was given,
routes the one of their ``http_session`` dependency) x anonymous, each role, a disabled user and
a user whose password was changed since they signed in; and every operation of the client API
(its OpenAPI schema) x no token, a revoked device and an enrolled one. A new page or operation
is covered without editing this file; one that is neither guarded nor listed public fails it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi.routing import APIRoute
from nicegui import app
from nicegui.testing import User

from appliance.domain.permissions import ROLES, Permission, allowed
from appliance.services import accounts
from appliance.services.actor import Actor
from tests.api.conftest import Server, enrol

# Reachable without a session, on purpose.
PUBLIC = {
    "/login",
    "/login/complete",
    "/",  # redirects to /tickets, which checks
    "/static/tiketnitsa/new-ticket.wav",  # the new-ticket chime
}
SAMPLE = {"number": "1", "sha256": "0" * 64}
MISSING = object()


@dataclass(frozen=True)
class Guarded:
    path: str
    permission: Permission | None
    page: bool  # a page (redirects to /login) or an HTTP route (401/403)


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)(?::[^}]*)?\}", lambda m: SAMPLE.get(m.group(1), "1"), path)


def registered() -> list[Guarded]:
    found: list[Guarded] = []
    unguarded: list[str] = []
    for route in app.routes:
        if not isinstance(route, APIRoute) or "GET" not in route.methods:
            continue
        path = route.path
        if path.startswith("/_nicegui") or path in PUBLIC:
            continue
        permission = getattr(route.endpoint, "required_permission", MISSING)
        if permission is not MISSING:
            found.append(Guarded(path, permission, page=True))
            continue
        deps = [d.call for d in route.dependant.dependencies]
        guards = [getattr(d, "required_permission", MISSING) for d in deps]
        guards = [g for g in guards if g is not MISSING]
        if guards:
            found.append(Guarded(path, guards[0], page=False))
        else:
            unguarded.append(path)
    assert unguarded == [], f"routes with no role check and not listed public: {unguarded}"
    return found


async def answers(user: User, route: Guarded) -> int:
    response = await user.http_client.get(concrete(route.path), follow_redirects=False)
    assert response.status_code < 500, (route.path, response.status_code, response.text[:300])
    return response.status_code


async def assert_shut_out(user: User, routes: list[Guarded], who: str) -> None:
    for route in routes:
        status = await answers(user, route)
        if route.page:
            assert status == 303, (who, route.path, status)
        else:
            assert status == 401, (who, route.path, status)


def _has_marker(user: User) -> bool:
    try:
        user.find(marker="forbidden")
    except AssertionError:
        return False
    return True


async def test_every_route_for_every_kind_of_visitor(user: User, log_in, add_user, ctx) -> None:
    await user.open("/login")  # the app is built: its routes are registered
    routes = registered()
    paths = {r.path for r in routes}
    assert {"/tickets", "/settings", "/settings/audit", "/settings/audit.csv"} <= paths
    assert "/ui/blobs/{sha256}" in paths

    await assert_shut_out(user, routes, "anonymous")

    for role in ROLES:
        account = add_user(role, f"{role}-m")
        user.http_client.cookies.clear()
        await log_in(account)
        for route in routes:
            may = route.permission is None or allowed(role, route.permission)
            status = await answers(user, route)
            if route.page:
                assert status == 200, (role, route.path, status)
                await user.open(concrete(route.path))
                shown = _has_marker(user)
                assert shown is not may, (role, route.path, "forbidden notice" if shown else "")
            elif may:
                assert status not in (401, 403), (role, route.path, status)
            else:
                assert status == 403, (role, route.path, status)

        if role == "admin":
            continue
        # The same browser after the account is disabled, and after its password was changed.
        await accounts.set_account_active(ctx.store, Actor.cli(), user_id=account.id, active=False)
        await assert_shut_out(user, routes, f"disabled {role}")
        await accounts.set_account_active(ctx.store, Actor.cli(), user_id=account.id, active=True)
        user.http_client.cookies.clear()
        await log_in(account)
        await accounts.reset_password(
            ctx.store, Actor.cli(), user_id=account.id, password="Changed-pass-123"
        )
        await assert_shut_out(user, routes, f"{role} after a password change")


def test_every_api_operation_for_every_kind_of_caller(api: Server) -> None:
    with api.client() as client:
        schema = client.get("/api/v1/openapi.json").json()
    revoked = enrol(api, hostname="REV-01")
    api.ctx.store.write_sync(
        lambda conn: conn.execute(
            "UPDATE devices SET revoked_at = '2026-01-01T00:00:00.000000Z' WHERE id = ?",
            (revoked.id,),
        )
    )
    valid = enrol(api)
    public = {("/health", "get"), ("/enroll", "post")}
    seen = set()
    for path, item in schema["paths"].items():
        for method in item:
            seen.add((path, method))
            url = "/api/v1" + concrete(path)
            for token, kind in (
                (None, "anonymous"),
                (revoked.token, "revoked"),
                (valid.token, "valid"),
            ):
                with api.client(token) as client:
                    answer = client.request(
                        method.upper(), url, json={} if method != "get" else None
                    )
                assert answer.status_code < 500, (kind, method, path, answer.text)
                if (path, method) in public:
                    continue
                if kind == "valid":
                    assert answer.status_code != 401, (kind, method, path)
                else:
                    assert answer.status_code == 401, (kind, method, path, answer.status_code)
    assert len(seen) >= 5
