"""Safe decoding of uploaded screenshots, without a server."""

from __future__ import annotations

import pytest

from appliance.api.images import ImageFacts, ImageRefused, inspect_image
from tests.api.support import bomb_png, image_bytes, png_bytes, truncated_png


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
