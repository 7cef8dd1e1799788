"""A backup taken while tickets are being written is one consistent moment of the store."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path

from appliance.backup.format import WrappingKey
from appliance.backup.restore import restore_backup
from appliance.backup.snapshot import create_backup_file
from appliance.config import DataDir
from appliance.context import open_context
from appliance.store.ticket_create import create_ticket
from tests.backup.support import PASSPHRASE, dump


def test_backup_during_writes_restores_a_consistent_store(
    demo_dir: DataDir, wrapping: WrappingKey, tmp_path: Path
) -> None:
    writer_ctx = open_context(demo_dir)  # another handle, like the running appliance
    backup_ctx = open_context(demo_dir)
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        while not stop.is_set():
            made = writer_ctx.store.write_sync(
                lambda conn: create_ticket(
                    conn,
                    uuid=str(uuid.uuid4()),
                    source="phone",
                    description="written during the backup " * 20,
                    submitted_at=datetime.now(UTC),
                )
            )
            written.append(made.number)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        while len(written) < 20:  # writes are under way before the backup starts
            stop.wait(0.01)
        outs = []
        for i in range(3):
            out = tmp_path / f"busy-{i}.tkbak"
            create_backup_file(backup_ctx.store, demo_dir, out, wrapping)
            outs.append((out, len(written)))
    finally:
        stop.set()
        thread.join()
        writer_ctx.close()
        backup_ctx.close()
    assert len(written) > 40

    for i, (out, written_by_end) in enumerate(outs):
        target = tmp_path / f"restored-{i}"
        checked = restore_backup(out, PASSPHRASE, target)  # integrity_check + manifest inside
        rows = dump(target)
        numbers = sorted(row[1] for row in rows["tickets"])
        # A moment of the store: numbers without gaps, the counter agreeing with them, every
        # ticket in the full-text index, and no more tickets than were written by then.
        assert numbers == list(range(1, len(numbers) + 1))
        counter = dict((name, value) for name, value in rows["counters"])["ticket_number"]
        assert counter == len(numbers)
        assert len(rows["tickets_fts"]) == len(numbers)
        assert len(numbers) <= 80 + written_by_end
        assert checked.manifest.row_counts["tickets"] == len(numbers)
