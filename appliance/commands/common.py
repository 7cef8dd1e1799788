"""Helpers shared by sub-commands: the data-dir option and opening the store."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from getpass import getpass
from typing import Any, TypeVar

from appliance.config import DATA_DIR_ENV, LANGUAGES, ConfigError, DataDir, resolve_data_dir
from appliance.context import AppContext, open_context

T = TypeVar("T")


def cli_language(args: argparse.Namespace | None = None) -> str:
    """The installation's language when the data directory is known; else the language the
    command is about to set up (``init --lang``, ``demo-run``); else the terminal's."""
    try:
        return resolve_data_dir(getattr(args, "data_dir", None)).load_settings().lang
    except ConfigError:
        pass
    chosen = getattr(args, "lang", None)
    if chosen in LANGUAGES:
        return str(chosen)
    terminal = (os.environ.get("LC_ALL") or os.environ.get("LANG") or "")[:2].lower()
    return terminal if terminal in LANGUAGES else "en"


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help=f"the installation's data directory (default: ${DATA_DIR_ENV})",
    )


def data_dir_of(args: argparse.Namespace) -> DataDir:
    return resolve_data_dir(getattr(args, "data_dir", None))


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[AppContext]:
    ctx = open_context(data_dir_of(args))
    try:
        yield ctx
    finally:
        ctx.close()


def password_from(env_name: str, prompt: str) -> str | None:
    """A password from the environment, else a prompt (twice) when a terminal is attached."""
    value = os.environ.get(env_name)
    if value:
        return value
    if not sys.stdin.isatty():
        return None
    first = getpass(prompt)
    if getpass("Repeat: ") != first:
        from appliance.domain.errors import InvalidInput

        raise InvalidInput("cli.passwords_differ")
    return first


def run(work: Coroutine[Any, Any, T]) -> T:
    """Run one service call to its end (its refusal, an ``AppError``, reaches ``cli.main``)."""
    return asyncio.run(work)


@contextmanager
def output_to_pipe() -> Iterator[None]:
    """Printing a listing: when the reader goes away (``| head``), stop quietly, as Unix tools
    do, instead of ending in a BrokenPipeError traceback."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at devnull so the interpreter's final flush does not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
