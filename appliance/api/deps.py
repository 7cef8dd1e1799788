"""Dependencies of the API routes: the process state, the calling device, the rate limit.

Routes of a device take one dependency, ``CallerDep`` (the device and the process state), and
all are ``async def``: FastAPI runs a plain ``def`` dependency in a worker thread, and each level
of dependencies costs time on every request (tests/bench/test_ingest_bench.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from appliance.api.errors import ApiError
from appliance.api.state import ApiState
from appliance.services.devices import DeviceAuth, device_for_token_sync
from sync.wire import ErrorCode


def _state(request: Request) -> ApiState:
    state: ApiState = request.app.state.api
    return state


async def api_state(request: Request) -> ApiState:
    return _state(request)


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


async def limit_address(request: Request) -> None:
    """For calls without a device (enrolment): a bucket per remote address."""
    _limit(_state(request).address_limiter.take(f"addr:{remote_address(request)}"))


@dataclass(frozen=True, slots=True)
class Caller:
    device: DeviceAuth
    state: ApiState


async def current_device(request: Request) -> Caller:
    """The device whose bearer token came with the request (never the UI's cookie).

    A missing, unknown or revoked token is a 401; failures spend the caller's address bucket, so
    guessing tokens is throttled like enrolment codes are.
    """
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    state = _state(request)
    device = None
    if scheme.lower() == "bearer" and token:
        # On the event loop, not in a worker thread: one lookup on a unique index (about 15 µs,
        # its page always cached) costs less than the hop to a thread and back, and every API
        # request makes it (tests/bench/test_ingest_bench.py). WAL readers never wait for the
        # writer, so this does not stall behind a commit.
        device = device_for_token_sync(state.ctx.store, token)
    if device is None or device.revoked:
        await limit_address(request)
        key = "api.device_revoked" if device is not None else "api.unauthorized"
        raise ApiError(401, ErrorCode.UNAUTHORIZED, key)
    _limit(state.device_limiter.take(f"device:{device.device_id}"))
    state.note_seen(device.device_id)
    return Caller(device, state)


CallerDep = Annotated[Caller, Depends(current_device)]
