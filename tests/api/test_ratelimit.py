"""The token bucket behind 429s, on a clock the test moves."""

from __future__ import annotations

import pytest

from appliance.api.ratelimit import MAX_KEYS, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_one_token_per_interval() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=3, clock=clock)
    assert [limiter.take("a") for _ in range(3)] == [0, 0, 0]
    assert limiter.take("a") == 1
    clock.now += 0.5
    assert limiter.take("a") == 1  # half a token: still a second to wait, rounded up
    clock.now += 0.5
    assert limiter.take("a") == 0
    assert limiter.take("a") == 1


def test_the_wait_reflects_the_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=6, burst=1, clock=clock)
    assert limiter.take("a") == 0
    assert limiter.take("a") == 10
    clock.now += 4
    assert limiter.take("a") == 6


def test_keys_are_independent_and_refill_stops_at_the_burst() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=2, clock=clock)
    assert [limiter.take("a"), limiter.take("a"), limiter.take("a")] == [0, 0, 1]
    assert limiter.take("b") == 0
    clock.now += 3600
    assert [limiter.take("a"), limiter.take("a"), limiter.take("a")] == [0, 0, 1]


def test_idle_buckets_are_forgotten_when_there_are_too_many() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=1, clock=clock)
    for i in range(MAX_KEYS):
        limiter.take(f"k{i}")
    clock.now += 10  # every bucket is full again
    limiter.take("newcomer")
    assert len(limiter._buckets) == 1


@pytest.mark.parametrize(("per_minute", "burst"), [(0, 1), (10, 0), (-1, 5)])
def test_nonsense_limits_are_refused(per_minute: float, burst: int) -> None:
    with pytest.raises(ValueError):
        RateLimiter(per_minute=per_minute, burst=burst)
