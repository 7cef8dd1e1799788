"""``tiketnitsa tickets list``: every ticket, ordered by number, as text or as one JSON array.

The JSON is written row by row from one read transaction (one consistent snapshot), so a store
of 100,000 tickets never becomes one list in memory.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

import apsw

from appliance.commands.common import add_data_dir, opened
from appliance.i18n import t

_TICKETS_SQL = (
    "SELECT t.number, t.uuid, t.status, o.name, t.description, t.submitted_at, t.received_at,"
    " (SELECT json_group_array(sha256) FROM (SELECT a.sha256 FROM ticket_attachments AS a"
    "   WHERE a.ticket_id = t.id ORDER BY a.position, a.sha256))"
    " FROM tickets AS t LEFT JOIN organizations AS o ON o.id = t.org_id ORDER BY t.number"
)
FIELDS = (
    "number",
    "uuid",
    "status",
    "organisation",
    "description",
    "submitted_at",
    "received_at",
    "attachments",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("tickets", help="read tickets")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="every ticket, ordered by number")
    add_data_dir(listing)
    listing.add_argument(
        "--json",
        action="store_true",
        help=f"one JSON array of objects with {', '.join(FIELDS)} (streamed)",
    )
    listing.set_defaults(handler=run_list)


def ticket_records(conn: apsw.Connection) -> Iterator[dict[str, Any]]:
    for row in conn.execute(_TICKETS_SQL):
        record = dict(zip(FIELDS, row, strict=True))
        record["attachments"] = json.loads(str(record["attachments"]))
        yield record


def write_json(conn: apsw.Connection, out: TextIO) -> int:
    """Write the JSON array to ``out`` as rows arrive; returns how many tickets."""
    # Keep the text readable where the terminal takes UTF-8; escape it where it does not.
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "")
    ascii_only = encoding != "utf8"
    count = 0
    out.write("[")
    for record in ticket_records(conn):
        out.write(",\n" if count else "\n")
        out.write(json.dumps(record, ensure_ascii=ascii_only))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_text(conn: apsw.Connection, out: TextIO, lang: str) -> int:
    count = 0
    for record in ticket_records(conn):
        summary = " ".join(str(record["description"]).split())
        if len(summary) > 70:
            summary = summary[:69] + "…"
        status = t(f"status.{record['status']}", lang)
        out.write(
            f"{record['number']:>7}  {record['received_at'][:16].replace('T', ' ')}  "
            f"{status:<18}  {record['organisation'] or '—'}: {summary}\n"
        )
        count += 1
    if not count:
        out.write(t("admincli.no_tickets", lang) + "\n")
    return count


def run_list(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        out = sys.stdout
        lang = ctx.settings.lang
        try:
            if args.json:
                ctx.store.read_sync(lambda conn: write_json(conn, out))
            else:
                ctx.store.read_sync(lambda conn: write_text(conn, out, lang))
            out.flush()
        except BrokenPipeError:
            # The reader went away (``| head``): stop quietly, as Unix tools do. Point stdout at
            # devnull so the interpreter's final flush does not complain again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
    return 0
