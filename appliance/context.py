"""What a running appliance holds: its data directory, settings and the open store.

One ``AppContext`` per process, made by ``open_context`` and handed to the web app at build time
(``app.state.ctx``); tests make their own per test.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from appliance.config import PASSPHRASE_ENV, DataDir, Settings
from appliance.store import Store
from appliance.store.keys import load_key


@dataclass
class AppContext:
    data_dir: DataDir
    settings: Settings
    store: Store

    def close(self) -> None:
        self.store.close()


def open_context(data_dir: DataDir, *, passphrase: str | None = None) -> AppContext:
    """Open the store of ``data_dir`` (applying pending migrations)."""
    settings = data_dir.load_settings()
    data_dir.make_private()
    if passphrase is None:
        passphrase = os.environ.get(PASSPHRASE_ENV)
    key = load_key(data_dir.path, passphrase=passphrase)
    store = Store.open(data_dir.path, key)
    return AppContext(data_dir=data_dir, settings=settings, store=store)
