"""The ticket list's state in its address: the view and every filter, so a list can be
bookmarked, survives a reload and comes back on Back.

    /tickets?view=open&q=принтер&status=new,in_progress&priority=high&org=3&assignee=none
            &category=7&sla=breached

Reading is forgiving: an unknown view, status, priority or SLA state, or a number that is not
one, is dropped (the list shows what is valid), never an error page.
"""

from __future__ import annotations

from urllib.parse import urlencode

from appliance.domain.workflow import PRIORITIES, STATUSES
from appliance.services.ticket_list import SLA_STATES, UNASSIGNED, ListFilters

PATH = "/tickets"
MAX_QUERY = 200
MAX_ID = 2**53


def _id(text: str) -> int | None:
    text = text.strip()
    if not text.isdigit():
        return None
    value = int(text)
    return value if 0 < value < MAX_ID else None


def _listed(text: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    wanted = {part.strip() for part in text.split(",")}
    return tuple(item for item in allowed if item in wanted)


def filters_from_query(
    *,
    q: str = "",
    status: str = "",
    priority: str = "",
    org: str = "",
    assignee: str = "",
    category: str = "",
    sla: str = "",
) -> ListFilters:
    who: int | str | None = UNASSIGNED if assignee.strip() == UNASSIGNED else _id(assignee)
    return ListFilters(
        statuses=_listed(status, STATUSES),
        priorities=_listed(priority, PRIORITIES),
        org_id=_id(org),
        assignee=who,
        category_id=_id(category),
        sla=sla if sla in SLA_STATES else None,
        text=q.strip()[:MAX_QUERY],
    )


def list_url(view: str, filters: ListFilters) -> str:
    """The address of this view with these filters (only what is set)."""
    params: list[tuple[str, str]] = [("view", view)]
    if filters.text:
        params.append(("q", filters.text))
    if filters.statuses:
        params.append(("status", ",".join(filters.statuses)))
    if filters.priorities:
        params.append(("priority", ",".join(filters.priorities)))
    for name, value in (
        ("org", filters.org_id),
        ("assignee", filters.assignee),
        ("category", filters.category_id),
        ("sla", filters.sla),
    ):
        if value is not None:
            params.append((name, str(value)))
    return f"{PATH}?{urlencode(params)}"
