"""GET /api/v1/health."""

from __future__ import annotations

from fastapi import APIRouter

from appliance import __version__
from sync.wire import WIRE_VERSION

router = APIRouter(tags=["health"])


@router.get("/health")
async def read_health() -> dict[str, str | int]:
    """Liveness probe: answers when the appliance is up."""
    return {"status": "ok", "version": __version__, "wire_version": WIRE_VERSION}
