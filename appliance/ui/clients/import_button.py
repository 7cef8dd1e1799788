"""The import button on the People, Equipment, Credentials and Licenses tabs of a client card:
opens the import dialog (``ui/clients/import_dialog.py``: file, column mapping, preview with
per-row problems, import) for ``kind`` of organisation ``org_id``.

The tabs call it only for users who may edit the card; the service checks the actor again.

Test marker: ``import-<kind>`` (the button).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from appliance.ui.clients.import_dialog import open_import_dialog
from appliance.ui.common.session import Session


def add_import_button(
    session: Session, org_id: int, kind: str, on_done: Callable[[], Awaitable[None]]
) -> None:
    """An "Import from file" button where it is called; ``on_done()`` redraws the tab after
    rows were written."""
    ui.button(
        session.t("import_ui.button"),
        icon="upload_file",
        on_click=lambda: open_import_dialog(session, org_id, kind, on_done),
    ).props("outline no-caps dense").mark(f"import-{kind}")
