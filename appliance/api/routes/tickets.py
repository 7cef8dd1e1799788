"""POST /api/v1/tickets: a LiveViewer submission becomes a numbered ticket, exactly once."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from appliance.api.deps import CallerDep
from appliance.api.errors import ApiError, language_of
from appliance.api.routes.responses import errors
from appliance.domain.clock import utc_now
from appliance.i18n import t
from appliance.services.ingest import (
    MissingBlobs,
    TicketInputError,
    submit_ticket,
)
from sync.hashing import content_hash
from sync.wire import ErrorCode, TicketAccepted, TicketSubmission

router = APIRouter(tags=["tickets"])


@router.post(
    "/tickets",
    status_code=201,
    response_model=TicketAccepted,
    responses=errors(
        401,
        409,
        413,
        422,
        429,
        507,
        ok_200={"model": TicketAccepted, "description": "A resend: the same ticket."},
    ),
)
async def create_ticket(
    submission: TicketSubmission, request: Request, caller: CallerDep
) -> JSONResponse:
    """Submit a request; 201 with its number when new, 200 with the same number on a resend."""
    try:
        # Answered only after the commit: the client may drop its copy when it sees 200/201.
        # A uuid known with other content is a Conflict: 409 by the API's one mapping.
        result = await submit_ticket(
            caller.state.writes,
            caller.device,
            submission=submission,
            content_hash=content_hash(submission),
            received_at=utc_now(),
        )
    except MissingBlobs as missing:
        raise ApiError(
            422,
            ErrorCode.MISSING_BLOBS,
            "api.missing_blobs",
            field="attachments",
            missing=missing.hashes,
            hashes=", ".join(missing.hashes),
        ) from None
    except TicketInputError as refused:
        detail = t(refused.key, language_of(request), **refused.values)
        raise ApiError(
            422, ErrorCode.INVALID_REQUEST, "api.ticket_refused", detail=detail
        ) from None
    answer = TicketAccepted(
        uuid=result.uuid,
        number=result.number,
        status=result.status,
        received_at=result.received_at,
    )
    return JSONResponse(answer.model_dump(mode="json"), status_code=201 if result.created else 200)
