"""NiceGUI's per-tab storage does not pile up while the appliance runs (docs/reliability.md,
"Memory over time").

NiceGUI keeps an in-memory ``app.storage.tab`` for every browser tab that ever connected, 30 days
by default. The appliance stores nothing per tab, so it has NiceGUI prune them after
``TAB_STORAGE_SECONDS``; NiceGUI's own pruning (a 10 s timer) is run here directly.
"""

from __future__ import annotations

import time

from nicegui import app
from nicegui.app.app import prune_tab_storage
from nicegui.observables import ObservableDict
from nicegui.testing import User

from appliance.web import TAB_STORAGE_SECONDS


async def test_storage_of_tabs_gone_for_minutes_is_pruned(user: User) -> None:
    tabs = app.storage._tabs
    old, recent = ObservableDict(), ObservableDict()
    old.last_modified = time.time() - TAB_STORAGE_SECONDS - 60  # a tab closed minutes ago
    tabs["tab-closed-long-ago"], tabs["tab-just-opened"] = old, recent
    try:
        await prune_tab_storage()
        assert "tab-closed-long-ago" not in tabs
        assert "tab-just-opened" in tabs
    finally:
        tabs.pop("tab-closed-long-ago", None)
        tabs.pop("tab-just-opened", None)
    assert TAB_STORAGE_SECONDS <= 15 * 60
