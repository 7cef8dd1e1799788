"""POST /api/v1/faq/solved: an employee's "this solved it — don't send" from LiveViewer."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from appliance.api.deps import CallerDep
from appliance.api.routes.responses import errors
from appliance.services.faq_solved import record_solved
from sync.wire import FaqSolved, FaqSolvedAccepted

router = APIRouter(tags=["faq"])


@router.post(
    "/faq/solved",
    status_code=201,
    response_model=FaqSolvedAccepted,
    responses=errors(
        401,
        422,
        429,
        ok_200={"model": FaqSolvedAccepted, "description": "A resend: counted before."},
    ),
)
async def faq_solved(solved: FaqSolved, caller: CallerDep) -> JSONResponse:
    """Count a public article that answered an employee's problem; a resend counts once."""
    counted = await record_solved(
        caller.state.ctx.store,
        device_id=caller.device.device_id,
        uuid=str(solved.uuid),
        article_id=solved.article_id,
    )
    answer = FaqSolvedAccepted(counted=counted)
    return JSONResponse(answer.model_dump(mode="json"), status_code=201 if counted else 200)
