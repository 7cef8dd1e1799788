"""Screenshots are served to signed-in users only, with a Content-Type taken from the bytes."""

from __future__ import annotations

import hashlib
import io

import pytest
from nicegui.testing import User
from PIL import Image

from appliance.context import AppContext
from appliance.domain.clock import utc_now
from appliance.store.blobs import put_blob
from tests.conftest import Account
from tests.ui.ticket_seed import Seed, insert, seed_client


@pytest.fixture
def seed(ctx: AppContext) -> Seed:
    return seed_client(ctx.store)


def attach(ctx: AppContext, seed: Seed, data: bytes, media_type: str) -> str:
    sha = hashlib.sha256(data).hexdigest()

    def write(conn):  # type: ignore[no-untyped-def]
        put_blob(
            conn, sha256=sha, data=data, media_type=media_type, width=1, height=1, now=utc_now()
        )
        insert(conn, "ticket_attachments", ticket_id=seed.ticket, sha256=sha, position=1)

    ctx.store.write_sync(write)
    return sha


async def test_anonymous_gets_nothing(user: User, seed: Seed) -> None:
    for path in (f"/ui/blobs/{seed.screenshot_sha}", f"/ui/blobs/{seed.screenshot_sha}/thumb"):
        response = await user.http_client.get(path)
        assert response.status_code == 401
        assert not response.content.startswith(b"\x89PNG")


async def test_signed_in_user_gets_the_image_and_a_thumbnail(
    user: User, log_in, add_user, seed: Seed
) -> None:
    manager: Account = add_user("manager", "boss")
    await log_in(manager)  # reading tickets is enough; managers see screenshots too
    response = await user.http_client.get(f"/ui/blobs/{seed.screenshot_sha}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert hashlib.sha256(response.content).hexdigest() == seed.screenshot_sha
    etag = response.headers["etag"]
    again = await user.http_client.get(
        f"/ui/blobs/{seed.screenshot_sha}", headers={"If-None-Match": etag}
    )
    assert again.status_code == 304 and again.content == b""

    thumb = await user.http_client.get(f"/ui/blobs/{seed.screenshot_sha}/thumb")
    assert thumb.status_code == 200
    assert thumb.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(thumb.content)) as image:
        assert image.format == "JPEG"
        assert image.width <= 720 and image.height <= 360
        assert image.width == 640  # 1600x900 fitted into 720x360 keeps its aspect


async def test_stored_html_is_never_served_as_a_page(
    user: User, log_in, add_user, seed: Seed, ctx: AppContext
) -> None:
    # Whatever a blob claims to be, bytes that are not an image are a download, sandboxed.
    sha = attach(ctx, seed, b"<html><script>alert(1)</script></html>", "image/png")
    await log_in(add_user("technician", "ivan"))
    response = await user.http_client.get(f"/ui/blobs/{sha}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in response.headers["content-security-policy"]
    thumb = await user.http_client.get(f"/ui/blobs/{sha}/thumb")
    assert thumb.status_code == 404


async def test_unknown_unattached_and_malformed_names_are_404(
    user: User, log_in, add_user, seed: Seed, ctx: AppContext
) -> None:
    loose = hashlib.sha256(b"loose").hexdigest()
    ctx.store.write_sync(
        lambda conn: put_blob(
            conn,
            sha256=loose,
            data=seed_png(),
            media_type="image/png",
            width=1,
            height=1,
            now=utc_now(),
        )
    )
    await log_in(add_user("technician", "ivan"))
    for name in ("0" * 64, loose, "../../etc/passwd", "ABC"):
        response = await user.http_client.get(f"/ui/blobs/{name}")
        assert response.status_code == 404, name


def seed_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2)).save(out, "PNG")
    return out.getvalue()
