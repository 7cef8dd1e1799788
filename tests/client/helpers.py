"""Small builders shared by the client tests."""

from __future__ import annotations

import hashlib

from client.compose import QueuedRequest, queue_request
from client.outbox import Outbox
from sync.wire import MachineFacts

FACTS = MachineFacts(hostname="pc-01", os="Linux", os_user="ivanova")


def image_bytes(tag: str, size: int = 2048) -> bytes:
    """Distinct bytes per tag (the fake appliance does not decode images)."""
    seed = hashlib.sha256(tag.encode()).digest()
    return (seed * (size // len(seed) + 1))[:size]


class FakeShot:
    def __init__(self, tag: str) -> None:
        self.data = image_bytes(tag)
        self.media_type = "image/webp"
        self.width = 10
        self.height = 10

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def queue(outbox: Outbox, text: str, *, shot: bool = True) -> QueuedRequest:
    return queue_request(
        outbox,
        description=text,
        screenshot=FakeShot(text) if shot else None,  # type: ignore[arg-type]
        facts=FACTS,
    )
