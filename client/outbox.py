"""The local outbox: requests waiting to be delivered, and the cache of "my requests".

One SQLite file (stdlib ``sqlite3``) in the user's LiveViewer home, WAL with ``synchronous=FULL``
so that an item the window reported as saved survives a power cut. The window and the agent may
be two processes: each opens its own ``Outbox``; SQLite's locking and a busy timeout serialise
their writes.

Rules the agent relies on:
- ``add`` writes the submission and its screenshot bytes in one transaction: an item is there
  whole or not at all.
- Items keep their order (``seq``); ``pending`` lists them oldest first.
- The payload is the exact JSON sent on every try, so a retry is byte-identical and the
  appliance's idempotency check (same uuid + same content) recognises it.
- An item leaves the outbox only through ``complete`` (the appliance's success for the ticket) or
  stays as ``rejected`` with a readable reason (``reject``); nothing else deletes it.

After ``add`` the file ``outbox.signal`` is touched: the agent watches that one file rather than
the database, whose own writes (deletes, feed cursor) would wake it in a loop.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid as uuid_module
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sync.wire import FeedPage

SIGNAL_FILE_NAME = "outbox.signal"
BUSY_TIMEOUT_SECONDS = 10.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'rejected')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    rejected_reason TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS item_blobs (
    uuid       TEXT NOT NULL REFERENCES items(uuid) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    media_type TEXT NOT NULL,
    data       BLOB NOT NULL,
    uploaded   INTEGER NOT NULL DEFAULT 0 CHECK (uploaded IN (0, 1)),
    PRIMARY KEY (uuid, sha256)
);
CREATE TABLE IF NOT EXISTS my_tickets (
    uuid         TEXT PRIMARY KEY,
    number       INTEGER,
    status       TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    submitted_at TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS my_replies (
    ticket_uuid TEXT NOT NULL,
    action_id   INTEGER NOT NULL,
    at          TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (ticket_uuid, action_id)
);
CREATE TABLE IF NOT EXISTS faq (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS faq_solved (
    uuid       TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

QUEUED = "queued"
REJECTED = "rejected"


@dataclass(frozen=True)
class CachedArticle:
    id: int
    title: str
    body: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class BlobInput:
    """A file to attach: its name (SHA-256 hex), media type and bytes."""

    sha256: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class BlobRef:
    sha256: str
    media_type: str
    size: int
    uploaded: bool


@dataclass(frozen=True)
class OutboxItem:
    seq: int
    uuid: str
    created_at: str
    payload: str
    state: str
    attempts: int
    last_error: str
    rejected_reason: str
    blobs: list[BlobRef]


@dataclass(frozen=True)
class Reply:
    action_id: int
    at: str
    text: str


@dataclass(frozen=True)
class MyTicket:
    uuid: str
    number: int | None
    status: str
    description: str
    reason: str
    submitted_at: str
    updated_at: str
    replies: list[Reply] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _create_private_file(path: Path) -> None:
    # SQLite gives -wal and -shm the database file's mode, so 0600 here covers all three.
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(fd)


class Outbox:
    """One connection to the outbox file; safe to share between threads of one process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _create_private_file(path)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = FULL")
        self._conn.execute("PRAGMA foreign_keys = ON")
        with self._transaction() as conn:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            # Files made before the FAQ carried tags: add the column.
            columns = {row["name"] for row in conn.execute("PRAGMA table_info(faq)")}
            if "tags" not in columns:
                conn.execute("ALTER TABLE faq ADD COLUMN tags TEXT NOT NULL DEFAULT ''")

    @property
    def signal_path(self) -> Path:
        return self.path.parent / SIGNAL_FILE_NAME

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction. ``durable=False`` skips the fsync of its commit (WAL keeps it
        atomic either way): for the agent's bookkeeping, which a power cut may only roll back
        to an earlier state that is safe to act on again — an item shown as not yet delivered
        is resent and the appliance answers with the same number; a blob not marked uploaded
        is uploaded again and the appliance answers "held already". What the employee wrote
        (``add``) is always durable."""
        # BEGIN IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading
        # read locks; the busy timeout makes the second one wait instead of failing.
        with self._lock:
            if not durable:
                self._conn.execute("PRAGMA synchronous = NORMAL")
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            finally:
                if not durable:
                    self._conn.execute("PRAGMA synchronous = FULL")

    # -- writing new requests ----------------------------------------------------------------

    def add(
        self,
        *,
        uuid: str,
        payload: str,
        description: str,
        submitted_at: str,
        blobs: Sequence[BlobInput] = (),
    ) -> int:
        """Queue one request with its files in one transaction; return its position (seq)."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO items (uuid, created_at, payload) VALUES (?, ?, ?)",
                (uuid, _now(), payload),
            )
            seq = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO item_blobs (uuid, position, sha256, media_type, data)"
                " VALUES (?, ?, ?, ?, ?)",
                [(uuid, i, b.sha256, b.media_type, b.data) for i, b in enumerate(blobs)],
            )
            conn.execute(
                "INSERT INTO my_tickets (uuid, status, description, submitted_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (uuid, QUEUED, description, submitted_at, _now()),
            )
        self.signal()
        return seq

    def signal(self) -> None:
        """Wake a watching agent."""
        self.signal_path.write_text(_now(), encoding="utf-8")

    # -- what the agent reads ----------------------------------------------------------------

    def _blob_refs(self, uuid: str) -> list[BlobRef]:
        rows = self._conn.execute(
            "SELECT sha256, media_type, length(data) AS size, uploaded FROM item_blobs"
            " WHERE uuid = ? ORDER BY position",
            (uuid,),
        ).fetchall()
        return [BlobRef(r["sha256"], r["media_type"], r["size"], bool(r["uploaded"])) for r in rows]

    def _items(self, where: str, params: tuple[object, ...] = ()) -> list[OutboxItem]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT * FROM items WHERE {where} ORDER BY seq", params
            ).fetchall()
            return [
                OutboxItem(
                    seq=r["seq"],
                    uuid=r["uuid"],
                    created_at=r["created_at"],
                    payload=r["payload"],
                    state=r["state"],
                    attempts=r["attempts"],
                    last_error=r["last_error"],
                    rejected_reason=r["rejected_reason"],
                    blobs=self._blob_refs(r["uuid"]),
                )
                for r in rows
            ]

    def pending(self) -> list[OutboxItem]:
        """Queued items, oldest first."""
        return self._items("state = ?", (QUEUED,))

    def rejected(self) -> list[OutboxItem]:
        return self._items("state = ?", (REJECTED,))

    def get(self, uuid: str) -> OutboxItem | None:
        items = self._items("uuid = ?", (uuid,))
        return items[0] if items else None

    def blob_data(self, uuid: str, sha256: str) -> bytes:
        with self._lock:
            row = self._conn.execute(
                "SELECT data FROM item_blobs WHERE uuid = ? AND sha256 = ?", (uuid, sha256)
            ).fetchone()
        if row is None:
            raise KeyError(f"no blob {sha256} in item {uuid}")
        return bytes(row["data"])

    # -- what the agent writes ---------------------------------------------------------------

    def mark_blob_uploaded(self, uuid: str, sha256: str) -> None:
        with self._transaction(durable=False) as conn:
            conn.execute(
                "UPDATE item_blobs SET uploaded = 1 WHERE uuid = ? AND sha256 = ?", (uuid, sha256)
            )

    def mark_blobs_missing(self, uuid: str, hashes: Sequence[str]) -> None:
        """The appliance says it lacks these: upload them again on the next try."""
        with self._transaction(durable=False) as conn:
            if hashes:
                conn.executemany(
                    "UPDATE item_blobs SET uploaded = 0 WHERE uuid = ? AND sha256 = ?",
                    [(uuid, h) for h in hashes],
                )
            else:
                conn.execute("UPDATE item_blobs SET uploaded = 0 WHERE uuid = ?", (uuid,))

    def note_failure(self, uuid: str, error: str) -> None:
        with self._transaction(durable=False) as conn:
            conn.execute(
                "UPDATE items SET attempts = attempts + 1, last_error = ? WHERE uuid = ?",
                (error[:500], uuid),
            )

    def complete(self, uuid: str, *, number: int, status: str) -> None:
        """The appliance holds the ticket: drop the item and remember its number, together."""
        with self._transaction(durable=False) as conn:
            conn.execute("DELETE FROM items WHERE uuid = ?", (uuid,))
            self._upsert_ticket(conn, uuid, number=number, status=status)

    def reject(self, uuid: str, reason: str) -> None:
        """The appliance will never accept this item as it is: keep it, stop sending it."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE items SET state = ?, rejected_reason = ?, attempts = attempts + 1"
                " WHERE uuid = ?",
                (REJECTED, reason[:500], uuid),
            )
            conn.execute(
                "UPDATE my_tickets SET status = ?, reason = ?, updated_at = ? WHERE uuid = ?",
                (REJECTED, reason[:500], _now(), uuid),
            )

    @staticmethod
    def _upsert_ticket(
        conn: sqlite3.Connection, uuid: str, *, number: int, status: str | None
    ) -> None:
        conn.execute(
            "INSERT INTO my_tickets (uuid, number, status, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (uuid) DO UPDATE SET number = excluded.number,"
            " status = coalesce(?, my_tickets.status), updated_at = excluded.updated_at",
            (uuid, number, status or "new", _now(), status),
        )

    # -- the feed ----------------------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def feed_cursor(self) -> int:
        value = self._meta("feed_cursor")
        return int(value) if value else 0

    def faq_version(self) -> str:
        return self._meta("faq_version") or ""

    def apply_feed(self, page: FeedPage) -> None:
        """Apply one feed page and move the cursor past it, in one transaction."""
        with self._transaction() as conn:
            for event in page.events:
                if event.kind in ("number", "status"):
                    self._upsert_ticket(
                        conn, event.ticket_uuid, number=event.ticket_number, status=event.status
                    )
                elif event.kind == "reply" and event.action_id is not None:
                    self._upsert_ticket(
                        conn, event.ticket_uuid, number=event.ticket_number, status=None
                    )
                    conn.execute(
                        "INSERT OR REPLACE INTO my_replies (ticket_uuid, action_id, at, text)"
                        " VALUES (?, ?, ?, ?)",
                        (
                            event.ticket_uuid,
                            event.action_id,
                            event.at.isoformat(),
                            event.text or "",
                        ),
                    )
            if page.faq is not None:
                conn.execute("DELETE FROM faq")
                conn.executemany(
                    "INSERT INTO faq (id, title, body, updated_at, tags) VALUES (?, ?, ?, ?, ?)",
                    [
                        (a.id, a.title, a.body, a.updated_at.isoformat(), "\n".join(a.tags))
                        for a in page.faq
                    ],
                )
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('feed_cursor', ?)",
                (str(page.next),),
            )
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('faq_version', ?)",
                (page.faq_version,),
            )

    # -- what the window and `status` read ---------------------------------------------------

    def my_tickets(self, uuid: str | None = None) -> list[MyTicket]:
        """My requests (or the one with ``uuid``): unnumbered first, then newest first, each
        with the replies meant for me, oldest first."""
        where, params = ("WHERE t.uuid = ?", (uuid,)) if uuid else ("", ())
        with self._lock:
            rows = self._conn.execute(
                f"SELECT t.*, i.seq FROM my_tickets AS t LEFT JOIN items AS i USING (uuid) {where}"
                " ORDER BY t.number IS NULL DESC, t.number DESC, i.seq DESC, t.submitted_at DESC",
                params,
            ).fetchall()
            replies: dict[str, list[Reply]] = {}
            reply_where = "WHERE ticket_uuid = ?" if uuid else ""
            for r in self._conn.execute(
                f"SELECT * FROM my_replies {reply_where} ORDER BY at, action_id", params
            ).fetchall():
                replies.setdefault(r["ticket_uuid"], []).append(
                    Reply(r["action_id"], r["at"], r["text"])
                )
        return [
            MyTicket(
                uuid=r["uuid"],
                number=r["number"],
                status=r["status"],
                description=r["description"],
                reason=r["reason"],
                submitted_at=r["submitted_at"],
                updated_at=r["updated_at"],
                replies=replies.get(r["uuid"], []),
            )
            for r in rows
        ]

    def ticket(self, uuid: str) -> MyTicket | None:
        found = self.my_tickets(uuid)
        return found[0] if found else None

    def faq(self) -> list[tuple[str, str]]:
        with self._lock:
            rows = self._conn.execute("SELECT title, body FROM faq ORDER BY title").fetchall()
        return [(r["title"], r["body"]) for r in rows]

    def faq_articles(self) -> list[CachedArticle]:
        """The public articles held on this PC (what the last feed sent), by title."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, title, body, tags FROM faq ORDER BY title"
            ).fetchall()
        return [
            CachedArticle(
                r["id"], r["title"], r["body"], tuple(filter(None, r["tags"].split("\n")))
            )
            for r in rows
        ]

    # -- "this solved it": queued like requests, sent at the next sync ----------------------

    def add_solved(self, article_id: int) -> str:
        """Queue "article ``article_id`` solved it, nothing sent"; its uuid (chosen once, so a
        resend after a lost answer counts once on the appliance)."""
        uuid = str(uuid_module.uuid4())
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO faq_solved (uuid, article_id, created_at) VALUES (?, ?, ?)",
                (uuid, article_id, _now()),
            )
        self.signal()
        return uuid

    def pending_solved(self) -> list[tuple[str, int]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT uuid, article_id FROM faq_solved ORDER BY created_at, uuid"
            ).fetchall()
        return [(r["uuid"], r["article_id"]) for r in rows]

    def solved_delivered(self, uuid: str) -> None:
        """The appliance answered for it (counted now or before): it leaves the queue."""
        with self._transaction(durable=False) as conn:
            conn.execute("DELETE FROM faq_solved WHERE uuid = ?", (uuid,))

    def counts(self) -> dict[str, int]:
        with self._lock:
            row = self._conn.execute(
                "SELECT"
                " (SELECT count(*) FROM items WHERE state = 'queued') AS queued,"
                " (SELECT count(*) FROM items WHERE state = 'rejected') AS rejected,"
                " (SELECT count(*) FROM my_tickets) AS tickets"
            ).fetchone()
        return {"queued": row["queued"], "rejected": row["rejected"], "tickets": row["tickets"]}
