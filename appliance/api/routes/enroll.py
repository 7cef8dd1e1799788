"""POST /api/v1/enroll: a machine joins with an enrolment code and gets its device token."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from appliance.api.deps import StateDep, limit_address, remote_address
from appliance.api.errors import ApiError
from appliance.api.routes.responses import errors
from appliance.services import devices
from appliance.services.devices import EnrollmentRefused
from sync.wire import WIRE_VERSION, EnrollRequest, EnrollResponse, ErrorCode

router = APIRouter(tags=["enrolment"])

_REFUSALS = {
    "invalid": (403, ErrorCode.CODE_INVALID, "api.code_invalid"),
    "expired": (410, ErrorCode.CODE_EXPIRED, "api.code_expired"),
    "revoked": (410, ErrorCode.CODE_REVOKED, "api.code_revoked"),
    "used_up": (410, ErrorCode.CODE_USED_UP, "api.code_used_up"),
}


@router.post(
    "/enroll",
    status_code=201,
    response_model=EnrollResponse,
    responses=errors(403, 410, 413, 422, 429, 507),
    dependencies=[Depends(limit_address)],
)
async def enroll_device(body: EnrollRequest, request: Request, state: StateDep) -> JSONResponse:
    """Trade an enrolment code for a device id and bearer token (shown once)."""
    fingerprint = state.server_fingerprint()
    try:
        device = await devices.enroll_device(
            state.writes,
            code=body.code,
            hostname=body.hostname,
            os_user=body.os_user,
            remote_addr=remote_address(request),
        )
    except EnrollmentRefused as refused:
        status, code, key = _REFUSALS[refused.reason]
        raise ApiError(status, code, key) from None
    answer = EnrollResponse(
        device_id=device.device_id,
        token=device.token,
        org_name=device.org_name,
        server_fingerprint=fingerprint,
        wire_version=WIRE_VERSION,
    )
    return JSONResponse(answer.model_dump(mode="json"), status_code=201)
