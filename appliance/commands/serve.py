"""``tiketnitsa serve``: run the appliance (UI and API on one port)."""

from __future__ import annotations

import argparse

from appliance.commands.common import add_data_dir, data_dir_of


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="serve the web UI and the client API")
    add_data_dir(parser)
    parser.add_argument("--host", help="listen address (default: from init)")
    parser.add_argument("--port", type=int, help="port (default: from init)")
    parser.add_argument(
        "--tls",
        action="store_true",
        help="serve HTTPS even on loopback (always on for other addresses)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from appliance.web import serve

    serve(data_dir_of(args), host=args.host, port=args.port, tls=args.tls)
    return 0
