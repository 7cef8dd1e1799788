"""Deciding whether uploaded bytes are a screenshot we accept, without trusting them.

Pillow reads only the header on ``open``; the pixel limit is checked there, against our own
limit (per call, not Pillow's process-wide ``MAX_IMAGE_PIXELS``), before anything is decoded.
Then ``verify()`` checks the file's structure (PNG CRCs) and the whole image is decoded, which
catches truncated files and data that lies about its size — in bounded memory: a JPEG at 1/8
scale (Pillow's draft mode), a PNG by inflating its rows in pieces and a WebP by libwebp at 1/8
scale (``bounded_decode``), never holding every pixel.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image

from appliance.api.bounded_decode import check_png, check_webp, webp_check_available

# The largest real multi-monitor desktop a help desk sees: three 4K screens, 3 x 3840 x 2160 =
# 24.9 MP. Checking one at the limit costs about +4 MB (PNG), +8 MB (JPEG), +10 MB (lossy WebP)
# or +116 MB (lossless WebP: libwebp keeps 4 bytes a pixel) — tests/security/
# test_screenshot_limits.py; the API checks a bounded number at a time (ApiState.decode_slots),
# so this limit bounds the memory uploads can take.
MAX_IMAGE_PIXELS = 25_000_000
FORMATS = {"PNG": "image/png", "WEBP": "image/webp", "JPEG": "image/jpeg"}

# Our own limit is lower and checked on every call, so Pillow's warning between its two
# thresholds only adds noise. (warnings.catch_warnings per call would not be thread-safe.)
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


class ImageRefused(Exception):
    """``reason``: 'not_an_image' or 'too_large' (then ``width`` and ``height`` are known or 0)."""

    def __init__(self, reason: str, width: int = 0, height: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.width = width
        self.height = height


@dataclass(frozen=True)
class ImageFacts:
    media_type: str
    width: int
    height: int


def inspect_image(
    data: bytes, *, max_pixels: int = MAX_IMAGE_PIXELS, decode_up_to: int | None = None
) -> ImageFacts | None:
    """Facts of a PNG, WebP or JPEG image, or ``ImageRefused``. CPU-bound: call in a thread.

    ``max_pixels`` must stay below Pillow's own hard limit (about 179 MP). With
    ``decode_up_to``, an acceptable image declaring more pixels than that is not decoded and
    the answer is None (the caller decodes it elsewhere, e.g. off the event loop).
    """
    try:
        with Image.open(io.BytesIO(data), formats=list(FORMATS)) as img:
            width, height = img.size
            media_type = FORMATS[str(img.format)]
            if width * height > max_pixels:
                raise ImageRefused("too_large", width, height)
            if decode_up_to is not None and width * height > decode_up_to:
                return None
            img.verify()
        if media_type == "image/png":
            check_png(data)
        elif media_type == "image/webp" and webp_check_available():
            check_webp(data)
        else:
            _decode_with_pillow(data, width, height)
    except ImageRefused:
        raise
    except Image.DecompressionBombError:
        raise ImageRefused("too_large") from None
    except Exception:
        # Pillow's decoders raise many exception types on malformed input; all mean "not ours".
        raise ImageRefused("not_an_image") from None
    return ImageFacts(media_type, width, height)


def _decode_with_pillow(data: bytes, width: int, height: int) -> None:
    with Image.open(io.BytesIO(data), formats=list(FORMATS)) as img:
        if img.format == "JPEG":
            # A JPEG decodes at 1/8 scale just as completely (every block of the entropy
            # stream is read), in 1/64 of the memory.
            img.draft(img.mode, (max(1, width // 8), max(1, height // 8)))
        img.load()
