"""``tiketnitsa enroll-code``: make, list and revoke the codes that enrol LiveViewer machines.

The code is printed once, on the admin's terminal; the store keeps only its hash.
"""

from __future__ import annotations

import argparse

from appliance.commands.common import add_data_dir, cli_language, opened, output_to_pipe, run
from appliance.domain.clock import utc_now
from appliance.domain.errors import InvalidInput
from appliance.i18n import t
from appliance.services import devices
from appliance.services.actor import Actor
from appliance.services.devices import MAX_CODE_DAYS, MAX_CODE_USES

DEFAULT_USES = 1
DEFAULT_DAYS = 7


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("enroll-code", help="enrolment codes for LiveViewer machines")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    create = actions.add_parser("create", help="make a code for an organisation (shown once)")
    add_data_dir(create)
    create.add_argument("--org", required=True, help="the organisation's name or short name")
    create.add_argument(
        "--uses",
        type=int,
        default=DEFAULT_USES,
        help=f"how many machines it may enrol (1-{MAX_CODE_USES}, default {DEFAULT_USES})",
    )
    create.add_argument(
        "--days",
        type=int,
        default=DEFAULT_DAYS,
        help=f"days until it expires (1-{MAX_CODE_DAYS}, default {DEFAULT_DAYS})",
    )
    create.set_defaults(handler=run_create)

    listing = actions.add_parser("list", help="list codes (their first characters only)")
    add_data_dir(listing)
    listing.set_defaults(handler=run_list)

    revoke = actions.add_parser("revoke", help="revoke a code by its id")
    add_data_dir(revoke)
    revoke.add_argument("id", type=int, help="the code's id (see 'enroll-code list')")
    revoke.set_defaults(handler=run_revoke)


def run_create(args: argparse.Namespace) -> int:
    lang = cli_language(args)
    if not 1 <= args.uses <= MAX_CODE_USES:
        raise InvalidInput("cli_enroll.bad_uses", limit=MAX_CODE_USES)
    if not 1 <= args.days <= MAX_CODE_DAYS:
        raise InvalidInput("cli_enroll.bad_days", limit=MAX_CODE_DAYS)
    with opened(args) as ctx:
        created = run(
            devices.create_code(
                ctx.store, Actor.cli(), org_name=args.org, max_uses=args.uses, days=args.days
            )
        )
    print(t("cli_enroll.code", lang, code=created.code))
    print(
        t(
            "cli_enroll.code_for",
            lang,
            org=created.org_name,
            uses=created.max_uses,
            expires=f"{created.expires_at:%Y-%m-%d %H:%M}",
            id=created.id,
        )
    )
    print(t("cli_enroll.write_down", lang))
    return 0


def run_list(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        codes = run(devices.list_codes(ctx.store, Actor.cli()))
    now = utc_now()
    with output_to_pipe():
        if not codes:
            print(t("cli_enroll.no_codes", lang))
        for code in codes:
            line = t(
                "cli_enroll.code_line",
                lang,
                id=code.id,
                prefix=code.prefix,
                org=code.org_name,
                uses=code.uses,
                max_uses=code.max_uses,
                expires=f"{code.expires_at:%Y-%m-%d %H:%M}",
                state=t(f"enrollment.state.{code.state(now)}", lang),
            )
            print(line)
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        revoked = run(devices.revoke_code(ctx.store, Actor.cli(), code_id=args.id))
    print(
        t("cli_enroll.code_revoked" if revoked else "cli_enroll.code_was_revoked", lang, id=args.id)
    )
    return 0
