"""``tiketnitsa serve`` with tracemalloc on demand: SIGUSR2 starts tracing (what is allocated from
then on; tracing costs time, so the timed phases run without it), SIGUSR1 writes a snapshot to
``$TIKETNITSA_TRACE_DIR`` (``snap-<n>.tracemalloc``), SIGHUP writes a census there
(``census-<n>.json``: SQLite's own count of its memory, bounded process-wide; after a full
garbage collection, NiceGUI's clients, bindings and tab storages, asyncio tasks, live objects by
type).
For the load benchmarks' memory figures; never used in production.

    python -m tests.bench.traced_serve --data-dir DIR serve --host 127.0.0.1 --port N
"""

from __future__ import annotations

import asyncio
import collections
import gc
import itertools
import json
import os
import signal
import sys
import tracemalloc
from pathlib import Path
from types import FrameType

from appliance.cli import main

_COUNTER = itertools.count()


def _dump(signum: int, frame: FrameType | None) -> None:
    folder = Path(os.environ["TIKETNITSA_TRACE_DIR"])
    name = f"snap-{next(_COUNTER)}.tracemalloc"
    tracemalloc.take_snapshot().dump(str(folder / f".{name}"))
    os.rename(folder / f".{name}", folder / name)  # whole when it appears


def _census(signum: int, frame: FrameType | None) -> None:
    import apsw
    from nicegui import app, binding
    from nicegui.client import Client

    gc.collect()
    types = collections.Counter(
        f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects()
    )
    census = {
        "sqlite_bytes": apsw.memory_used(),
        "clients": len(Client.instances),
        "bindings": len(binding.bindings),
        "active_links": len(binding.active_links),
        "tab_storages": len(app.storage._tabs),
        "tasks": len(asyncio.all_tasks(asyncio.get_event_loop())),
        "types": dict(types),
    }
    folder = Path(os.environ["TIKETNITSA_TRACE_DIR"])
    name = f"census-{next(_COUNTER)}.json"
    (folder / f".{name}").write_text(json.dumps(census))
    os.rename(folder / f".{name}", folder / name)


def _start(signum: int, frame: FrameType | None) -> None:
    tracemalloc.start(8)


if __name__ == "__main__":
    signal.signal(signal.SIGUSR2, _start)
    signal.signal(signal.SIGUSR1, _dump)
    signal.signal(signal.SIGHUP, _census)
    sys.exit(main(sys.argv[1:]))
