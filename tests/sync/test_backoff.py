"""The retry policy: full jitter under an exponential ceiling, capped, reset on success."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.backoff import Backoff


@given(
    seed=st.integers(0, 2**32),
    base=st.floats(0.01, 10),
    cap=st.floats(0.1, 600),
    attempts=st.integers(1, 200),
    at_least=st.floats(-10, 10_000),
)
def test_delay_is_never_negative_and_never_above_cap(seed, base, cap, attempts, at_least):
    backoff = Backoff(base=base, cap=cap, rng=random.Random(seed))
    for _ in range(attempts):
        delay = backoff.next_delay(at_least=at_least)
        assert 0.0 <= delay <= cap


@given(seed=st.integers(0, 2**32), attempts=st.integers(0, 40))
def test_delay_stays_under_the_exponential_ceiling(seed, attempts):
    backoff = Backoff(base=1.0, cap=300.0, rng=random.Random(seed))
    for n in range(attempts):
        assert backoff.next_delay() <= min(300.0, 2.0**n)


def test_ceiling_doubles_until_the_cap_and_reset_starts_over():
    backoff = Backoff(base=1.0, cap=300.0, rng=random.Random(1))
    ceilings = []
    for _ in range(11):
        ceilings.append(backoff.ceiling())
        backoff.next_delay()
    assert ceilings == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    backoff.reset()
    assert backoff.attempt == 0
    assert backoff.ceiling() == 1.0


def test_jitter_spreads_delays_over_the_whole_range():
    # Full jitter: clients that failed together must not retry together.
    rng = random.Random(7)
    delays = []
    for _ in range(2000):
        backoff = Backoff(base=1.0, cap=300.0, rng=rng)
        for _ in range(4):
            delay = backoff.next_delay()
        delays.append(delay)  # fourth attempt: uniform in [0, 8]
    assert min(delays) < 0.5
    assert max(delays) > 7.5
    assert 3.5 < sum(delays) / len(delays) < 4.5


def test_same_seed_same_delays():
    a = Backoff(rng=random.Random(42))
    b = Backoff(rng=random.Random(42))
    assert [a.next_delay() for _ in range(10)] == [b.next_delay() for _ in range(10)]


def test_retry_after_is_a_floor_but_not_above_the_cap():
    backoff = Backoff(base=1.0, cap=60.0, rng=random.Random(3))
    assert backoff.next_delay(at_least=30) >= 30
    assert backoff.next_delay(at_least=3600) == 60.0


def test_huge_attempt_counts_do_not_overflow():
    backoff = Backoff(rng=random.Random(0))
    backoff.attempt = 10_000
    assert 0 <= backoff.next_delay() <= 300.0


@pytest.mark.parametrize(("base", "cap"), [(0, 1), (1, 0), (-1, 5)])
def test_non_positive_parameters_are_refused(base, cap):
    with pytest.raises(ValueError):
        Backoff(base=base, cap=cap)
