"""The retry policy: exponential backoff with full jitter, capped, reset on success.

Attempt n (from 0) waits a uniform random time in ``[0, min(cap, base * 2**n)]`` ("full jitter",
AWS Architecture Blog, 2015): many clients that failed together do not retry together. A server's
``Retry-After`` is a floor (``next_delay(at_least=...)``), itself capped.
"""

from __future__ import annotations

import random

DEFAULT_BASE_SECONDS = 1.0
DEFAULT_CAP_SECONDS = 300.0
# 2**64 overflows nothing in Python ints but does in floats; past this the cap rules anyway.
_MAX_EXPONENT = 62


class Backoff:
    """Delays between retries of one operation. Not thread-safe; one per sending loop."""

    def __init__(
        self,
        base: float = DEFAULT_BASE_SECONDS,
        cap: float = DEFAULT_CAP_SECONDS,
        rng: random.Random | None = None,
    ) -> None:
        if base <= 0 or cap <= 0:
            raise ValueError("base and cap must be positive")
        self.base = base
        self.cap = cap
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
        self.attempt = 0

    def ceiling(self) -> float:
        """The longest the next delay can be."""
        return min(self.cap, self.base * 2 ** min(self.attempt, _MAX_EXPONENT))

    def next_delay(self, *, at_least: float = 0.0) -> float:
        """Seconds to wait before the next try; counts one more failed attempt."""
        delay = self._rng.uniform(0.0, self.ceiling())
        self.attempt += 1
        floor = min(max(at_least, 0.0), self.cap)
        return max(delay, floor)

    def reset(self) -> None:
        """After a success: the next failure starts from ``base`` again."""
        self.attempt = 0
