"""Small read-only tables shared by the shell's pages (Quasar ``q-table``; cell values are shown
as text, so user text stays escaped)."""

from __future__ import annotations

import json
from typing import Any

from nicegui import ui

from appliance.i18n import t

# An empty table is news, not a fault: Quasar's default shows a warning triangle.
_EMPTY_SLOT = """
<div class="full-width column items-center q-py-lg text-grey-7 tk-empty">
  <q-icon :name="'%s'" size="40px" color="grey-5" />
  <div class="text-body1 q-mt-sm">{{ props.message }}</div>
</div>
"""


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
    friendly_empty(table, empty)
    return table


def friendly_empty(table: ui.table, message: str, icon: str = "inbox") -> None:
    """Show an empty table as a calm icon and ``message`` (Vue escapes it: it is a prop)."""
    table.props["no-data-label"] = message
    table.add_slot("no-data", _EMPTY_SLOT % icon)


def paging_words(table: ui.table, lang: str) -> None:
    """One pagination wording in every paged table: "1–50 из 2000" / "1–50 of 2000", and the
    rows-per-page label in the reader's language. The numbers come from Quasar."""
    before, between, after = _label_parts(t("table.range", lang, first="\0", last="\1", total="\2"))
    table.props["rows-per-page-label"] = t("table.rows_per_page", lang)
    table.props[":pagination-label"] = (
        f"(first, last, total) => {json.dumps(before)} + first + {json.dumps(between[0])}"
        f" + last + {json.dumps(between[1])} + total + {json.dumps(after)}"
    )


def _label_parts(template: str) -> tuple[str, tuple[str, str], str]:
    """Split "\0–\1 из \2" into the text around the three numbers."""
    before, rest = template.split("\0", 1)
    first_gap, rest = rest.split("\1", 1)
    second_gap, after = rest.split("\2", 1)
    return before, (first_gap, second_gap), after
