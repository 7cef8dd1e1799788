"""``tiketnitsa init``: create a new installation."""

from __future__ import annotations

import argparse
import os

from appliance.commands.common import add_data_dir, data_dir_of
from appliance.config import DEFAULT_HOST, DEFAULT_PORT, LANGUAGES, PASSPHRASE_ENV, Settings
from appliance.domain.errors import InvalidInput
from appliance.i18n import t
from appliance.services.installation import DEFAULT_CIPHER, SUPPORTED_CIPHERS, init_data_dir

ADMIN_PASSWORD_ENV = "TIKETNITSA_ADMIN_PASSWORD"  # noqa: S105 - a variable name


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init", help="create the store, key, certificate and first admin"
    )
    add_data_dir(parser)
    parser.add_argument("--lang", choices=LANGUAGES, default="ru", help="default language")
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--admin", default="admin", help="login of the first admin")
    parser.add_argument("--time-zone", default="Europe/Moscow")
    parser.add_argument("--cipher", choices=SUPPORTED_CIPHERS, default=DEFAULT_CIPHER)
    parser.add_argument(
        "--passphrase",
        action="store_true",
        help=f"derive the store key from a passphrase (${PASSPHRASE_ENV}) instead of a key file",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    data_dir = data_dir_of(args)
    passphrase = None
    if args.passphrase:
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if not passphrase:
            raise InvalidInput("init.needs_passphrase", env=PASSPHRASE_ENV)
    settings = Settings(host=args.host, port=args.port, lang=args.lang, time_zone=args.time_zone)
    result = init_data_dir(
        data_dir,
        settings=settings,
        admin_login=args.admin,
        admin_password=os.environ.get(ADMIN_PASSWORD_ENV) or None,
        passphrase=passphrase,
        cipher=args.cipher,
    )
    lang = args.lang
    print(t("init.created", lang, path=data_dir.path))
    print(t("init.fingerprint", lang, fingerprint=result.fingerprint))
    if result.password_generated:
        # Shown once, on the admin's own terminal; never written to a log.
        print(
            t(
                "init.admin_generated",
                lang,
                login=result.admin_login,
                password=result.admin_password,
            )
        )
        print(t("init.write_down", lang))
    else:
        print(t("init.admin_from_env", lang, login=result.admin_login, env=ADMIN_PASSWORD_ENV))
    return 0
