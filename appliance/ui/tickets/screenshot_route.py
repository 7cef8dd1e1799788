"""Screenshots for the technicians' window, only to signed-in users who may view tickets.

    GET /ui/blobs/{sha256}        the image as stored
    GET /ui/blobs/{sha256}/thumb  a small JPEG for the ticket screen

Without a session the answer is 401, without the right 403, and a blob no ticket refers to is
404 (an upload a client never finished is nobody's to look at). The Content-Type comes from the
bytes, not from the stored media type: only PNG, JPEG and WebP are served as images; anything
else is sent as a download (``application/octet-stream``, ``nosniff``, a sandboxing CSP), so a
stored file can never run as a page of the appliance's origin.
"""

from __future__ import annotations

import re

from fastapi import Depends, HTTPException, Request, Response
from nicegui import app
from PIL import Image

from appliance.domain.errors import AppError
from appliance.domain.permissions import Permission
from appliance.services.ticket_screen import attached_screenshot
from appliance.ui.common.guard import http_session
from appliance.ui.common.session import Session
from appliance.ui.tickets.thumbnails import THUMBNAILS

PREFIX = "/ui/blobs"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

_SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
    # Screenshots may show anything on an employee's screen: keep them out of shared caches;
    # the browser revalidates with the ETag (the content hash), which costs one 304.
    "Cache-Control": "private, no-cache",
}


def blob_url(sha256: str) -> str:
    return f"{PREFIX}/{sha256}"


def thumbnail_url(sha256: str) -> str:
    return f"{PREFIX}/{sha256}/thumb"


def sniff_image_type(data: bytes) -> str | None:
    """The image type the bytes really are, among those the appliance shows; else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


async def _load(session: Session, sha256: str) -> bytes:
    if not _SHA256.match(sha256):
        raise HTTPException(status_code=404, detail="no such file")
    try:
        data = await attached_screenshot(session.store, session.actor, sha256=sha256)
    except AppError:
        # The right was lost since the session was read: as without it.
        raise HTTPException(status_code=403, detail="forbidden") from None
    if data is None:
        raise HTTPException(status_code=404, detail="no such file")
    return data


def _not_modified(request: Request, etag: str) -> bool:
    return etag in {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}


def register() -> None:
    viewer = Depends(http_session(Permission.VIEW_TICKETS))

    @app.get(PREFIX + "/{sha256}", include_in_schema=False)
    async def read_blob(sha256: str, request: Request, session: Session = viewer) -> Response:
        """One stored screenshot, for the signed-in technicians' window."""
        etag = f'"{sha256}"'
        if _not_modified(request, etag):
            return Response(status_code=304, headers={"ETag": etag, **_SAFE_HEADERS})
        data = await _load(session, sha256)
        media_type = sniff_image_type(data)
        headers = {"ETag": etag, **_SAFE_HEADERS}
        if media_type is None:
            media_type = "application/octet-stream"
            headers["Content-Disposition"] = f'attachment; filename="{sha256}.bin"'
        return Response(content=data, media_type=media_type, headers=headers)

    @app.get(PREFIX + "/{sha256}/thumb", include_in_schema=False)
    async def read_thumbnail(sha256: str, request: Request, session: Session = viewer) -> Response:
        """A small JPEG of a stored screenshot."""
        etag = f'"{sha256}-thumb"'
        if _not_modified(request, etag):
            return Response(status_code=304, headers={"ETag": etag, **_SAFE_HEADERS})
        data = await _load(session, sha256)
        if sniff_image_type(data) is None:
            raise HTTPException(status_code=404, detail="not an image")
        try:
            thumb = await THUMBNAILS.thumbnail(sha256, data)
        except (OSError, ValueError, Image.DecompressionBombError):
            raise HTTPException(status_code=404, detail="not a readable image") from None
        return Response(
            content=thumb, media_type="image/jpeg", headers={"ETag": etag, **_SAFE_HEADERS}
        )
