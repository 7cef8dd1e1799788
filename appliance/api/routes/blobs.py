"""PUT /api/v1/blobs/{sha256}: upload a screenshot, addressed by the SHA-256 of its bytes."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

from appliance.api.bodylimit import read_capped
from appliance.api.deps import CallerDep
from appliance.api.errors import ApiError
from appliance.api.images import (
    MAX_IMAGE_PIXELS,
    ImageFacts,
    ImageRefused,
    inspect_image,
)
from appliance.api.routes.responses import errors
from appliance.api.state import ApiState
from appliance.domain.clock import utc_now
from appliance.services.ingest import BlobInfo, DeviceAuth, held_blob_sync, store_blob
from sync.hashing import sha256_hex
from sync.wire import BlobStored, ErrorCode

router = APIRouter(tags=["blobs"])

Sha256Path = Annotated[
    str, Path(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the body, lowercase hex")
]
_BINARY_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
_MILLIONS = MAX_IMAGE_PIXELS // 1_000_000
# Blobs this small, declaring this few pixels, are checked on the event loop: hashing and
# decoding them takes about 0.1 ms, less than a trip to a worker thread. The pixel count is read
# from the header before anything is decoded, so a small file declaring a huge image goes to the
# worker thread like any screenshot.
INLINE_BYTES = 64 * 1024
INLINE_PIXELS = 512 * 512


def _examine(
    state: ApiState,
    device: DeviceAuth,
    sha256: str,
    data: bytes,
    *,
    decode_up_to: int | None = None,
) -> BlobInfo | ImageFacts | None:
    """The blob as held already, or the facts of the new image (None: more pixels than
    ``decode_up_to``, not decoded). The name must be the hash of the body."""
    actual = sha256_hex(data)
    if actual != sha256:
        raise ApiError(
            422, ErrorCode.HASH_MISMATCH, "api.hash_mismatch", actual=actual, expected=sha256
        )
    held = held_blob_sync(state.ctx.store, device, sha256=sha256)
    if held is not None:
        return held
    return inspect_image(data, decode_up_to=decode_up_to)


def _refusal(refused: ImageRefused) -> ApiError:
    if refused.reason != "too_large":
        return ApiError(415, ErrorCode.NOT_AN_IMAGE, "api.not_an_image")
    if refused.width and refused.height:
        return ApiError(
            422,
            ErrorCode.IMAGE_TOO_LARGE,
            "api.image_too_large_sized",
            width=refused.width,
            height=refused.height,
            limit=_MILLIONS,
        )
    return ApiError(422, ErrorCode.IMAGE_TOO_LARGE, "api.image_too_large", limit=_MILLIONS)


def _stored(facts: ImageFacts | None, sha256: str, size: int, created: bool) -> BlobStored:
    assert facts is not None
    return BlobStored(
        sha256=sha256,
        size=size,
        media_type=facts.media_type,
        width=facts.width,
        height=facts.height,
        created=created,
    )


@router.put(
    "/blobs/{sha256}",
    status_code=201,
    response_model=BlobStored,
    responses=errors(
        401,
        413,
        415,
        422,
        429,
        507,
        ok_200={"model": BlobStored, "description": "Held already; nothing changed."},
    ),
    openapi_extra=_BINARY_BODY,
)
async def put_blob_route(sha256: Sha256Path, request: Request, caller: CallerDep) -> JSONResponse:
    """Store a PNG, WebP or JPEG image under its SHA-256; 201 if new, 200 if held already."""
    state = caller.state
    data = await read_capped(request, state.max_blob_bytes)

    try:
        found = None
        if len(data) <= INLINE_BYTES:
            found = _examine(state, caller.device, sha256, data, decode_up_to=INLINE_PIXELS)
        if found is None:
            # Hashing and decoding a screenshot takes milliseconds: not on the event loop.
            async with state.decode_slots:
                found = await asyncio.to_thread(_examine, state, caller.device, sha256, data)
    except ImageRefused as refused:
        raise _refusal(refused) from None
    assert found is not None
    if isinstance(found, BlobInfo):
        facts = ImageFacts(found.media_type, found.width or 0, found.height or 0)
        return JSONResponse(_stored(facts, sha256, found.size, False).model_dump(), 200)
    facts = found
    now = utc_now()
    created = await store_blob(
        state.writes,
        caller.device,
        sha256=sha256,
        data=data,
        media_type=facts.media_type,
        width=facts.width,
        height=facts.height,
        now=now,
    )
    return JSONResponse(
        _stored(facts, sha256, len(data), created).model_dump(), 201 if created else 200
    )
