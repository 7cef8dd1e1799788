"""Login throttling: after a few wrong passwords for a login name, each further attempt waits
longer (1 s, 2 s, 4 s, ... up to a cap).

The policy is pure arithmetic; ``LoginGuard`` (``appliance.services.signin``) applies it.
Failures of existing accounts live in ``users.failed_logins`` / ``last_failed_login_at``; failures
of login names with no account live in ``UnknownLoginFailures`` (memory, bounded), so probing
for names is throttled exactly like guessing a password.

Failures are also counted per source address (``ADDRESS_POLICY``, more free attempts: an
office behind one NAT shares it; forgotten after ``ADDRESS_WINDOW`` without failures), so one
password tried across many names is slowed too.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    free_attempts: int = 5
    base_delay: float = 1.0  # seconds, doubled with every further failure
    max_delay: float = 60.0

    def delay_after(self, failures: int) -> float:
        """How long after the last failure the next attempt must wait."""
        if failures < self.free_attempts:
            return 0.0
        # The exponent is capped so that a huge failure count cannot overflow a float.
        exponent = min(failures - self.free_attempts, 32)
        return min(self.base_delay * 2**exponent, self.max_delay)

    def wait_before_attempt(
        self, failures: int, last_failed_at: datetime | None, now: datetime
    ) -> float:
        """Seconds the attempt starting ``now`` is held back (0 when none)."""
        if last_failed_at is None:
            return 0.0
        due = last_failed_at + timedelta(seconds=self.delay_after(failures))
        return max(0.0, (due - now).total_seconds())


# Per source address: more free attempts than per name (many people, one NAT address).
ADDRESS_POLICY = ThrottlePolicy(free_attempts=20, base_delay=1.0, max_delay=60.0)
ADDRESS_WINDOW = timedelta(minutes=15)


@dataclass
class _Failures:
    count: int
    last_at: datetime


class UnknownLoginFailures:
    """Failure counts of login names that have no account, kept in memory.

    Bounded: past ``capacity`` names, the one whose last failure is oldest is forgotten, so a
    flood of made-up names cannot grow memory without limit.
    """

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._failures: OrderedDict[str, _Failures] = OrderedDict()

    def get(self, name: str) -> tuple[int, datetime | None]:
        entry = self._failures.get(name)
        return (entry.count, entry.last_at) if entry else (0, None)

    def record(self, name: str, at: datetime) -> None:
        entry = self._failures.pop(name, None)
        count = entry.count + 1 if entry else 1
        self._failures[name] = _Failures(count, at)  # re-inserted last: most recent
        while len(self._failures) > self._capacity:
            self._failures.popitem(last=False)

    def forget(self, name: str) -> None:
        self._failures.pop(name, None)

    def __len__(self) -> int:
        return len(self._failures)
