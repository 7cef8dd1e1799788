"""The import button on the People, Equipment, Credentials and Licenses tabs of a client card.

Filled in by the import work (issue 9, part B: CSV/XLSX import with column mapping and preview).
Until then it adds nothing to the page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from appliance.ui.common.session import Session


def add_import_button(
    session: Session, org_id: int, kind: str, on_done: Callable[[], Awaitable[None]]
) -> None:
    """Filled in by the import work: put an "Import" button for ``kind`` (people, equipment,
    credentials, licenses) of organisation ``org_id`` where it is called; ``on_done()`` redraws
    the tab after rows were written."""
    return None
