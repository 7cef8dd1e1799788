"""Pictures in FAQ articles: uploaded or pasted in the editor, kept as blobs in the store (one
copy per content), shown to everyone who may read the FAQ (``/ui/faq/images/<sha256>``)."""

from __future__ import annotations

import hashlib
import io
import re

import apsw
from PIL import Image

from appliance.domain.clock import utc_now
from appliance.domain.errors import InvalidInput
from appliance.domain.faq_text import image_markdown
from appliance.domain.permissions import Permission
from appliance.services.actor import Actor, acting_user
from appliance.services.audited import checked_read
from appliance.services.types import Store
from appliance.store import audit, blobs, faq_feedback

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def image_type(data: bytes) -> str | None:
    """The image type the bytes really are (PNG, JPEG, WebP, GIF), else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    return None


def _checked(data: bytes) -> tuple[str, int, int]:
    if len(data) > MAX_IMAGE_BYTES:
        raise InvalidInput("faq.error.image_large", limit=MAX_IMAGE_BYTES // (1024 * 1024))
    media_type = image_type(data)
    if media_type is None:
        raise InvalidInput("faq.error.image_type")
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise InvalidInput("faq.error.image_large", limit=MAX_IMAGE_BYTES // (1024 * 1024))
            image.verify()
    except (OSError, ValueError, Image.DecompressionBombError):
        raise InvalidInput("faq.error.image_type") from None
    return media_type, width, height


def store_image_in(conn: apsw.Connection, data: bytes) -> str:
    """Check and keep the picture in this transaction; its SHA-256."""
    media_type, width, height = _checked(data)
    sha256 = hashlib.sha256(data).hexdigest()
    blobs.put_blob(
        conn,
        sha256=sha256,
        data=data,
        media_type=media_type,
        width=width,
        height=height,
        now=utc_now(),
    )
    faq_feedback.add_image(conn, sha256)
    return sha256


async def upload_image(store: Store, actor: Actor, *, data: bytes, name: str = "") -> str:
    """Keep a picture for an article; the Markdown that shows it."""
    _checked(data)  # a clear message before taking the write lock

    def write(conn: apsw.Connection) -> str:
        acting_user(conn, actor, Permission.MANAGE_FAQ)
        sha256 = store_image_in(conn, data)
        audit.record(
            conn,
            user_id=actor.user_id,
            action="faq.image",
            object_type="blob",
            detail=f"sha256={sha256}; size={len(data)}",
            remote_addr=actor.audit_addr,
        )
        return sha256

    return image_markdown(await store.write(write), name)


async def read_image(store: Store, actor: Actor, *, sha256: str) -> bytes | None:
    """A picture some article may show; None for any other blob (a ticket's screenshot is not
    the FAQ readers' to see)."""
    if not _SHA256.match(sha256):
        return None
    return await checked_read(
        store, actor, Permission.VIEW_FAQ, lambda conn: faq_feedback.image_data(conn, sha256)
    )


async def images_of(store: Store, actor: Actor, *, hashes: list[str]) -> dict[str, bytes]:
    """The bytes of these FAQ pictures (those held), for export."""

    def read(conn: apsw.Connection) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for sha in hashes:
            data = faq_feedback.image_data(conn, sha) if _SHA256.match(sha) else None
            if data is not None:
                found[sha] = data
        return found

    return await checked_read(store, actor, Permission.VIEW_FAQ, read)
