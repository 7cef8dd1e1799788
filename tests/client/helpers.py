"""Small builders shared by the client tests."""

from __future__ import annotations

import hashlib

from client.capture import Screenshot
from client.compose import QueuedRequest, queue_request
from client.outbox import Outbox
from sync.wire import MachineFacts

FACTS = MachineFacts(hostname="pc-01", os="Linux", os_user="ivanova")


def image_bytes(tag: str, size: int = 2048) -> bytes:
    """Distinct bytes per tag (the fake appliance does not decode images)."""
    seed = hashlib.sha256(tag.encode()).digest()
    return (seed * (size // len(seed) + 1))[:size]


def fake_shot(tag: str) -> Screenshot:
    return Screenshot(image_bytes(tag), "image/webp", 10, 10)


def queue(outbox: Outbox, text: str, *, shot: bool = True) -> QueuedRequest:
    return queue_request(
        outbox,
        description=text,
        screenshot=fake_shot(text) if shot else None,
        facts=FACTS,
    )
