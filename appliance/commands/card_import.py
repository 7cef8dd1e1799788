"""tiketnitsa import and tiketnitsa export: a client's card from and to spreadsheets.

    tiketnitsa import KIND --org NAME FILE [--dry-run] [--map "Column=field" ...]
    tiketnitsa export KIND --org NAME --out FILE.xlsx|FILE.csv [--with-secrets]

KIND is people, equipment, credentials or licenses. An import writes every row or none: when a
row is wrong, each problem is printed on its own line (line, column, why) and the exit code is
1 with nothing written. ``--dry-run`` checks the same and writes nothing. The column mapping is
guessed from the headers (and what was chosen for this client before); ``--map`` sets one
column ("--map 'Инв. №=serial'", "--map 'Колонка 7=-'" to leave a column out).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from appliance.commands.common import add_data_dir, opened, run
from appliance.domain.errors import InvalidInput
from appliance.i18n import t
from appliance.services import client_export, client_import, sla
from appliance.services.actor import Actor
from appliance.services.client_import import ImportRefused, Sheet, describe

KIND_HELP = "people, equipment, credentials or licenses"


def register(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser(
        "import",
        help="import a client's people, equipment, credentials or licenses from CSV/XLSX",
        description=__doc__,
        epilog=_fields_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_data_dir(imp)
    imp.add_argument("kind", choices=client_import.KINDS, metavar="KIND", help=KIND_HELP)
    imp.add_argument("file", type=Path, metavar="FILE", help="a .csv or .xlsx file")
    imp.add_argument("--org", required=True, help="the organisation's name or short name")
    imp.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="map a column (by its header) to a field, or to - to leave it out; repeatable",
    )
    imp.set_defaults(handler=run_import)

    exp = subparsers.add_parser(
        "export",
        help="export a client's people, equipment, credentials or licenses to XLSX/CSV",
        description=(
            "Writes the client's rows of KIND to FILE (.xlsx or .csv) with headers the import"
            " recognises, so an export imports back as it was. Passwords and license keys are"
            " left out unless --with-secrets is given; that export is written to the audit log."
        ),
    )
    add_data_dir(exp)
    exp.add_argument("kind", choices=client_import.KINDS, metavar="KIND", help=KIND_HELP)
    exp.add_argument("--org", required=True, help="the organisation's name or short name")
    exp.add_argument("--out", required=True, type=Path, help="FILE.xlsx or FILE.csv")
    exp.add_argument(
        "--with-secrets",
        action="store_true",
        help="include passwords and license keys in clear text (audited; keep the file safe)",
    )
    exp.set_defaults(handler=run_export)


def _fields_help() -> str:
    lines = ["fields for --map (* required):"]
    for kind in client_import.KINDS:
        names = ", ".join(
            f.name + ("*" if f.required else "") for f in client_import.fields_of(kind)
        )
        lines.append(f"  {kind}: {names}")
    return "\n".join(lines)


def _mapping(sheet: Sheet, guessed: tuple[str | None, ...], options: list[str]) -> list[str | None]:
    mapping = list(guessed)
    headers = [h.strip().casefold() for h in sheet.headers]
    for option in options:
        column, sep, field = option.partition("=")
        if not sep:
            raise InvalidInput("import.error.map_option", value=option)
        try:
            index = headers.index(column.strip().casefold())
        except ValueError:
            raise InvalidInput("import.error.map_column", column=column.strip()) from None
        name = field.strip()
        chosen = None if name in ("", "-") else name
        if chosen is not None:
            # The field moves to this column: no other column keeps it.
            mapping = [None if other == chosen else other for other in mapping]
        mapping[index] = chosen
    return mapping


def run_import(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise InvalidInput(
            "import_cli.unreadable", path=str(args.file), reason=error.strerror or ""
        ) from error
    with opened(args) as ctx:
        lang = ctx.settings.lang
        actor = Actor.cli()
        store = ctx.store
        sheet = client_import.read_upload(data, args.file.name, kind=args.kind)
        org_id = run(sla.org_id_named(store, actor, args.org))
        plan = run(client_import.prepare(store, actor, org_id=org_id, kind=args.kind, sheet=sheet))
        mapping = _mapping(sheet, plan.mapping, args.map)
        try:
            if args.dry_run:
                check = run(
                    client_import.check_import(
                        store, actor, org_id=org_id, kind=args.kind, sheet=sheet, mapping=mapping
                    )
                )
                if check.problems:
                    raise ImportRefused(check.problems)
                print(t("import_cli.dry_run_ok", lang, count=check.valid))
                return 0
            done = run(
                client_import.import_file(
                    store, actor, org_id=org_id, kind=args.kind, sheet=sheet, mapping=mapping
                )
            )
        except ImportRefused as refused:
            for problem in refused.problems:
                print(f"{args.file.name}: {describe(problem, lang)}", file=sys.stderr)
            raise
        print(
            t("import_cli.done", lang, count=done.created, kind=t(f"import.kind.{args.kind}", lang))
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        actor = Actor.cli()
        org_id = run(sla.org_id_named(ctx.store, actor, args.org))
        exported = run(
            client_export.export_card(
                ctx.store,
                actor,
                org_id=org_id,
                kind=args.kind,
                file_name=args.out.name,
                lang=lang,
                with_secrets=args.with_secrets,
            )
        )
    try:
        args.out.write_bytes(exported.data)
    except OSError as error:
        raise InvalidInput(
            "import_cli.unwritable", path=str(args.out), reason=error.strerror or ""
        ) from error
    print(t("import_cli.exported", lang, count=exported.rows, path=str(args.out)))
    return 0
