"""``tiketnitsa serve`` with tracemalloc on demand: SIGUSR2 starts tracing (what is allocated from
then on; tracing costs time, so the timed phases run without it), SIGUSR1 writes a snapshot to
``$TIKETNITSA_TRACE_DIR`` (``snap-<n>.tracemalloc``), SIGHUP writes SQLite's own count of its
memory there (``sqlite-<n>.txt``, bytes: the connections' page caches, bounded process-wide).
For the load benchmarks' memory figures; never used in production.

    python -m tests.bench.traced_serve --data-dir DIR serve --host 127.0.0.1 --port N
"""

from __future__ import annotations

import itertools
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


def _sqlite_memory(signum: int, frame: FrameType | None) -> None:
    import apsw

    folder = Path(os.environ["TIKETNITSA_TRACE_DIR"])
    name = f"sqlite-{next(_COUNTER)}.txt"
    (folder / f".{name}").write_text(str(apsw.memory_used()))
    os.rename(folder / f".{name}", folder / name)


def _start(signum: int, frame: FrameType | None) -> None:
    tracemalloc.start(8)


if __name__ == "__main__":
    signal.signal(signal.SIGUSR2, _start)
    signal.signal(signal.SIGUSR1, _dump)
    signal.signal(signal.SIGHUP, _sqlite_memory)
    sys.exit(main(sys.argv[1:]))
