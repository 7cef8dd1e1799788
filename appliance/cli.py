"""The ``tiketnitsa`` command: install, run and administer the appliance."""

from __future__ import annotations

import argparse
import sys

from appliance import __version__
from appliance.commands import CommandError, demo, devices, enroll, init, serve, tickets, users
from appliance.commands.common import cli_language
from appliance.i18n.errors import LocalizedError

SUBCOMMANDS = [init, serve, enroll, devices, demo, users, tickets]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tiketnitsa", description=__doc__)
    parser.add_argument("--version", action="version", version=f"tiketnitsa {__version__}")
    parser.add_argument("--data-dir", help="the installation's data directory ($TIKETNITSA_DATA)")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except CommandError as exc:
        print(f"tiketnitsa: {exc}", file=sys.stderr)
        return 1
    except LocalizedError as exc:
        # Store, key file and data directory errors: one sentence in the admin's language.
        print(f"tiketnitsa: {exc.text(cli_language(args))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
