"""FAQ article history (``faq_versions``: every saved state, restores included) and drafts
(``faq_drafts``: what one technician is typing, saved as they type; article 0 is a new one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import apsw

from appliance.domain.clock import from_db, to_db
from appliance.store.rows import fetch_all, fetch_one

NEW_ARTICLE = 0


@dataclass(frozen=True)
class FaqVersion:
    article_id: int
    version: int
    title: str
    body: str
    category_id: int | None
    tags: str
    public: bool
    org_id: int | None
    saved_by: str  # a person's name, or ""
    saved_at: datetime
    note: str

    @classmethod
    def from_row(cls, **row: Any) -> FaqVersion:
        return cls(**{**row, "public": bool(row["public"]), "saved_at": from_db(row["saved_at"])})


_VERSIONS = (
    "SELECT v.article_id AS article_id, v.version AS version, v.title AS title, v.body AS body,"
    " v.category_id AS category_id, v.tags AS tags, v.public AS public, v.org_id AS org_id,"
    " coalesce(nullif(u.full_name, ''), u.login, '') AS saved_by, v.saved_at AS saved_at,"
    " v.note AS note FROM faq_versions AS v LEFT JOIN users AS u ON u.id = v.saved_by"
)


def versions(conn: apsw.Connection, article_id: int) -> list[FaqVersion]:
    """The article's saved states, newest first."""
    return fetch_all(
        conn,
        FaqVersion.from_row,
        f"{_VERSIONS} WHERE v.article_id = ? ORDER BY v.version DESC",
        (article_id,),
    )


def version(conn: apsw.Connection, article_id: int, number: int) -> FaqVersion | None:
    return fetch_one(
        conn,
        FaqVersion.from_row,
        f"{_VERSIONS} WHERE v.article_id = ? AND v.version = ?",
        (article_id, number),
    )


@dataclass(frozen=True)
class FaqDraft:
    user_id: int
    article_id: int  # NEW_ARTICLE for an article not saved yet
    base_version: int  # the version the edit started from (0: new)
    title: str
    body: str
    category_id: int | None
    tags: str
    public: bool
    org_id: int | None
    saved_at: datetime

    @classmethod
    def from_row(cls, **row: Any) -> FaqDraft:
        return cls(**{**row, "public": bool(row["public"]), "saved_at": from_db(row["saved_at"])})


def save_draft(conn: apsw.Connection, draft: FaqDraft) -> None:
    conn.execute(
        "INSERT INTO faq_drafts(user_id, article_id, base_version, title, body, category_id,"
        " tags, public, org_id, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(user_id, article_id) DO UPDATE SET base_version = excluded.base_version,"
        " title = excluded.title, body = excluded.body, category_id = excluded.category_id,"
        " tags = excluded.tags, public = excluded.public, org_id = excluded.org_id,"
        " saved_at = excluded.saved_at",
        (
            draft.user_id,
            draft.article_id,
            draft.base_version,
            draft.title,
            draft.body,
            draft.category_id,
            draft.tags,
            int(draft.public),
            draft.org_id,
            to_db(draft.saved_at),
        ),
    )


def get_draft(conn: apsw.Connection, user_id: int, article_id: int) -> FaqDraft | None:
    return fetch_one(
        conn,
        FaqDraft.from_row,
        "SELECT user_id, article_id, base_version, title, body, category_id, tags, public,"
        " org_id, saved_at FROM faq_drafts WHERE user_id = ? AND article_id = ?",
        (user_id, article_id),
    )


def delete_draft(conn: apsw.Connection, user_id: int, article_id: int) -> None:
    conn.execute(
        "DELETE FROM faq_drafts WHERE user_id = ? AND article_id = ?", (user_id, article_id)
    )
