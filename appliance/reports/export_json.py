"""A report as JSON, for scripts (``tiketnitsa report ... --format json``): the title, the
lines, and each table as column descriptions and rows of ``{column key: value}``. Numbers stay
numbers (minutes, business seconds, shares 0..1); moments are ISO-8601 UTC, days ISO dates."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from appliance.reports.document import Document, Value


def _plain(value: Value) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def as_dict(doc: Document) -> dict[str, object]:
    return {
        "report": doc.kind,
        "title": doc.title,
        "lines": list(doc.lines),
        "notice": doc.notice,
        "time_zone": doc.time_zone,
        "tables": [
            {
                "key": table.key,
                "title": table.title,
                "columns": [
                    {"key": c.key, "title": c.title, "kind": c.kind} for c in table.columns
                ],
                "rows": [
                    {
                        "values": {
                            c.key: _plain(v) for c, v in zip(table.columns, row.values, strict=True)
                        },
                        **({"tone": row.tone} if row.tone else {}),
                        **({"print_only": True} if row.print_only else {}),
                    }
                    for row in table.rows
                ],
            }
            for table in doc.tables
        ],
    }


def render(doc: Document) -> bytes:
    return (json.dumps(as_dict(doc), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
