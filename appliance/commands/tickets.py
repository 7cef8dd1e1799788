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

from appliance.commands.common import add_data_dir, opened
from appliance.i18n import t
from appliance.services.actor import Actor
from appliance.services.tickets import EXPORT_FIELDS, export_tickets_sync
from appliance.services.types import Store

FIELDS = EXPORT_FIELDS


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


def write_json(store: Store, out: TextIO) -> int:
    """Write the JSON array to ``out`` as rows arrive; returns how many tickets."""
    # Keep the text readable where the terminal takes UTF-8; escape it where it does not.
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "")
    ascii_only = encoding != "utf8"

    def write(records: Iterator[dict[str, Any]]) -> int:
        count = 0
        out.write("[")
        for record in records:
            out.write(",\n" if count else "\n")
            out.write(json.dumps(record, ensure_ascii=ascii_only))
            count += 1
        out.write("\n]\n" if count else "]\n")
        return count

    return export_tickets_sync(store, Actor.cli(), write)


def write_text(store: Store, out: TextIO, lang: str) -> int:
    return export_tickets_sync(store, Actor.cli(), lambda records: _text(records, out, lang))


def _text(records: Iterator[dict[str, Any]], out: TextIO, lang: str) -> int:
    count = 0
    for record in records:
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
                write_json(ctx.store, out)
            else:
                write_text(ctx.store, out, lang)
            out.flush()
        except BrokenPipeError:
            # The reader went away (``| head``): stop quietly, as Unix tools do. Point stdout at
            # devnull so the interpreter's final flush does not complain again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
    return 0
