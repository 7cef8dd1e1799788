"""A ticket as the demo means to write it: what arrives, then each change and action in order.

Both writers take these plans: ``appliance.demo.store_writer`` through the ticket store's own
functions (the reference), ``appliance.demo.bulk`` in large batches with the same rows as result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Step:
    """One change made by a technician at ``at``.

    ``op`` is 'status' (value: the new status), 'assign' (value: user id), 'category'
    (value: category id), 'priority' (value: priority) or 'action' (a logged piece of work).
    """

    at: datetime
    op: str
    user_id: int
    value: Any = None
    kind: str = ""
    text: str = ""
    minutes: int = 0
    additional_work: bool = False
    visibility: str = "internal"


@dataclass(slots=True)
class TicketPlan:
    uuid: str
    source: str
    description: str
    submitted_at: datetime
    received_at: datetime
    org_id: int
    person_id: int | None
    equipment_id: int | None
    device_id: int | None
    contact_phone: str
    priority: str
    category_id: int | None
    assignee_id: int | None
    created_by: int | None
    machine_facts: dict[str, Any] | None
    content_hash: str
    attachments: tuple[str, ...]
    steps: list[Step] = field(default_factory=list)
