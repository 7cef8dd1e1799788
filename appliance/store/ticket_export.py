"""Every ticket, ordered by number, streamed row by row (``tiketnitsa tickets list``).

Rows come from the caller's read transaction as the cursor reaches them, so a store of 100,000
tickets never becomes one list in memory.

Besides what identifies a ticket, each record carries what scripts and the reports need:
priority, category ("Service › Problem"), assignee (login), person, the SLA moments, the minutes
logged (and of them, additional work at the user's request), and whether each SLA target was met
(true, false, or null while undecided or without a due time: ``appliance.reports.measures`` counts
the same way, so the efficiency report can be recomputed from this list).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import apsw

from appliance.domain.clock import now_db
from appliance.store.categories import LABEL_SQL

# The fields of one record, in the order ``tickets list --json`` writes them.
EXPORT_FIELDS = (
    "number",
    "uuid",
    "status",
    "organisation",
    "description",
    "submitted_at",
    "received_at",
    "attachments",
    "priority",
    "category",
    "assignee",
    "person",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "minutes_total",
    "minutes_additional",
    "sla_response_met",
    "sla_resolution_met",
)

# Met: the moment came by the due time. Missed: it came later, or the due time passed with the
# clock running (or before the clock stopped). Otherwise undecided (NULL).
_MET = (
    "CASE WHEN t.{due} IS NULL THEN NULL WHEN {done} IS NOT NULL THEN {done} <= t.{due}"
    " WHEN COALESCE(t.sla_paused_since, :now) > t.{due} THEN 0 ELSE NULL END"
)

_EXPORT_SQL = (
    "SELECT t.number AS number, t.uuid AS uuid, t.status AS status, o.name AS organisation,"
    " t.description AS description, t.submitted_at AS submitted_at,"
    " t.received_at AS received_at,"
    " (SELECT json_group_array(sha256) FROM (SELECT a.sha256 FROM ticket_attachments AS a"
    "   WHERE a.ticket_id = t.id ORDER BY a.position, a.sha256)) AS attachments,"
    " t.priority AS priority,"
    f" CASE WHEN c.id IS NULL THEN NULL ELSE {LABEL_SQL} END AS category,"
    " u.login AS assignee, p.full_name AS person,"
    " t.first_response_at AS first_response_at, t.resolved_at AS resolved_at,"
    " t.closed_at AS closed_at,"
    " COALESCE((SELECT sum(w.minutes) FROM ticket_actions AS w WHERE w.ticket_id = t.id), 0)"
    "   AS minutes_total,"
    " COALESCE((SELECT sum(w.minutes) FROM ticket_actions AS w"
    "   WHERE w.ticket_id = t.id AND w.additional_work = 1), 0) AS minutes_additional,"
    f" {_MET.format(due='response_due_at', done='t.first_response_at')} AS sla_response_met,"
    f" {_MET.format(due='resolution_due_at', done='COALESCE(t.resolved_at, t.closed_at)')}"
    "   AS sla_resolution_met"
    " FROM tickets AS t LEFT JOIN organizations AS o ON o.id = t.org_id"
    " LEFT JOIN categories AS c ON c.id = t.category_id"
    " LEFT JOIN categories AS parent ON parent.id = c.parent_id"
    " LEFT JOIN users AS u ON u.id = t.assignee_id"
    " LEFT JOIN persons AS p ON p.id = t.person_id"
    " ORDER BY t.number"
)


def ticket_records(conn: apsw.Connection, *, now: str | None = None) -> Iterator[dict[str, Any]]:
    """One dict per ticket (keys ``EXPORT_FIELDS``; times as stored, attachments a list, the
    SLA flags booleans or None as of ``now``, stored time text, default this moment)."""
    cursor = conn.execute(_EXPORT_SQL, {"now": now or now_db()})
    names: tuple[str, ...] | None = None
    for row in cursor:
        if names is None:
            names = tuple(column[0] for column in cursor.getdescription())
        record = dict(zip(names, row, strict=True))
        record["attachments"] = json.loads(str(record["attachments"]))
        for flag in ("sla_response_met", "sla_resolution_met"):
            if record[flag] is not None:
                record[flag] = bool(record[flag])
        yield record
