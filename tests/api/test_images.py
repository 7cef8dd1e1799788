"""Safe decoding of uploaded screenshots, without a server."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from appliance.api.images import ImageFacts, ImageRefused, inspect_image
from tests.api.support import _chunk, bomb_png, image_bytes, png_bytes, truncated_png


@pytest.mark.parametrize(
    ("fmt", "media_type"), [("PNG", "image/png"), ("WEBP", "image/webp"), ("JPEG", "image/jpeg")]
)
def test_accepted_formats(fmt: str, media_type: str) -> None:
    assert inspect_image(image_bytes(fmt, 20, 10)) == ImageFacts(media_type, 20, 10)


@pytest.mark.parametrize(
    ("data", "reason", "size"),
    [
        (bomb_png(), "too_large", (0, 0)),  # Pillow's own hard limit trips first
        (bomb_png(10_000, 10_000), "too_large", (10_000, 10_000)),
        (bomb_png(8_000, 7_000), "too_large", (8_000, 7_000)),
        (b"", "not_an_image", (0, 0)),
        (b"GIF89a" + b"\x00" * 100, "not_an_image", (0, 0)),
        (image_bytes("GIF"), "not_an_image", (0, 0)),
        (image_bytes("BMP"), "not_an_image", (0, 0)),
        (image_bytes("TIFF"), "not_an_image", (0, 0)),
        (truncated_png(), "not_an_image", (0, 0)),
        (png_bytes()[:-12], "not_an_image", (0, 0)),  # IEND missing
    ],
    ids=["30GB", "100MP", "56MP", "empty", "gif-junk", "gif", "bmp", "tiff", "cut", "no-iend"],
)
def test_refused(data: bytes, reason: str, size: tuple[int, int]) -> None:
    with pytest.raises(ImageRefused) as refused:
        inspect_image(data)
    assert refused.value.reason == reason
    assert (refused.value.width, refused.value.height) == size


def test_the_pixel_limit_is_per_call() -> None:
    data = png_bytes(100, 100)
    assert inspect_image(data, max_pixels=10_000).width == 100
    with pytest.raises(ImageRefused):
        inspect_image(data, max_pixels=9_999)


def test_a_corrupted_crc_is_refused() -> None:
    data = bytearray(png_bytes(50, 50, seed=3))
    # Flip a byte inside the IDAT chunk: its CRC no longer matches.
    idat = data.index(b"IDAT")
    data[idat + 8] ^= 0xFF
    with pytest.raises(ImageRefused):
        inspect_image(bytes(data))


def test_decode_up_to_leaves_bigger_images_for_elsewhere() -> None:
    small, big = png_bytes(64, 48), png_bytes(600, 500)
    assert inspect_image(small, decode_up_to=512 * 512) == ImageFacts("image/png", 64, 48)
    assert inspect_image(big, decode_up_to=512 * 512) is None
    assert inspect_image(big) == ImageFacts("image/png", 600, 500)
    # Refusals do not wait for the decoding step.
    with pytest.raises(ImageRefused):
        inspect_image(bomb_png(10_000, 10_000), decode_up_to=512 * 512)
    with pytest.raises(ImageRefused):
        inspect_image(b"text", decode_up_to=512 * 512)


def _png_of_rows(width: int, height: int, rows: bytes, *, interlace: int = 0) -> bytes:
    """An RGB PNG whose image data is ``rows`` (filter bytes included), with valid CRCs."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, interlace)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def _rows(width: int, height: int) -> bytes:
    return b"".join(bytes([y % 5]) + bytes(3 * width) for y in range(height))


def test_png_image_data_is_inflated_and_checked_row_by_row() -> None:
    good = _rows(50, 40)
    row = 1 + 3 * 50
    assert inspect_image(_png_of_rows(50, 40, good)) == ImageFacts("image/png", 50, 40)
    refused = [
        good[:-1],  # one byte short of the last row (CRCs valid: only decoding can tell)
        good[: row * 20],  # half the rows
        good[: row * 7] + b"\x07" + good[row * 7 + 1 :],  # filter type 7 does not exist
        good[: row * 39] + b"\x05" + good[row * 39 + 1 :],  # ... on the last row
    ]
    for rows in refused:
        with pytest.raises(ImageRefused) as refusal:
            inspect_image(_png_of_rows(50, 40, rows))
        assert refusal.value.reason == "not_an_image"


@pytest.mark.parametrize("mode", ["1", "L", "LA", "P", "RGB", "RGBA", "I;16"])
@pytest.mark.parametrize("interlace", [0, 1])
def test_every_png_kind_pillow_writes_is_accepted(mode: str, interlace: int) -> None:
    for size in [(1, 1), (3, 7), (17, 5), (1, 300), (300, 1)]:
        picture = Image.effect_noise(size, 80).convert(mode)
        out = io.BytesIO()
        picture.save(out, "PNG", interlace=interlace)
        assert inspect_image(out.getvalue()) == ImageFacts("image/png", *size)
        cut = _png_of_rows(*size, b"\x00", interlace=interlace)
        with pytest.raises(ImageRefused):
            inspect_image(cut)


def test_a_damaged_or_cut_webp_is_refused() -> None:
    data = image_bytes("WEBP", 300, 200)
    for bad in (data[: len(data) // 2], data[:-10]):
        with pytest.raises(ImageRefused):
            inspect_image(bad)


def test_an_animated_webp_is_refused() -> None:
    frames = [Image.new("RGB", (40, 30), colour) for colour in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    with pytest.raises(ImageRefused) as refusal:
        inspect_image(out.getvalue())
    assert refusal.value.reason == "not_an_image"
