"""FAQ articles: writing them (``MANAGE_FAQ``: admins, technicians) and finding them
(``VIEW_FAQ``). Every change writes one audit row naming the article and the fields changed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import apsw

from appliance.domain.permissions import Permission
from appliance.services.actor import Actor
from appliance.services.audited import audited_write, checked_read, fields
from appliance.services.types import Store
from appliance.store import faq
from appliance.store.faq import Article

__all__ = ["Article", "FaqPage"]

MAX_QUERY = 200


@dataclass(frozen=True)
class FaqPage:
    """What the FAQ page shows: the latest articles, or the best matches of ``query``."""

    query: str
    total: int  # every article stored (shown when there is no query)
    articles: list[Article]


async def create_article(
    store: Store,
    actor: Actor,
    *,
    title: str,
    body: str,
    category_id: int | None = None,
    public: bool = False,
) -> int:
    return await audited_write(
        store,
        actor,
        Permission.MANAGE_FAQ,
        lambda conn: faq.create_article(
            conn,
            title=title,
            body=body,
            category_id=category_id,
            public=public,
            created_by=actor.user_id,
        ),
        action="faq.create",
        object_type="faq_article",
        object_id=lambda article_id: article_id,
        detail=title.strip(),
    )


async def update_article(
    store: Store, actor: Actor, *, article_id: int, changes: Mapping[str, Any]
) -> None:
    """Change some of title, body, category_id, public."""
    await audited_write(
        store,
        actor,
        Permission.MANAGE_FAQ,
        lambda conn: faq.update_article(conn, article_id, **changes),
        action="faq.update",
        object_type="faq_article",
        object_id=article_id,
        detail=fields(changes),
    )


async def delete_article(store: Store, actor: Actor, *, article_id: int) -> None:
    await audited_write(
        store,
        actor,
        Permission.MANAGE_FAQ,
        lambda conn: faq.delete_article(conn, article_id),
        action="faq.delete",
        object_type="faq_article",
        object_id=article_id,
        detail="",
    )


async def faq_page(store: Store, actor: Actor, *, query: str = "", limit: int = 50) -> FaqPage:
    """The latest ``limit`` articles, or with ``query`` the best matches of a search."""
    text = query.strip()[:MAX_QUERY]

    def read(conn: apsw.Connection) -> FaqPage:
        if text:
            found = faq.search_faq(conn, text, limit=limit)
            return FaqPage(text, faq.article_count(conn), found)
        return FaqPage("", faq.article_count(conn), faq.latest_articles(conn, limit))

    return await checked_read(store, actor, Permission.VIEW_FAQ, read)


async def list_articles(store: Store, actor: Actor, *, limit: int = 50) -> list[Article]:
    return await checked_read(
        store, actor, Permission.VIEW_FAQ, lambda conn: faq.latest_articles(conn, limit)
    )


async def search_articles(
    store: Store, actor: Actor, *, text: str, limit: int = 20
) -> list[Article]:
    """Articles matching every word of ``text``, best first."""
    return await checked_read(
        store, actor, Permission.VIEW_FAQ, lambda conn: faq.search_faq(conn, text, limit=limit)
    )


async def match_articles(store: Store, actor: Actor, *, text: str, limit: int = 5) -> list[Article]:
    """Articles that may answer a problem described by ``text`` (a ticket's description)."""
    return await checked_read(
        store, actor, Permission.VIEW_FAQ, lambda conn: faq.faq_for_text(conn, text, limit=limit)
    )
