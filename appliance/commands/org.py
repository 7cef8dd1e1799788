"""``tiketnitsa org set NAME --plan P``: an organisation's SLA plan (``default``: the default
plan). Its open tickets' due times follow (``appliance.services.sla.set_org_plan``)."""

from __future__ import annotations

import argparse

from appliance.commands.common import add_data_dir, opened, run
from appliance.i18n import t
from appliance.services import sla
from appliance.services.actor import Actor


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("org", help="client organisations")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    set_ = actions.add_parser("set", help="set an organisation's SLA plan")
    add_data_dir(set_)
    set_.add_argument("name", help="the organisation's name or short name")
    set_.add_argument("--plan", required=True, help="a plan's name, or 'default'")
    set_.set_defaults(handler=run_set)


def run_set(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        actor = Actor.cli()
        org_id = run(sla.org_id_named(ctx.store, actor, args.name))
        default = args.plan.strip().lower() == "default"
        plan_id = None if default else run(sla.plan_id_named(ctx.store, actor, args.plan))
        done = run(sla.set_org_plan(ctx.store, actor, org_id=org_id, plan_id=plan_id))
        print(
            t(
                "slacli.org_plan_set",
                ctx.settings.lang,
                name=args.name.strip(),
                plan=args.plan.strip(),
                tickets=done.tickets,
            )
        )
    return 0
