"""The ``tiketnitsa`` command: install, run and administer the appliance."""

from __future__ import annotations

import argparse
import os
import sys

from appliance import __version__
from appliance.commands import (
    backup,
    card_import,
    demo,
    devices,
    doctor,
    enroll,
    faq,
    init,
    org,
    serve,
    sla,
    tickets,
    users,
)
from appliance.commands import report as report_command
from appliance.commands.common import cli_language
from appliance.config import PRIVATE_UMASK
from appliance.domain.errors import AppError
from appliance.i18n import t

SUBCOMMANDS = [
    init,
    serve,
    enroll,
    devices,
    demo,
    users,
    tickets,
    sla,
    org,
    card_import,
    backup,
    faq,
    doctor,
    report_command,
]

# The exit code of each kind of AppError, so that a script can tell a typo from a store it
# cannot open. 2 is argparse's own (a usage error); 130 an interrupt.
EXIT_CODES: dict[str, int] = {
    "invalid_input": 1,
    "not_found": 3,
    "forbidden": 4,
    "conflict": 5,
    "stale": 5,
    "unavailable": 6,
    "disk_full": 6,
}
EXIT_FAILED = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tiketnitsa", description=__doc__)
    parser.add_argument("--version", action="version", version=f"tiketnitsa {__version__}")
    parser.add_argument("--data-dir", help="the installation's data directory ($TIKETNITSA_DATA)")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.register(subparsers)
    return parser


def report(error: AppError, args: argparse.Namespace) -> int:
    """The one place an error reaches the admin at the command line: a sentence, an exit code."""
    print(f"tiketnitsa: {t(error.key, cli_language(args), **error.values)}", file=sys.stderr)
    return EXIT_CODES.get(error.kind, EXIT_FAILED)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    os.umask(PRIVATE_UMASK)  # whatever this process creates in a data directory is private
    try:
        return int(args.handler(args))
    except AppError as error:
        return report(error, args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
