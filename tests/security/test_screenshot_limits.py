"""Screenshots: at most 3 x 4K (25 MP), judged from the header before decoding, and decoded in
memory bounded by the limit and the API's decode slots."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from appliance.api.images import MAX_IMAGE_PIXELS, ImageRefused, inspect_image
from tests.api.conftest import Device, Server
from tests.api.support import bomb_png, sha

THREE_4K = (3 * 3840, 2160)


def jpeg(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(out, "JPEG", quality=70)
    return out.getvalue()


def test_the_limit_is_three_4k_screens() -> None:
    assert THREE_4K[0] * THREE_4K[1] <= MAX_IMAGE_PIXELS < 26_000_000
    assert inspect_image(jpeg(THREE_4K)).width == THREE_4K[0]
    with pytest.raises(ImageRefused) as refused:
        inspect_image(bomb_png(7_000, 4_000))  # 28 MP, refused from its header
    assert (refused.value.width, refused.value.height) == (7_000, 4_000)


def test_a_49_mp_upload_is_refused_with_its_size(api: Server, device: Device) -> None:
    data = bomb_png(7_000, 7_000)
    with api.client(device.token) as client:
        answer = client.put(
            f"/api/v1/blobs/{sha(data)}", content=data, headers={"Content-Type": "image/png"}
        )
    assert answer.status_code == 422
    assert answer.json()["error"] == "image_too_large"
    assert "7000×7000" in answer.json()["message"] and "25" in answer.json()["message"]


# Peak memory of checking one screenshot at the limit, measured in a fresh process (the
# decoders allocate outside Python's allocator, so the kernel's peak RSS, VmHWM — not
# ru_maxrss, which a child inherits from a bigger parent). Before the bounded decoders
# (Pillow's load()): PNG +97 MB, WebP +404 MB (lossy) and +413 MB (lossless).
_PEAK_CHILD = """
import sys
from appliance.api.images import inspect_image

def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024

data = open(sys.argv[1], "rb").read()
before = peak()
facts = inspect_image(data)
print(facts.width, facts.height, peak() - before)
"""
MB = 1024 * 1024


def _three_4k_screens() -> Image.Image:
    """A desktop-like picture: flat colour with bands of noise the encoders must work on."""
    picture = Image.new("RGB", THREE_4K, (40, 90, 160))
    noise = Image.effect_noise((THREE_4K[0], 100), 60).convert("RGB")
    for y in range(0, THREE_4K[1], 540):
        picture.paste(noise, (0, y))
    return picture


@pytest.mark.parametrize(
    ("fmt", "options", "limit"),
    [
        ("PNG", {"compress_level": 1}, 16 * MB),
        ("WEBP", {"quality": 60, "method": 0}, 48 * MB),
        # Lossless WebP refers back to any earlier pixel: libwebp keeps 4 bytes a pixel, once.
        ("WEBP", {"lossless": True, "quality": 0, "method": 0}, 150 * MB),
        ("JPEG", {"quality": 70}, 16 * MB),
    ],
    ids=["png", "webp-lossy", "webp-lossless", "jpeg"],
)
def test_a_screenshot_at_the_limit_is_checked_in_bounded_memory(
    tmp_path: Path, fmt: str, options: dict[str, object], limit: int
) -> None:
    path = tmp_path / "shot"
    _three_4k_screens().save(path, fmt, **options)
    child = subprocess.run(
        [sys.executable, "-c", _PEAK_CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    width, height, peak = (int(v) for v in child.stdout.split())
    assert (width, height) == THREE_4K
    print(f"{fmt} {options}: +{peak / MB:.1f} MB to check {width}x{height}")
    assert peak < limit
