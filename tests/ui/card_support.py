"""Helpers for the client card's UI tests (NiceGUI ``user`` fixture)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from nicegui import ui
from nicegui.testing import User

from appliance.context import AppContext


def element(user: User, marker: str) -> Any:
    found = user.find(marker=marker).elements
    assert len(found) == 1, f"{len(found)} elements marked {marker}"
    return next(iter(found))


def rows(user: User, marker: str) -> list[dict[str, Any]]:
    table = element(user, marker)
    assert isinstance(table, ui.table)
    return list(table.rows)


async def until(condition: Callable[[], object], *, tries: int = 300) -> None:
    """Wait (up to ~15 s) for ``condition()`` to hold: handlers run as tasks after a click."""
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"never happened: {condition}")


async def form_open(user: User) -> None:
    """Wait for the card's form dialog to be open."""
    await until(lambda: any(d.value for d in user.find(kind=ui.dialog).elements))


async def fill(user: User, **values: Any) -> None:
    """Set the open form's inputs (``form-<field>``), once the form is open."""
    await form_open(user)
    for name, value in values.items():
        box = element(user, f"form-{name}")
        if isinstance(value, str) and isinstance(box, ui.input | ui.textarea):
            box.value = ""
            user.find(marker=f"form-{name}").type(value)
        else:
            box.value = value


def field_error(user: User, name: str) -> str | None:
    """The sentence shown under a form field, or None."""
    box = element(user, f"form-{name}")
    return box.props.get("error-message") if box.props.get("error") else None


def audit(ctx: AppContext, action_prefix: str = "") -> list[tuple[Any, ...]]:
    return ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT user_id, action, object_type, object_id, detail FROM audit_log"
            " WHERE action LIKE ? ORDER BY id",
            (action_prefix + "%",),
        ).fetchall()
    )


async def click_row(user: User, marker: str, row_id: int) -> None:
    user.find(marker=marker).trigger("rowClick", [{}, {"id": row_id}, 0])


def absent(user: User, marker: str) -> bool:
    """Whether no element carries ``marker`` (``user.find`` insists on one)."""
    try:
        return not user.find(marker=marker).elements
    except AssertionError:
        return True
