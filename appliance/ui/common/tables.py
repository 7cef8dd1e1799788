"""Small read-only tables shared by the shell's pages (Quasar ``q-table``; cell values are shown
as text, so user text stays escaped)."""

from __future__ import annotations

from typing import Any

from nicegui import ui


def column(
    name: str, label: str, *, align: str = "left", nowrap: bool = False, **extra: Any
) -> dict[str, Any]:
    spec = {"name": name, "label": label, "field": name, "align": align, **extra}
    if nowrap:
        spec["classes"] = spec["headerClasses"] = "whitespace-nowrap"
    return spec


def simple_table(
    columns: list[dict[str, Any]], rows: list[dict[str, Any]], *, empty: str, marker: str
) -> ui.table:
    table = (
        ui.table(columns=columns, rows=rows, row_key="id", pagination=0)
        .props("dense flat bordered wrap-cells hide-bottom")
        .classes("w-full")
        .mark(marker)
    )
    table.props["no-data-label"] = empty
    return table
