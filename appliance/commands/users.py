"""``tiketnitsa user``: add users, set their passwords, disable or enable them, list them.

Each change goes through ``appliance.services.accounts`` (the same checks and audit rows as the
settings page), with no acting user: the audit log shows the change came from the command line.
"""

from __future__ import annotations

import argparse

from appliance.commands.common import add_data_dir, opened, output_to_pipe, password_from, run
from appliance.context import AppContext
from appliance.domain.errors import InvalidInput, NotFound
from appliance.domain.permissions import ROLES
from appliance.i18n import t
from appliance.services import accounts
from appliance.services.accounts import User
from appliance.services.actor import Actor

USER_PASSWORD_ENV = "TIKETNITSA_USER_PASSWORD"  # noqa: S105 - a variable name
# What the audit log's address column says for a change made here rather than over the network.


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("user", help="manage users (technicians, managers, admins)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = actions.add_parser(
        "add", help=f"add a user; the password comes from ${USER_PASSWORD_ENV} or a prompt"
    )
    add_data_dir(add)
    add.add_argument("login")
    add.add_argument("--role", required=True, help=f"one of: {', '.join(ROLES)}")
    add.add_argument("--name", default="", help="full name")
    add.add_argument("--email", default="")
    add.set_defaults(handler=run_add)

    passwd = actions.add_parser(
        "passwd", help=f"set a user's password (${USER_PASSWORD_ENV} or a prompt)"
    )
    add_data_dir(passwd)
    passwd.add_argument("login")
    passwd.set_defaults(handler=run_passwd)

    for name, active, text in (
        ("disable", False, "disable a user (they can no longer sign in)"),
        ("enable", True, "enable a disabled user again"),
    ):
        toggle = actions.add_parser(name, help=text)
        add_data_dir(toggle)
        toggle.add_argument("login")
        toggle.set_defaults(handler=run_set_active, active=active)

    role = actions.add_parser("role", help="give a user another role (their sessions end)")
    add_data_dir(role)
    role.add_argument("login")
    role.add_argument("role", help=f"one of: {', '.join(ROLES)}")
    role.set_defaults(handler=run_set_role)

    listing = actions.add_parser("list", help="list users")
    add_data_dir(listing)
    listing.set_defaults(handler=run_list)


def _existing(ctx: AppContext, login: str) -> User:
    user = accounts.find_account(ctx.store, login)
    if user is None:
        raise NotFound("admincli.login_unknown", login=login)
    return user


def _new_password(ctx: AppContext, login: str) -> str:
    lang = ctx.settings.lang
    password = password_from(USER_PASSWORD_ENV, t("admincli.password_prompt", lang, login=login))
    if password is None:
        raise InvalidInput("admincli.no_password", env=USER_PASSWORD_ENV)
    return password


def run_add(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        if args.role not in ROLES:
            raise InvalidInput("admincli.role_unknown", role=args.role, roles=", ".join(ROLES))
        password = _new_password(ctx, args.login)
        run(
            accounts.create_account(
                ctx.store,
                Actor.cli(),
                login=args.login,
                role=args.role,
                password=password,
                full_name=args.name,
                email=args.email,
            ),
        )
        print(t("admincli.user_added", lang, login=args.login.strip(), role=args.role))
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        user = _existing(ctx, args.login)
        password = _new_password(ctx, user.login)
        run(
            accounts.reset_password(ctx.store, Actor.cli(), user_id=user.id, password=password),
        )
        print(t("admincli.password_set", ctx.settings.lang, login=user.login))
    return 0


def run_set_active(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        user = _existing(ctx, args.login)
        if user.active == args.active:
            key = "admincli.already_enabled" if args.active else "admincli.already_disabled"
            print(t(key, lang, login=user.login))
            return 0
        run(
            accounts.set_account_active(
                ctx.store, Actor.cli(), user_id=user.id, active=args.active
            ),
        )
        key = "admincli.user_enabled" if args.active else "admincli.user_disabled"
        print(t(key, lang, login=user.login))
    return 0


def run_set_role(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        if args.role not in ROLES:
            raise InvalidInput("admincli.role_unknown", role=args.role, roles=", ".join(ROLES))
        user = _existing(ctx, args.login)
        run(accounts.set_account_role(ctx.store, Actor.cli(), user_id=user.id, role=args.role))
        print(t("admincli.role_set", lang, login=user.login, role=t(f"role.{args.role}", lang)))
    return 0


def run_list(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        lang = ctx.settings.lang
        found = run(accounts.list_accounts(ctx.store, Actor.cli()))
    with output_to_pipe():
        print(t("admincli.users_header", lang))
        width = max((len(u.login) for u in found), default=0)
        for user in found:
            state = t("admincli.active" if user.active else "admincli.inactive", lang)
            role = t(f"role.{user.role}", lang)
            print(f"{user.login:<{width}}  {role:<14}  {state:<9}  {user.full_name}".rstrip())
    return 0
