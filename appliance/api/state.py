"""What the API keeps for the life of the process, beside the store: limiters, the certificate
fingerprint handed out at enrolment, when each device was last marked seen."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass, field

from appliance.api.ratelimit import RateLimiter
from appliance.context import AppContext
from appliance.domain.clock import utc_now
from appliance.services.devices import mark_device_seen
from appliance.services.group_commit import GroupCommit
from appliance.tls import fingerprint_of_pem

log = logging.getLogger("tiketnitsa.api")

# Marking a device seen is a write; once a minute per device is plenty for "last seen".
SEEN_INTERVAL_SECONDS = 60.0
# JSON bodies are small (a description of at most 5000 characters and machine facts).
JSON_BODY_LIMIT = 256 * 1024
# Decoding an image can take width x height x 4 bytes; at most this many at a time.
CONCURRENT_DECODES = 2


@dataclass
class ApiState:
    ctx: AppContext
    device_limiter: RateLimiter
    address_limiter: RateLimiter
    # Every API write goes through here: concurrent requests share a transaction and its fsync.
    writes: GroupCommit
    decode_slots: asyncio.Semaphore = field(
        default_factory=lambda: asyncio.Semaphore(CONCURRENT_DECODES)
    )
    _seen: dict[int, float] = field(default_factory=dict)
    _seen_lock: threading.Lock = field(default_factory=threading.Lock)
    _fingerprint: str | None = None
    _background: set[asyncio.Task[None]] = field(default_factory=set)

    @classmethod
    def for_context(cls, ctx: AppContext) -> ApiState:
        settings = ctx.settings
        return cls(
            ctx=ctx,
            writes=GroupCommit(ctx.store),
            device_limiter=RateLimiter(
                per_minute=settings.api_requests_per_minute, burst=settings.api_burst
            ),
            address_limiter=RateLimiter(
                per_minute=settings.api_requests_per_minute, burst=settings.api_burst
            ),
        )

    @property
    def default_lang(self) -> str:
        return self.ctx.settings.lang

    @property
    def max_blob_bytes(self) -> int:
        return self.ctx.settings.max_blob_bytes

    def server_fingerprint(self) -> str:
        """SHA-256 of the certificate made at init; what the client pins."""
        if self._fingerprint is None:
            self._fingerprint = fingerprint_of_pem(self.ctx.data_dir.cert_file.read_bytes())
        return self._fingerprint

    def note_seen(self, device_id: int) -> None:
        """Record the device as seen now, with at most one write a minute per device, off the
        request's path (the answer does not wait for it)."""
        now = time.monotonic()
        with self._seen_lock:
            last = self._seen.get(device_id)
            if last is not None and now - last < SEEN_INTERVAL_SECONDS:
                return
            self._seen[device_id] = now
        task = asyncio.get_running_loop().create_task(self._mark_seen(device_id))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _mark_seen(self, device_id: int) -> None:
        moment = utc_now()
        try:
            await mark_device_seen(self.writes, device_id, now=moment)
        except Exception:
            log.exception("could not mark device %s as seen", device_id)
