"""The import and export buttons on the People, Equipment, Credentials and Licenses tabs of a
client card. Import opens the dialog (``ui/clients/import_dialog.py``: file, column mapping,
preview with per-row problems, import); Export downloads the tab's rows as XLSX or CSV with the
headers the import reads back (passwords and license keys left out: the command line's
``export --with-secrets`` is the audited way to carry them).

The tabs call this only for users who may edit the card; the services check the actor again.

Test markers: ``import-<kind>`` (the import button), ``export-<kind>`` (the export menu),
``export-<kind>-xlsx``, ``export-<kind>-csv``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from appliance.domain.errors import AppError
from appliance.services.client_export import XLSX_TYPE, export_card
from appliance.ui.clients.import_dialog import open_import_dialog
from appliance.ui.common.errors import notify_error
from appliance.ui.common.session import Session

_MEDIA = {"xlsx": XLSX_TYPE, "csv": "text/csv"}


def add_import_button(
    session: Session, org_id: int, kind: str, on_done: Callable[[], Awaitable[None]]
) -> None:
    """ "Import from file" and "Export" where it is called; ``on_done()`` redraws the tab after
    rows were imported."""
    ui.button(
        session.t("import_ui.button"),
        icon="upload_file",
        on_click=lambda: open_import_dialog(session, org_id, kind, on_done),
    ).props("outline no-caps dense").mark(f"import-{kind}")

    async def download(fmt: str) -> None:
        name = f"{session.t(f'import.kind.{kind}')}.{fmt}"
        try:
            exported = await export_card(
                session.store,
                session.actor,
                org_id=org_id,
                kind=kind,
                file_name=name,
                lang=session.lang,
            )
        except AppError as error:
            notify_error(session, error)
            return
        ui.download.content(exported.data, name, media_type=_MEDIA[fmt])

    with (
        ui.dropdown_button(session.t("import_ui.export"), icon="download", auto_close=True)
        .props("outline no-caps dense")
        .mark(f"export-{kind}")
    ):
        for fmt in ("xlsx", "csv"):
            ui.item(fmt.upper(), on_click=lambda f=fmt: download(f)).mark(f"export-{kind}-{fmt}")
