"""Dependencies of the API routes: the process state, the calling device, the rate limit.

All are ``async def``: FastAPI runs a plain ``def`` dependency in a worker thread, which costs
more than these take.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from appliance.api.errors import ApiError
from appliance.api.state import ApiState
from appliance.store.devices import DeviceAuth, token_owner
from sync.wire import ErrorCode


async def api_state(request: Request) -> ApiState:
    return request.app.state.api  # type: ignore[no-any-return]


StateDep = Annotated[ApiState, Depends(api_state)]


def remote_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _limit(limiter_wait: int) -> None:
    if limiter_wait:
        raise ApiError(
            429,
            ErrorCode.RATE_LIMITED,
            "api.rate_limited",
            retry_after=limiter_wait,
            seconds=limiter_wait,
        )


async def limit_address(request: Request, state: StateDep) -> None:
    """For calls without a device (enrolment): a bucket per remote address."""
    _limit(state.address_limiter.take(f"addr:{remote_address(request)}"))


async def current_device(request: Request, state: StateDep) -> DeviceAuth:
    """The device whose bearer token came with the request (never the UI's cookie).

    A missing, unknown or revoked token is a 401; failures spend the caller's address bucket, so
    guessing tokens is throttled like enrolment codes are.
    """
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    device = None
    if scheme.lower() == "bearer" and token:
        device = await state.ctx.store.read(lambda conn: token_owner(conn, token))
    if device is None or device.revoked:
        await limit_address(request, state)
        key = "api.device_revoked" if device is not None else "api.unauthorized"
        raise ApiError(401, ErrorCode.UNAUTHORIZED, key)
    _limit(state.device_limiter.take(f"device:{device.device_id}"))
    state.note_seen(device.device_id)
    return device


DeviceDep = Annotated[DeviceAuth, Depends(current_device)]
