"""Deterministic randomness for the demo data: one independent stream per part.

Each part of the generator draws from its own stream, derived from the seed and the part's name,
so that changing how many values one part draws does not shift what another part produces.
"""

from __future__ import annotations

import hashlib
import random
import uuid


def stream(seed: int, part: str) -> random.Random:
    digest = hashlib.sha256(f"tiketnitsa-demo:{seed}:{part}".encode()).digest()
    # Reproducible on purpose: demo data, never secrets anyone relies on.
    return random.Random(int.from_bytes(digest[:16], "big"))  # noqa: S311


def uuid4_from(rng: random.Random) -> str:
    """A well-formed version-4 UUID drawn from ``rng`` (so it repeats with the seed)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def hex_token(rng: random.Random, nbytes: int) -> str:
    return rng.getrandbits(nbytes * 8).to_bytes(nbytes, "big").hex()


def password_like(rng: random.Random, length: int = 12) -> str:
    """A password-looking secret for demo credentials (never a real one)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    body = "".join(rng.choice(alphabet) for _ in range(length - 2))
    return body + rng.choice("!#%*+-=?@") + rng.choice("23456789")


def weighted(rng: random.Random, table: dict[str, float]) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]
