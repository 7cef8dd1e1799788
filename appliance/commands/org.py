"""``tiketnitsa org``: client organisations from the command line, for scripts.

tiketnitsa org add NAME [--short S] [--plan P]   a new organisation (plan: a name or default)
tiketnitsa org list [--json]                     every organisation, archived ones marked
tiketnitsa org set NAME --plan P                 an organisation's SLA plan; its open
                                                 tickets' due times follow
                                                 (``appliance.services.sla.set_org_plan``)
"""

from __future__ import annotations

import argparse
import json

from appliance.commands.common import add_data_dir, opened, output_to_pipe, run
from appliance.i18n import t
from appliance.services import clients, sla
from appliance.services.actor import Actor
from appliance.services.types import Store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("org", help="client organisations")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="add a client organisation")
    add_data_dir(add)
    add.add_argument("name", help="the organisation's full name (unique)")
    add.add_argument("--short", default="", help="a short name, used in lists and by --org")
    add.add_argument("--plan", default=None, help="an SLA plan's name (default: the default plan)")
    add.set_defaults(handler=run_add)

    list_ = actions.add_parser("list", help="list client organisations")
    add_data_dir(list_)
    list_.add_argument("--json", action="store_true", help="one JSON array, for scripts")
    list_.set_defaults(handler=run_list)

    set_ = actions.add_parser("set", help="set an organisation's SLA plan")
    add_data_dir(set_)
    set_.add_argument("name", help="the organisation's name or short name")
    set_.add_argument("--plan", required=True, help="a plan's name, or 'default'")
    set_.set_defaults(handler=run_set)


def _plan_id(store: Store, actor: Actor, plan: str | None) -> int | None:
    if plan is None or plan.strip().lower() == "default":
        return None
    return run(sla.plan_id_named(store, actor, plan))


def run_add(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        actor = Actor.cli()
        plan_id = _plan_id(ctx.store, actor, args.plan)
        org_id = run(
            clients.create_organization(
                ctx.store, actor, name=args.name, short_name=args.short, sla_plan_id=plan_id
            )
        )
        print(t("org_cli.added", ctx.settings.lang, name=args.name.strip(), id=org_id))
    return 0


def run_list(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        actor = Actor.cli()
        orgs = run(clients.list_organizations(ctx.store, actor, include_archived=True))
        counts = {s.id: s for s in run(clients.organization_summaries(ctx.store, actor))}
        plans = {p.id: p.name for p in run(sla.list_plans(ctx.store, actor))}
        rows = []
        for org in orgs:
            summary = counts.get(org.id)
            rows.append(
                {
                    "id": org.id,
                    "name": org.name,
                    "short_name": org.short_name,
                    "active": org.active,
                    "sla_plan": plans.get(org.sla_plan_id) if org.sla_plan_id else None,
                    "people": summary.people if summary else None,
                    "equipment": summary.equipment if summary else None,
                    "open_tickets": summary.open_tickets if summary else None,
                }
            )
        lang = ctx.settings.lang
    with output_to_pipe():
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        elif not rows:
            print(t("org_cli.none", lang))
        else:
            for row in rows:
                archived = "" if row["active"] else f"  [{t('org_cli.archived', lang)}]"
                short = f" ({row['short_name']})" if row["short_name"] else ""
                plan = row["sla_plan"] or t("org_cli.default_plan", lang)
                print(f"{row['id']:>5}  {row['name']}{short}  —  {plan}{archived}")
    return 0


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
