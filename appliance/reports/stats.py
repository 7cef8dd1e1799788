"""Medians, percentiles and shares as the reports count them. Pure.

``median`` is the middle value (the mean of the two middle ones for an even count);
``percentile`` is the nearest-rank percentile: the smallest value with at least ``p`` % of the
values at or below it (p90 of ten values is the ninth smallest). No values: None.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return float(ordered[rank - 1])


def share(hits: int, total: int) -> float | None:
    """``hits`` of ``total`` as 0..1; None when nothing was counted."""
    return hits / total if total else None
