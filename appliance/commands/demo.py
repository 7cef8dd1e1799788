"""``tiketnitsa demo`` fills an initialised store with the demo data set; ``tiketnitsa demo-run``
(what ``make run`` calls) makes a demo installation on first use, then serves it.

``demo-run`` builds the new installation in a hidden sibling directory and renames it into place
only when it is complete, so an interrupted first run leaves nothing half-made behind. The admin
password it generated is kept in ``demo-credentials.txt`` (0600) inside the data directory, so
every later ``make run`` can print it again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from appliance.commands.common import add_data_dir, data_dir_of, opened
from appliance.commands.init import ADMIN_PASSWORD_ENV
from appliance.config import DEFAULT_HOST, DEFAULT_PORT, DataDir, Settings
from appliance.context import open_context
from appliance.demo import MAX_TICKETS, DemoSummary, generate_demo
from appliance.domain.errors import InvalidInput
from appliance.i18n import t
from appliance.services.installation import init_data_dir
from appliance.services.signin import password_matches
from appliance.tls import is_loopback

CREDENTIALS_FILE = "demo-credentials.txt"
FROM_ENV = "-"  # in the password column: the admin chose it (the variable below), not kept
DEFAULT_TICKETS = 2000
DEMO_LANG = "ru"


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser("demo", help="fill an initialised, empty store with demo data")
    add_data_dir(demo)
    _demo_options(demo)
    demo.set_defaults(handler=run_demo)

    demo_run = subparsers.add_parser(
        "demo-run", help="create a demo installation on first use, print its login, serve it"
    )
    add_data_dir(demo_run)
    demo_run.add_argument("--host", default=DEFAULT_HOST)
    demo_run.add_argument("--port", type=int, default=DEFAULT_PORT)
    _demo_options(demo_run)
    # Before the installation exists, its messages are in the language it will have.
    demo_run.set_defaults(handler=run_demo_run, lang=DEMO_LANG)


def _demo_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tickets", type=int, default=DEFAULT_TICKETS, help="how many tickets")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same data")
    parser.add_argument(
        "--now",
        help="the moment the data is anchored to, ISO 8601 with a zone (default: now);"
        " the same seed and --now give identical data",
    )


def _options(args: argparse.Namespace, lang: str) -> tuple[int, datetime | None]:
    if not 0 <= args.tickets <= MAX_TICKETS:
        raise InvalidInput("demo.bad_count", limit=MAX_TICKETS)
    if args.now is None:
        return args.tickets, None
    try:
        moment = datetime.fromisoformat(args.now)
    except ValueError:
        raise InvalidInput("demo.bad_now") from None
    if moment.tzinfo is None:
        raise InvalidInput("demo.bad_now")
    return args.tickets, moment.astimezone(UTC)


def _fill(data_dir: DataDir, args: argparse.Namespace) -> DemoSummary:
    ctx = open_context(data_dir)
    try:
        lang = ctx.settings.lang
        tickets, now = _options(args, lang)

        def progress(done: int, total: int) -> None:
            print(t("demo.progress", lang, done=done, total=total), file=sys.stderr, flush=True)

        # A refusal (DemoError, an InvalidInput) reaches cli.main as it is.
        summary = generate_demo(
            ctx.store, tickets=tickets, seed=args.seed, now=now, progress=progress
        )
        ctx.store.checkpoint()
    finally:
        ctx.close()
    print(
        t(
            "demo.done",
            lang,
            seconds=f"{summary.seconds:.1f}",
            orgs=summary.organisations,
            persons=summary.persons,
            equipment=summary.equipment,
            tickets=summary.tickets,
            seed=summary.seed,
        )
    )
    print(t("demo.staff_header", lang))
    for user in summary.staff:
        print(f"  {user.login} / {user.password} / {t(f'role.{user.role}', lang)}")
    return summary


def run_demo(args: argparse.Namespace) -> int:
    with opened(args) as ctx:  # fail early, with the usual message, if it is not a store
        _options(args, ctx.settings.lang)
    _fill(data_dir_of(args), args)
    return 0


# -- demo-run ------------------------------------------------------------------------------------


def _write_credentials(path: Path, rows: list[tuple[str, str, str]]) -> None:
    """login, password, role per line, tab-separated; created 0600 from the start."""
    lines = [
        "# Tiketnitsa demo: login, password, role (kept by 'tiketnitsa demo-run')",
        f"# {FROM_ENV} as password: set by ${ADMIN_PASSWORD_ENV}, not kept here",
        *("\t".join(row) for row in rows),
    ]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def read_credentials(path: Path) -> list[tuple[str, str, str]]:
    """The rows of a credentials file; empty when there is none or it is unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    rows = []
    for line in text.splitlines():
        fields = line.split("\t")
        if not line.startswith("#") and len(fields) == 3:
            rows.append((fields[0], fields[1], fields[2]))
    return rows


def _create(data_dir: DataDir, args: argparse.Namespace) -> None:
    """A complete demo installation at ``data_dir``, or nothing there at all."""
    target = data_dir.path
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InvalidInput("demo.run.not_ours", path=target)
    _options(args, DEMO_LANG)  # refuse bad options before any work
    print(t("demo.run.creating", DEMO_LANG, path=target), flush=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.demo-", dir=target.parent))
    try:
        staging = DataDir(building / "data")
        env_password = os.environ.get(ADMIN_PASSWORD_ENV) or None
        result = init_data_dir(
            staging,
            settings=Settings(host=args.host, port=args.port, lang=DEMO_LANG),
            admin_password=env_password,
        )
        summary = _fill(staging, args)
        # A password the admin chose stays theirs: only a generated one is kept.
        admin_password = result.admin_password if result.password_generated else FROM_ENV
        _write_credentials(
            staging.path / CREDENTIALS_FILE,
            [
                (result.admin_login, admin_password, "admin"),
                *((u.login, u.password, u.role) for u in summary.staff),
            ],
        )
        if target.exists():
            target.rmdir()  # empty, checked above: rename cannot replace it otherwise on all OSes
        staging.path.rename(target)
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _password_still_valid(data_dir: DataDir, login: str, password: str) -> bool:
    ctx = open_context(data_dir)
    try:
        return password_matches(ctx.store, login, password)
    finally:
        ctx.close()


def admin_line(data_dir: DataDir, lang: str) -> str:
    """What ``demo-run`` says about the admin's login and password before serving."""
    path = data_dir.path / CREDENTIALS_FILE
    admins = [row for row in read_credentials(path) if row[2] == "admin"]
    if not admins:
        return t("demo.run.admin_unknown", lang, path=path)
    login, password, _ = admins[0]
    if password == FROM_ENV:
        return t("demo.run.admin_from_env", lang, login=login, env=ADMIN_PASSWORD_ENV)
    if not _password_still_valid(data_dir, login, password):
        # Changed since (user passwd, the settings page): the kept one would only mislead.
        return t("demo.run.admin_changed", lang, login=login)
    return t("demo.run.admin", lang, login=login, password=password)


def run_demo_run(args: argparse.Namespace) -> int:
    from appliance.web import serve

    data_dir = data_dir_of(args)
    if not data_dir.exists():
        _create(data_dir, args)
    lang = data_dir.load_settings().lang
    print(admin_line(data_dir, lang))
    scheme = "http" if is_loopback(args.host) else "https"
    print(t("demo.run.url", lang, url=f"{scheme}://{args.host}:{args.port}/"), flush=True)
    serve(data_dir, host=args.host, port=args.port)
    return 0
