"""Screenshots: at most 3 x 4K (25 MP), judged from the header before decoding, and decoded in
memory bounded by the limit and the API's decode slots."""

from __future__ import annotations

import io

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
