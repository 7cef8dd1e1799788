"""Thumbnails are made a bounded number at a time, once per screenshot, and kept."""

from __future__ import annotations

import asyncio
import hashlib
import io
import os

import pytest
from PIL import Image

from appliance.ui.tickets.thumbnails import THUMB_BOX, Thumbnails


def screenshot(seed: int, size: tuple[int, int] = (1600, 900)) -> tuple[str, bytes]:
    # Noise, so that each PNG really has to be inflated and shrunk.
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    image.putpixel((0, 0), (seed % 256, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    data = out.getvalue()
    return hashlib.sha256(data).hexdigest(), data


def test_at_most_two_decode_at_once_and_each_gives_a_small_jpeg() -> None:
    thumbnails = Thumbnails(decodes=2)
    shots = [screenshot(n) for n in range(6)]

    async def all_at_once() -> list[bytes]:
        return await asyncio.gather(*(thumbnails.thumbnail(sha, data) for sha, data in shots))

    thumbs = asyncio.run(all_at_once())
    assert thumbnails.busiest == 2  # two side by side, never more
    assert thumbnails.made == 6
    for thumb in thumbs:
        with Image.open(io.BytesIO(thumb)) as image:
            assert image.format == "JPEG"
            assert image.width <= THUMB_BOX[0] and image.height <= THUMB_BOX[1]


def test_a_screenshot_asked_for_by_many_windows_is_decoded_once() -> None:
    thumbnails = Thumbnails(decodes=2)
    sha, data = screenshot(1)

    async def fifty_windows() -> list[bytes]:
        return await asyncio.gather(*(thumbnails.thumbnail(sha, data) for _ in range(50)))

    thumbs = asyncio.run(fifty_windows())
    assert thumbnails.made == 1
    assert len(set(thumbs)) == 1


def test_only_the_last_thumbnails_are_kept() -> None:
    thumbnails = Thumbnails(kept=2)
    first, second, third = (screenshot(n, (64, 32)) for n in range(3))

    async def ask(*shots: tuple[str, bytes]) -> None:
        for sha, data in shots:
            await thumbnails.thumbnail(sha, data)

    asyncio.run(ask(first, second, first, third))  # `first` was used last before `third`
    assert thumbnails.made == 3
    asyncio.run(ask(first))  # still kept
    assert thumbnails.made == 3
    asyncio.run(ask(second))  # pushed out by `third`: made again
    assert thumbnails.made == 4


def test_bytes_that_are_not_an_image_raise_and_keep_nothing() -> None:
    thumbnails = Thumbnails()
    broken = b"\x89PNG\r\n\x1a\nnot really"

    async def three_windows() -> list[object]:
        asks = (thumbnails.thumbnail("0" * 64, broken) for _ in range(3))
        return await asyncio.gather(*asks, return_exceptions=True)

    answers = asyncio.run(three_windows())
    assert all(isinstance(answer, OSError) for answer in answers), answers
    assert thumbnails.made == 0 and thumbnails.busy == 0
    with pytest.raises(OSError):  # and the next request tries again, and fails the same way
        asyncio.run(thumbnails.thumbnail("0" * 64, broken))
