"""Content-addressed blobs (screenshots): the name is the SHA-256 of the bytes.

A blob is stored once however many tickets or retries refer to it. Callers verify the bytes
(hash and image decoding) before ``put_blob``; this module only keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import apsw

from appliance.domain.clock import to_db
from appliance.store.rows import fetch_one


@dataclass(frozen=True)
class BlobInfo:
    sha256: str
    media_type: str
    size: int
    width: int | None
    height: int | None


def put_blob(
    conn: apsw.Connection,
    *,
    sha256: str,
    data: bytes,
    media_type: str,
    width: int | None,
    height: int | None,
    now: datetime,
    org_id: int | None = None,
) -> bool:
    """Store the blob; True when it is new, False when it was held already (nothing changes
    but, with ``org_id``, that this organisation uploaded it too)."""
    conn.execute(
        "INSERT INTO blobs(sha256, media_type, size, width, height, data, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
        (sha256, media_type, len(data), width, height, data, to_db(now)),
    )
    created = conn.changes() > 0
    if org_id is not None:
        conn.execute(
            "INSERT OR IGNORE INTO blob_owners(sha256, org_id) VALUES (?, ?)", (sha256, org_id)
        )
    return created


def blob_info(conn: apsw.Connection, sha256: str) -> BlobInfo | None:
    return fetch_one(
        conn,
        BlobInfo,
        "SELECT sha256, media_type, size, width, height FROM blobs WHERE sha256 = ?",
        (sha256,),
    )


def owned_blob_info(conn: apsw.Connection, sha256: str, org_id: int) -> BlobInfo | None:
    """The blob if this organisation uploaded it (another's upload does not count)."""
    return fetch_one(
        conn,
        BlobInfo,
        "SELECT b.sha256, b.media_type, b.size, b.width, b.height FROM blobs AS b"
        " JOIN blob_owners AS o ON o.sha256 = b.sha256 AND o.org_id = ?"
        " WHERE b.sha256 = ?",
        (org_id, sha256),
    )


def attached_blob_data(conn: apsw.Connection, sha256: str) -> bytes | None:
    """The bytes of a blob some ticket refers to; None for one no ticket names (an upload a
    client never finished is nobody's to look at)."""
    row = conn.execute(
        "SELECT b.data FROM blobs AS b WHERE b.sha256 = ?"
        " AND EXISTS (SELECT 1 FROM ticket_attachments AS a WHERE a.sha256 = b.sha256)",
        (sha256,),
    ).fetchone()
    return bytes(row[0]) if row else None


def missing_blobs(
    conn: apsw.Connection, hashes: Iterable[str], *, org_id: int | None = None
) -> list[str]:
    """The hashes not held, in the order given; with ``org_id``, not uploaded by that
    organisation (held for another counts as missing: upload it again)."""
    wanted = list(dict.fromkeys(hashes))
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    args: list[object]
    if org_id is None:
        sql, args = f"SELECT sha256 FROM blobs WHERE sha256 IN ({marks})", list(wanted)
    else:
        sql = f"SELECT sha256 FROM blob_owners WHERE org_id = ? AND sha256 IN ({marks})"
        args = [org_id, *wanted]
    held = {row[0] for row in conn.execute(sql, args)}
    return [h for h in wanted if h not in held]
