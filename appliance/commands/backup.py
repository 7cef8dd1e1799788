"""``tiketnitsa backup create|verify|restore|passphrase``: encrypted backups of the whole box.

The backup passphrase comes from ``--passphrase-file``, else ``$TIKETNITSA_BACKUP_PASSPHRASE``,
else a prompt (asked twice when it sets a new one). On a terminal each step shows a progress bar
on stderr; in a script nothing but the result line is printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from getpass import getpass
from pathlib import Path

from appliance.commands.common import add_data_dir, cli_language, data_dir_of, opened, run
from appliance.domain.errors import InvalidInput
from appliance.i18n import t
from appliance.services import backup as backups
from appliance.services.actor import Actor

PASSPHRASE_ENV = "TIKETNITSA_BACKUP_PASSPHRASE"  # noqa: S105 - a variable name
NEW_PASSPHRASE_ENV = "TIKETNITSA_BACKUP_NEW_PASSPHRASE"  # noqa: S105 - a variable name


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("backup", help="encrypted backups: create, verify, restore")
    actions = parser.add_subparsers(dest="backup_action", required=True, metavar="ACTION")

    create = actions.add_parser("create", help="back up the installation into one file")
    add_data_dir(create)
    create.add_argument("--out", required=True, type=Path, help="the backup file to write")
    _passphrase_option(create)
    create.set_defaults(handler=run_create)

    verify = actions.add_parser("verify", help="read and check a whole backup")
    verify.add_argument("file", type=Path)
    verify.add_argument(
        "--temp-dir",
        type=Path,
        help="where the (still encrypted) copy is checked; needs room for the store"
        " (default: the system's temporary directory)",
    )
    verify.add_argument(
        "--check-database",
        action="store_true",
        help="also run SQLite's integrity_check on the copy (slow; restore always runs it)",
    )
    _passphrase_option(verify)
    verify.set_defaults(handler=run_verify)

    restore = actions.add_parser("restore", help="restore a backup into a new data directory")
    restore.add_argument("file", type=Path)
    restore.add_argument(
        "--data-dir", dest="target", required=True, type=Path, help="a new or empty directory"
    )
    restore.add_argument("--force", action="store_true", help="restore into a non-empty directory")
    _passphrase_option(restore)
    restore.set_defaults(handler=run_restore)

    rewrap = actions.add_parser("passphrase", help="give a backup file a new passphrase")
    rewrap.add_argument("file", type=Path)
    _passphrase_option(rewrap)
    rewrap.add_argument(
        "--new-passphrase-file", type=Path, help=f"the new one (default: ${NEW_PASSPHRASE_ENV})"
    )
    rewrap.set_defaults(handler=run_passphrase)


def _passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        help=f"read the backup passphrase from this file (default: ${PASSPHRASE_ENV} or a prompt)",
    )


def _from_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        raise InvalidInput("backup.passphrase_file", path=path) from None


def passphrase(
    args: argparse.Namespace, lang: str, *, file: Path | None, env: str, new: bool, prompt: str
) -> str:
    if file is not None:
        value = _from_file(file)
    elif os.environ.get(env):
        value = os.environ[env]
    elif sys.stdin.isatty():
        value = getpass(t(prompt, lang))
        if new and getpass(t("backup.prompt_repeat", lang)) != value:
            raise InvalidInput("backup.passphrases_differ")
    else:
        raise InvalidInput("backup.needs_passphrase", env=env)
    return backups.check_passphrase(value) if new else value


class Bar:
    """A progress bar on stderr when it is a terminal; silent otherwise."""

    WIDTH = 30

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.on = sys.stderr.isatty()
        self.phase = ""
        self.shown = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.on:
            return
        now = time.monotonic()
        if phase == self.phase and now - self.shown < 0.1 and done < total:
            return
        if phase != self.phase and self.phase:
            sys.stderr.write("\n")
        self.phase, self.shown = phase, now
        label = t(f"backup.phase.{phase}", self.lang)
        if total:
            filled = int(self.WIDTH * done / total)
            bar = "#" * filled + "." * (self.WIDTH - filled)
            sys.stderr.write(f"\r{label:<32} [{bar}] {100 * done // total:3d}%")
        else:
            sys.stderr.write(f"\r{label}…")
        sys.stderr.flush()

    def end(self) -> None:
        if self.on and self.phase:
            sys.stderr.write("\n")
            sys.stderr.flush()


def run_create(args: argparse.Namespace) -> int:
    lang = cli_language(args)
    data_dir = data_dir_of(args)
    secret = passphrase(
        args, lang, file=args.passphrase_file, env=PASSPHRASE_ENV, new=True, prompt="backup.prompt"
    )
    wrapping = backups.wrapping_for(secret)
    bar = Bar(lang)
    with opened(args) as ctx:
        try:
            created = run(
                backups.create_backup(
                    ctx.store,
                    Actor.cli(),
                    data_dir=data_dir,
                    out=args.out,
                    wrapping=wrapping,
                    trigger="cli",
                    progress=bar,
                )
            )
        finally:
            bar.end()
    size = f"{created.size / 2**20:.1f} MiB"
    print(
        t(
            "backup.created",
            lang,
            path=created.path,
            size=size,
            seconds=f"{created.seconds:.1f}",
            tickets=created.tickets,
        )
    )
    return 0


def run_verify(args: argparse.Namespace) -> int:
    lang = cli_language(args)
    secret = passphrase(
        args, lang, file=args.passphrase_file, env=PASSPHRASE_ENV, new=False, prompt="backup.prompt"
    )
    bar = Bar(lang)
    try:
        checked = backups.verify_backup(
            args.file,
            secret,
            progress=bar,
            temp_parent=args.temp_dir,
            check_database=args.check_database,
        )
    finally:
        bar.end()
    m = checked.manifest
    print(
        t(
            "backup.verified",
            lang,
            version=m.app_version,
            created=m.created_at,
            tickets=m.row_counts.get("tickets", 0),
            blobs=len(m.blob_sha256),
            seconds=f"{checked.seconds:.1f}",
        )
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    lang = cli_language(args)
    secret = passphrase(
        args, lang, file=args.passphrase_file, env=PASSPHRASE_ENV, new=False, prompt="backup.prompt"
    )
    bar = Bar(lang)
    try:
        checked = backups.restore_backup(
            args.file, secret, args.target, force=args.force, progress=bar
        )
    finally:
        bar.end()
    target = args.target.expanduser().absolute()
    print(t("backup.restored", lang, path=target, seconds=f"{checked.seconds:.1f}"))
    return 0


def run_passphrase(args: argparse.Namespace) -> int:
    lang = cli_language(args)
    old = passphrase(
        args, lang, file=args.passphrase_file, env=PASSPHRASE_ENV, new=False, prompt="backup.prompt"
    )
    new = passphrase(
        args,
        lang,
        file=args.new_passphrase_file,
        env=NEW_PASSPHRASE_ENV,
        new=True,
        prompt="backup.prompt_new",
    )
    backups.change_file_passphrase(args.file, old, new)
    print(t("backup.rewrapped", lang, path=args.file))
    return 0
