"""Thumbnails of screenshots for the ticket screen: made a bounded number at a time, and kept.

The API accepts screenshots up to 25 MP (three 4K screens). JPEGs shrink while they decode
(Pillow's draft mode), but a PNG or WebP is decoded whole before it is shrunk: about 100 MB of
pixels for the largest. When a new ticket arrives, every open ticket screen that shows it asks
for its thumbnail at once; unbounded, fifty technicians would decode the same 25 MP PNG fifty
times side by side. So at most ``DECODES`` thumbnails are made at a time (others wait their
turn), a screenshot being made for one window is waited for by the others, and the last
``KEPT`` thumbnails (some 30-80 KB each) stay in memory. The caller has checked the reader's
right to the screenshot before asking: keeping a thumbnail grants nothing.
"""

from __future__ import annotations

import asyncio
import io
import threading
from collections import OrderedDict

from PIL import Image

THUMB_BOX = (720, 360)
THUMB_QUALITY = 82
DECODES = 2
KEPT = 128


def make_thumbnail(data: bytes) -> bytes:
    """A JPEG that fits ``THUMB_BOX``. CPU-bound: call it in a thread."""
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", THUMB_BOX)  # JPEG: decode at a reduced scale, much faster
        small = image.convert("RGB")
        small.thumbnail(THUMB_BOX, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        small.save(out, "JPEG", quality=THUMB_QUALITY, optimize=True)
        return out.getvalue()


class Thumbnails:
    """The appliance's thumbnails, by the screenshot's SHA-256."""

    def __init__(self, decodes: int = DECODES, kept: int = KEPT) -> None:
        self.decodes = decodes
        self.kept = kept
        self._thumbs: OrderedDict[str, bytes] = OrderedDict()
        self._pending: dict[str, asyncio.Future[bytes]] = {}  # being made, by hash
        self._lock = threading.Lock()
        # An asyncio semaphore belongs to one event loop; the tests run several in turn.
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self.made = 0  # thumbnails decoded
        self.busy = 0  # decoding now
        self.busiest = 0  # the most decoding at once

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(self.decodes))
        return self._slots[1]

    def _kept(self, sha256: str) -> bytes | None:
        with self._lock:
            found = self._thumbs.get(sha256)
            if found is not None:
                self._thumbs.move_to_end(sha256)
            return found

    async def thumbnail(self, sha256: str, data: bytes) -> bytes:
        """The thumbnail of ``data`` (whose hash is ``sha256``); ``OSError``, ``ValueError``
        or ``Image.DecompressionBombError`` when the bytes are not a readable image."""
        while True:
            found = self._kept(sha256)
            if found is not None:
                return found
            pending = self._pending.get(sha256)
            if pending is None or pending.get_loop() is not asyncio.get_running_loop():
                return await self._make(sha256, data)
            try:
                return await asyncio.shield(pending)  # being made for another window
            except asyncio.CancelledError:
                if not pending.cancelled():
                    raise  # this request was cancelled, not the one making it
                # The window making it went away: try again (make it here, or wait anew).

    async def _make(self, sha256: str, data: bytes) -> bytes:
        made: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._pending[sha256] = made
        try:
            async with self._semaphore():
                self.busy += 1
                self.busiest = max(self.busiest, self.busy)
                try:
                    thumb = await asyncio.to_thread(make_thumbnail, data)
                finally:
                    self.busy -= 1
            self.made += 1
            with self._lock:
                self._thumbs[sha256] = thumb
                while len(self._thumbs) > self.kept:
                    self._thumbs.popitem(last=False)
            made.set_result(thumb)
            return thumb
        except asyncio.CancelledError:
            made.cancel()
            raise
        except Exception as error:
            made.set_exception(error)
            made.exception()  # the waiters, if any, get it; nobody need ask for it
            raise
        finally:
            if self._pending.get(sha256) is made:
                del self._pending[sha256]


THUMBNAILS = Thumbnails()
