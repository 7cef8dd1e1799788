"""Helpers for the client card's UI tests (NiceGUI ``user`` fixture)."""

from __future__ import annotations

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


def fill(user: User, **values: Any) -> None:
    """Set the open form's inputs (``form-<field>``)."""
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
