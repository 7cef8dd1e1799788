"""``tiketnitsa sla``: SLA plans, business calendars and their holidays from the command line.

    tiketnitsa sla calendar list
    tiketnitsa sla calendar add NAME --tz Europe/Moscow --hours mon-fri=09:00-13:00,14:00-18:00
    tiketnitsa sla holidays import FILE --calendar NAME          (CSV date,kind[,name] or ICS)
    tiketnitsa sla holidays import --country RU --year 2027 --calendar NAME
    tiketnitsa sla plan list
    tiketnitsa sla plan add NAME --calendar NAME|24x7 --target high=60/480 ... [--warn 75]
    tiketnitsa sla plan set NAME [--target normal=240/1440] [--calendar C] [--warn P] [--default]

Everything goes through ``appliance.services.sla`` (the same checks, recomputation of open
tickets and audit rows as the settings page).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from appliance.commands.common import add_data_dir, opened, output_to_pipe, run
from appliance.context import AppContext
from appliance.domain.calendar_days import check_time_zone, parse_intervals
from appliance.domain.errors import InvalidInput
from appliance.domain.sla import WEEKDAYS, BusinessCalendar, CalendarError
from appliance.domain.workflow import PRIORITIES
from appliance.i18n import t
from appliance.services import sla
from appliance.services.actor import Actor
from appliance.services.sla import SlaTargets

_MAX_FILE = 2_000_000  # bytes: a holiday file is a few kilobytes


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sla", help="SLA plans, business calendars and holidays")
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="WHAT")

    plan = kinds.add_parser("plan", help="SLA plans").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    listing = plan.add_parser("list", help="list plans and their targets")
    add_data_dir(listing)
    listing.set_defaults(handler=run_plan_list)
    for name, text in (("add", "add a plan"), ("set", "change a plan; open tickets follow")):
        p = plan.add_parser(name, help=text)
        add_data_dir(p)
        p.add_argument("name")
        p.add_argument(
            "--calendar",
            required=name == "add",
            help="a calendar's name, or 24x7 for round-the-clock",
        )
        p.add_argument(
            "--target",
            action="append",
            default=[],
            metavar="PRIORITY=RESPONSE/RESOLUTION",
            help="business minutes (or 4h, 1h30) per priority, e.g. high=60/8h; repeatable",
        )
        p.add_argument("--warn", type=int, help="warn at this %% of a target (default 75)")
        p.add_argument(
            "--pause",
            action="append",
            choices=sla.PAUSABLE_STATUSES,
            help="a status that stops the clock (repeatable; default: waiting)",
        )
        p.add_argument("--no-pause", action="store_true", help="no status stops the clock")
        p.add_argument("--default", action="store_true", help="the plan of clients without one")
        if name == "set":
            p.add_argument("--rename", help="a new name")
        p.set_defaults(handler=run_plan_add if name == "add" else run_plan_set)

    cal = kinds.add_parser("calendar", help="business calendars").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    listing = cal.add_parser("list", help="list calendars")
    add_data_dir(listing)
    listing.set_defaults(handler=run_calendar_list)
    add = cal.add_parser("add", help="add a calendar")
    add_data_dir(add)
    add.add_argument("name")
    add.add_argument("--tz", required=True, help="IANA time zone, e.g. Europe/Moscow")
    add.add_argument(
        "--hours",
        action="append",
        default=[],
        metavar="DAYS=HH:MM-HH:MM[,HH:MM-HH:MM]",
        help="working hours, e.g. mon-fri=09:00-13:00,14:00-18:00; repeatable",
    )
    add.set_defaults(handler=run_calendar_add)

    hol = kinds.add_parser("holidays", help="holidays and moved working days").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    imp = hol.add_parser("import", help="import from a CSV/ICS file or a country's public list")
    add_data_dir(imp)
    imp.add_argument("file", nargs="?", help="CSV (date,kind[,name]) or ICS")
    imp.add_argument("--calendar", required=True)
    imp.add_argument("--country", help="ISO country code, e.g. RU (python-holidays)")
    imp.add_argument("--year", type=int)
    imp.set_defaults(handler=run_holidays_import)


_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)m?)?$")


def parse_minutes(text: str) -> int:
    match = _DURATION.match(text.strip().lower())
    if not text.strip() or not match or not any(match.groups()):
        raise InvalidInput("slacli.bad_duration", value=text)
    hours, minutes = match.groups()
    return int(hours or 0) * 60 + int(minutes or 0)


def parse_targets(items: list[str]) -> dict[str, SlaTargets]:
    targets: dict[str, SlaTargets] = {}
    for item in items:
        priority, sep, rest = item.partition("=")
        response, slash, resolution = rest.partition("/")
        if not sep or not slash or priority.strip() not in PRIORITIES:
            raise InvalidInput("slacli.bad_target", value=item, priorities=", ".join(PRIORITIES))
        targets[priority.strip()] = SlaTargets(parse_minutes(response), parse_minutes(resolution))
    return targets


def parse_hours(items: list[str]) -> dict[str, tuple[tuple[str, str], ...]]:
    """``mon-fri=09:00-13:00,14:00-18:00`` (days: one, a range, or a comma list with '+')."""
    week: dict[str, tuple[tuple[str, str], ...]] = {}
    for item in items:
        days, sep, spans = item.partition("=")
        if not sep:
            raise InvalidInput("slacli.bad_hours", value=item)
        chosen: list[str] = []
        for part in days.lower().split("+"):
            first, dash, last = part.strip().partition("-")
            if first not in WEEKDAYS or (dash and last not in WEEKDAYS):
                raise InvalidInput("slacli.bad_hours", value=item)
            a, b = WEEKDAYS.index(first), WEEKDAYS.index(last if dash else first)
            chosen.extend(WEEKDAYS[a : b + 1])
        intervals = parse_intervals(days, spans)
        for day in chosen:
            week[day] = tuple(intervals)
    return week


def _calendar_id(ctx: AppContext, name: str) -> int:
    if name.strip().lower() in ("24x7", "24×7", "24/7"):
        return run(sla.twenty_four_seven_calendar(ctx.store, Actor.cli()))
    return run(sla.calendar_id_named(ctx.store, Actor.cli(), name))


def _pause(args: argparse.Namespace) -> tuple[str, ...] | None:
    if args.no_pause:
        return ()
    return tuple(args.pause) if args.pause else None


def run_plan_add(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        targets = parse_targets(args.target)
        if not targets:
            raise InvalidInput("slacli.no_targets")
        pause = _pause(args)
        run(
            sla.create_plan(
                ctx.store,
                Actor.cli(),
                name=args.name,
                calendar_id=_calendar_id(ctx, args.calendar),
                targets=targets,
                warn_percent=args.warn if args.warn is not None else sla.DEFAULT_WARN_PERCENT,
                pause_statuses=pause if pause is not None else ("waiting",),
                is_default=args.default,
            )
        )
        print(t("slacli.plan_added", ctx.settings.lang, name=args.name.strip()))
    return 0


def run_plan_set(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        actor = Actor.cli()
        plan_id = run(sla.plan_id_named(ctx.store, actor, args.name))
        targets = None
        if args.target:
            current = next(p for p in run(sla.list_plans(ctx.store, actor)) if p.id == plan_id)
            targets = {**current.targets, **parse_targets(args.target)}
        done = run(
            sla.update_plan(
                ctx.store,
                actor,
                plan_id=plan_id,
                name=args.rename,
                calendar_id=_calendar_id(ctx, args.calendar) if args.calendar else None,
                targets=targets,
                warn_percent=args.warn,
                pause_statuses=_pause(args),
                is_default=True if args.default else None,
            )
        )
        lang = ctx.settings.lang
        print(t("slacli.plan_changed", lang, name=args.name.strip(), tickets=done.tickets))
    return 0


def _targets_text(targets: dict[str, SlaTargets] | object) -> str:
    assert isinstance(targets, dict)
    return "  ".join(
        f"{p}={targets[p].response_minutes}/{targets[p].resolution_minutes}"
        for p in PRIORITIES
        if p in targets
    )


def run_plan_list(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        plans = run(sla.list_plans(ctx.store, Actor.cli()))
        calendars = {c.id: c.name for c in run(sla.list_calendars(ctx.store, Actor.cli()))}
    with output_to_pipe():
        print(t("slacli.plans_header", lang))
        for plan in plans:
            mark = " *" if plan.is_default else ""
            print(
                f"{plan.name}{mark}\t{calendars.get(plan.calendar_id, '')}\t"
                f"{plan.warn_percent}%\t{','.join(plan.pause_statuses) or '-'}\t"
                f"{_targets_text(dict(plan.targets))}"
            )
    return 0


def run_calendar_list(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        found = run(sla.list_calendars(ctx.store, Actor.cli()))
    with output_to_pipe():
        print(t("slacli.calendars_header", lang))
        for info in found:
            hours = " ".join(
                f"{day}={','.join(f'{a}-{b}' for a, b in info.calendar.week_hours[day])}"
                for day in WEEKDAYS
                if info.calendar.week_hours[day]
            )
            print(
                f"{info.name}\t{info.calendar.time_zone}\t{hours}\t"
                f"{len(info.holiday_names)}/{len(info.workday_names)}"
            )
    return 0


def run_calendar_add(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        week = parse_hours(args.hours)
        try:
            calendar = BusinessCalendar(check_time_zone(args.tz), week)
        except CalendarError as error:
            raise InvalidInput("sla.error.calendar_bad", reason=str(error)) from None
        run(sla.create_calendar(ctx.store, Actor.cli(), name=args.name, calendar=calendar))
        print(t("slacli.calendar_added", ctx.settings.lang, name=args.name.strip()))
    return 0


def run_holidays_import(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        actor = Actor.cli()
        calendar_id = run(sla.calendar_id_named(ctx.store, actor, args.calendar))
        if args.country:
            if args.file or args.year is None:
                raise InvalidInput("slacli.country_or_file")
            count, done = run(
                sla.add_public_holidays(
                    ctx.store,
                    actor,
                    calendar_id=calendar_id,
                    country=args.country,
                    year=args.year,
                    lang=lang,
                )
            )
        else:
            if not args.file:
                raise InvalidInput("slacli.country_or_file")
            path = Path(args.file)
            try:
                raw = path.read_bytes()[: _MAX_FILE + 1]
            except OSError as error:
                raise InvalidInput(
                    "slacli.file_unreadable", path=str(path), reason=str(error)
                ) from None
            if len(raw) > _MAX_FILE:
                raise InvalidInput("sla.error.import_too_big")
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise InvalidInput("sla.error.import_encoding") from None
            count, done = run(
                sla.import_file(
                    ctx.store, actor, calendar_id=calendar_id, file_name=path.name, text=text
                )
            )
        print(t("slacli.days_imported", lang, days=count, tickets=done.tickets))
    return 0
