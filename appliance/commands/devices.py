"""``tiketnitsa device``: list enrolled LiveViewer machines and revoke one (its token then gets
401 at once). The same as Settings → Enrolment in the web UI, for scripts and SSH sessions."""

from __future__ import annotations

import argparse

from appliance.commands.common import add_data_dir, opened, output_to_pipe, run
from appliance.i18n import t
from appliance.services import devices
from appliance.services.actor import Actor

_TIME = "%Y-%m-%d %H:%M"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("device", help="enrolled LiveViewer machines")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    listing = actions.add_parser("list", help="list enrolled machines, active first")
    add_data_dir(listing)
    listing.set_defaults(handler=run_list)

    revoke = actions.add_parser("revoke", help="revoke a machine by its id (its token stops)")
    add_data_dir(revoke)
    revoke.add_argument("id", type=int, help="the machine's id (see 'device list')")
    revoke.set_defaults(handler=run_revoke)


def run_list(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        found = run(devices.list_devices(ctx.store, Actor.cli()))
    with output_to_pipe():
        _print_devices(found, lang)
    return 0


def _print_devices(found: list[devices.Device], lang: str) -> None:
    if not found:
        print(t("cli_device.none", lang))
    for device in found:
        seen = (
            f"{device.last_seen_at:{_TIME}}" if device.last_seen_at else t("cli_device.never", lang)
        )
        state = (
            t("cli_device.revoked_state", lang, at=f"{device.revoked_at:{_TIME}}")
            if device.revoked_at
            else t("cli_device.active", lang)
        )
        line = t(
            "cli_device.line",
            lang,
            id=device.id,
            org=device.org_name,
            hostname=device.hostname or "-",
            os_user=device.os_user or "-",
            enrolled=f"{device.enrolled_at:{_TIME}}",
            seen=seen,
            state=state,
        )
        print(line)


def run_revoke(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        revoked = run(devices.revoke_device(ctx.store, Actor.cli(), device_id=args.id))
    print(t("cli_device.revoked" if revoked else "cli_device.was_revoked", lang, id=args.id))
    return 0
