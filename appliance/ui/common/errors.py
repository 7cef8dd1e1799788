"""The one place an ``AppError`` reaches a person in the technicians' window: a notification in
their language, coloured by the error's kind. Anything else is a bug: it is logged with its
traceback (and fails the tests), and the person sees a plain "something went wrong".

    try:
        await services.tickets.change_status(...)
    except AppError as error:
        notify_error(session, error)

or, for a handler that has nothing else to do on failure::

    async with shown_errors(session):
        await services.accounts.create_account(...)
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Literal, Protocol

from nicegui import ui

from appliance.domain.errors import AppError

log = logging.getLogger("tiketnitsa.ui")

NotifyType = Literal["positive", "negative", "warning", "info", "ongoing"]

# Refusals (no right, store unavailable) are red; what the person can fix or retry is amber.
NOTIFY_TYPES: Mapping[str, NotifyType] = {
    "invalid_input": "warning",
    "not_found": "warning",
    "forbidden": "negative",
    "conflict": "warning",
    "stale": "warning",
    "unavailable": "negative",
    "disk_full": "negative",
}


class _Translates(Protocol):
    """What the mapping needs of a session (``ui.common.session.Session`` has it)."""

    def t(self, key: str, **values: object) -> str: ...


def error_text(session: _Translates, error: AppError) -> str:
    return session.t(error.key, **shown_values(session, error))


def shown_values(session: _Translates, error: AppError) -> dict[str, object]:
    # A refused transition names statuses by code; say them as the screen does.
    if error.key == "workflow.not_allowed":
        return {name: session.t(f"status.{code}") for name, code in error.values.items()}
    return dict(error.values)


def notify_error(session: _Translates, error: AppError) -> None:
    ui.notify(
        error_text(session, error),
        type=NOTIFY_TYPES.get(error.kind, "negative"),
        multi_line=True,
    )


@asynccontextmanager
async def shown_errors(session: _Translates) -> AsyncIterator[None]:
    """Show an ``AppError`` raised inside as a notification and swallow it."""
    try:
        yield
    except AppError as error:
        notify_error(session, error)
