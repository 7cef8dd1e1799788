"""Mounts the client API under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from appliance import __version__

router = APIRouter(prefix="/api/v1")


@router.get("/health")
async def read_health() -> dict[str, str]:
    """Liveness probe: answers when the appliance is up."""
    return {"status": "ok", "version": __version__}


def register_api(app: FastAPI) -> None:
    app.include_router(router)
