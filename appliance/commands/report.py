"""``tiketnitsa report``: a report to a file, for scripts and scheduled mailing by cron.

    tiketnitsa report work --from 2026-05-01 --to 2026-05-31 --org "ООО Ромашка" \\
        --format pdf --out /srv/reports/romashka-2026-05.pdf
    tiketnitsa report efficiency --from 2026-04-01 --to 2026-06-30 --tech anna --format json \\
        --out -                                   (``-``: standard output)

Reports: work, categories, efficiency, sla. Formats: pdf, xlsx, csv (``--separator`` ";" or ",";
by default ";" for Russian), json. Dates are the appliance's local days, both included. The
report is in the installation's language unless ``--lang`` says otherwise. The file is written
whole or not at all (a temporary file renamed into place), so a cron job never mails half a
report. The export is audited like one from the Reports page.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from appliance.commands.common import add_data_dir, opened, run
from appliance.config import LANGUAGES
from appliance.domain.errors import InvalidInput
from appliance.reports.period import Period
from appliance.services.actor import Actor
from appliance.services.reports import (
    FORMATS,
    KINDS,
    ReportQuery,
    export_report,
    resolve_filter_names,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help="a report to a file (pdf, xlsx, csv, json)")
    add_data_dir(parser)
    parser.add_argument("kind", choices=KINDS, help="which report")
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--org", help="an organisation's name (or short name)")
    parser.add_argument("--tech", help="a technician's login")
    parser.add_argument("--priority", choices=("low", "normal", "high", "urgent"))
    parser.add_argument("--format", dest="fmt", required=True, choices=FORMATS)
    parser.add_argument("--separator", choices=(";", ","), help="CSV separator")
    parser.add_argument("--lang", choices=LANGUAGES, help="the report's language")
    parser.add_argument("--out", required=True, help="the file to write, or - for stdout")
    parser.set_defaults(handler=run_report)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("reports.error.bad_date", value=text) from None


def write_whole(target: Path, content: bytes) -> None:
    """``content`` at ``target``, or nothing there at all."""
    folder = target.parent if str(target.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o640)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run_report(args: argparse.Namespace) -> int:
    period = Period(parse_day(args.start), parse_day(args.end))
    with opened(args) as ctx:
        actor = Actor.cli()
        org_id, tech_id = run(resolve_filter_names(ctx.store, actor, org=args.org, tech=args.tech))
        query = ReportQuery(
            args.kind, period, org_id=org_id, tech_id=tech_id, priority=args.priority
        )
        export = run(
            export_report(
                ctx.store,
                actor,
                query,
                args.fmt,
                lang=args.lang or ctx.settings.lang,
                time_zone=ctx.settings.time_zone,
                separator=args.separator,
            )
        )
    if args.out == "-":
        sys.stdout.buffer.write(export.content)
        sys.stdout.flush()
    else:
        write_whole(Path(args.out), export.content)
    return 0
