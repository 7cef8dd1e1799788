"""Blob upload: addressed by SHA-256, decoded safely, stored once however often it is sent."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from sync.wire import BlobStored
from tests.api.conftest import Device, Server
from tests.api.support import image_bytes, png_bytes, sha


def stored_blob(conn, sha256: str) -> tuple[str, bytes] | None:  # type: ignore[no-untyped-def]
    """(media type, bytes) as the store holds them."""
    row = conn.execute("SELECT media_type, data FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
    return (row[0], bytes(row[1])) if row else None


@pytest.mark.parametrize(
    ("fmt", "media_type"), [("PNG", "image/png"), ("WEBP", "image/webp"), ("JPEG", "image/jpeg")]
)
def test_each_accepted_format_is_stored_with_its_facts(
    api: Server, device: Device, fmt: str, media_type: str, store_state
) -> None:
    data = image_bytes(fmt, 40, 30)
    before = store_state()
    with api.client(device.token) as client:
        answer = client.put(f"/api/v1/blobs/{sha(data)}", content=data)
    assert answer.status_code == 201, answer.text
    stored = BlobStored.model_validate(answer.json())
    assert stored == BlobStored(
        sha256=sha(data),
        size=len(data),
        media_type=media_type,
        width=40,
        height=30,
        created=True,
    )
    assert store_state()["blobs"] == before["blobs"] + 1
    assert api.ctx.store.read_sync(lambda conn: stored_blob(conn, sha(data))) == (media_type, data)


def test_sending_the_same_blob_again_is_a_200_and_stores_nothing_new(
    api: Server, device: Device, store_state
) -> None:
    data = png_bytes(300, 200, seed=4242)
    with api.client(device.token) as client:
        first = client.put(f"/api/v1/blobs/{sha(data)}", content=data)
        before = store_state()
        again = client.put(f"/api/v1/blobs/{sha(data)}", content=data)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["created"] is False
    assert again.json()["width"] == 300
    assert store_state() == before


def test_a_blob_streamed_without_content_length_is_capped_too(
    api: Server, device: Device, store_state
) -> None:
    def chunks():
        for _ in range(40):
            yield b"\x00" * (64 * 1024)  # 2.5 MiB in total, over the 2 MiB limit

    before = store_state()
    with api.client(device.token) as client:
        answer = client.put(f"/api/v1/blobs/{'0' * 64}", content=chunks())
    assert answer.status_code == 413
    assert answer.json()["error"] == "payload_too_large"
    assert store_state() == before


def test_a_blob_just_under_the_limit_is_accepted(api: Server, device: Device) -> None:
    # Random pixels do not compress: a PNG close to 2 MiB.
    raw = os.urandom(800 * 800 * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (800, 800), raw).save(out, "PNG", compress_level=0)
    data = out.getvalue()
    assert 1.8 * 1024 * 1024 < len(data) <= 2 * 1024 * 1024
    with api.client(device.token) as client:
        answer = client.put(f"/api/v1/blobs/{sha(data)}", content=data)
    assert answer.status_code == 201, answer.text


def test_a_small_file_of_a_big_picture_is_decoded_off_the_loop_and_accepted(
    api: Server, device: Device
) -> None:
    # A flat 1920x1080 desktop compresses to a few KB: small in bytes, big in pixels.
    data = png_bytes(1920, 1080, seed=77)
    assert len(data) < 64 * 1024
    with api.client(device.token) as client:
        answer = client.put(f"/api/v1/blobs/{sha(data)}", content=data)
    assert answer.status_code == 201, answer.text
    assert (answer.json()["width"], answer.json()["height"]) == (1920, 1080)
