"""The app as a NiceGUI main file: builds it for the data directory in ``$TIKETNITSA_DATA``.

NiceGUI's ``user`` test fixture runs this file (``runpy``, as ``__main__``) for every test; the
test's ``data_dir`` fixture points ``TIKETNITSA_DATA`` at a fresh installation first, so each test
gets its own store. Under the fixture ``ui.run`` starts no server. Run by hand
(``TIKETNITSA_DATA=... python -m appliance.main``) it serves like ``tiketnitsa serve``.
"""

from __future__ import annotations

from nicegui import ui

from appliance.config import resolve_data_dir
from appliance.context import open_context
from appliance.web import build, run_options


def main() -> None:
    ctx = open_context(resolve_data_dir(None))
    build(ctx)
    host, port = ctx.settings.host, ctx.settings.port
    ui.run(**run_options(ctx, host=host, port=port))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
