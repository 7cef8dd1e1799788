"""Every ticket, ordered by number, streamed row by row (``tiketnitsa tickets list``).

Rows come from the caller's read transaction as the cursor reaches them, so a store of 100,000
tickets never becomes one list in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import apsw

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
)

_EXPORT_SQL = (
    "SELECT t.number AS number, t.uuid AS uuid, t.status AS status, o.name AS organisation,"
    " t.description AS description, t.submitted_at AS submitted_at,"
    " t.received_at AS received_at,"
    " (SELECT json_group_array(sha256) FROM (SELECT a.sha256 FROM ticket_attachments AS a"
    "   WHERE a.ticket_id = t.id ORDER BY a.position, a.sha256)) AS attachments"
    " FROM tickets AS t LEFT JOIN organizations AS o ON o.id = t.org_id ORDER BY t.number"
)


def ticket_records(conn: apsw.Connection) -> Iterator[dict[str, Any]]:
    """One dict per ticket (keys ``EXPORT_FIELDS``; times as stored, attachments a list)."""
    cursor = conn.execute(_EXPORT_SQL)
    names: tuple[str, ...] | None = None
    for row in cursor:
        if names is None:
            names = tuple(column[0] for column in cursor.getdescription())
        record = dict(zip(names, row, strict=True))
        record["attachments"] = json.loads(str(record["attachments"]))
        yield record
