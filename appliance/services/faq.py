"""FAQ articles: reading and finding them (``VIEW_FAQ``: everyone), writing, editing and
restoring them (``MANAGE_FAQ``: technicians and admins), deleting them (``DELETE_FAQ``: admins).

Every change of an article writes one audit row in its own transaction. A save names the version
the editor started from; when someone saved in between it is refused (``Stale``) and the loser's
text stays in their draft (``faq_drafts``, saved as they type), so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import apsw

from appliance.domain.clock import utc_now
from appliance.domain.errors import InvalidInput, NotFound
from appliance.domain.faq_text import DiffLine, diff_lines, render
from appliance.domain.permissions import Permission
from appliance.services import faq_search
from appliance.services.actor import Actor, acting_user
from appliance.services.audited import audited_write, checked_read, fields
from appliance.services.faq_search import Filters
from appliance.services.types import Store
from appliance.store import audit, categories, faq, faq_feedback, faq_history, organizations
from appliance.store.faq import Article
from appliance.store.faq_history import NEW_ARTICLE, FaqDraft, FaqVersion

__all__ = ["NEW_ARTICLE", "Article", "ArticleView", "FaqDraft", "FaqPage", "FaqVersion", "Filters"]

MAX_QUERY = faq_search.MAX_QUERY


@dataclass(frozen=True)
class FaqPage:
    """What the FAQ page shows: the most helpful articles, or the best matches of ``query``."""

    query: str
    total: int  # every article stored
    articles: list[Article]


@dataclass(frozen=True)
class ArticleView:
    article: Article
    html: str  # the body rendered and sanitised
    helped_tickets: int = 0


@dataclass(frozen=True)
class Fields:
    """What an editor saves."""

    title: str
    body: str
    category_id: int | None = None
    tags: str = ""
    public: bool = False
    org_id: int | None = None

    def changes(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "body": self.body,
            "category_id": self.category_id,
            "tags": self.tags,
            "public": self.public,
            "org_id": self.org_id,
        }


@dataclass(frozen=True)
class Editing:
    """What the editor opens with: the article (None when new), and the user's own draft if
    one is kept (it wins over the saved text: it is what they typed last)."""

    article: Article | None
    draft: FaqDraft | None
    stale_draft: bool = field(default=False)  # the draft started from an older version


# -- reading ------------------------------------------------------------------------------------


async def faq_page(
    store: Store,
    actor: Actor,
    *,
    query: str = "",
    filters: Filters | None = None,
    limit: int = 50,
) -> FaqPage:
    """The most helpful ``limit`` articles, or with ``query`` the best matches of a search."""
    text = query.strip()[:MAX_QUERY]
    filters = filters or Filters()

    def read(conn: apsw.Connection) -> FaqPage:
        if text:
            found = [a for a, _ in faq_search.search(conn, text, filters=filters, limit=limit)]
        else:
            found = faq_search.most_helpful(conn, filters=filters, limit=limit)
        return FaqPage(text, faq.article_count(conn), found)

    return await checked_read(store, actor, Permission.VIEW_FAQ, read)


async def list_articles(store: Store, actor: Actor, *, limit: int = 50) -> list[Article]:
    return await checked_read(
        store, actor, Permission.VIEW_FAQ, lambda conn: faq.latest_articles(conn, limit)
    )


async def search_articles(
    store: Store, actor: Actor, *, text: str, limit: int = 20
) -> list[Article]:
    """Articles matching ``text``, best first."""
    return [a for a, _ in await search_scored(store, actor, text=text, limit=limit)]


async def search_scored(
    store: Store, actor: Actor, *, text: str, limit: int = 20
) -> list[tuple[Article, float]]:
    """Articles matching ``text`` with their scores, best first (for scripts)."""

    def read(conn: apsw.Connection) -> list[tuple[Article, float]]:
        return [(a, h.score) for a, h in faq_search.search(conn, text, limit=limit)]

    return await checked_read(store, actor, Permission.VIEW_FAQ, read)


async def match_articles(store: Store, actor: Actor, *, text: str, limit: int = 5) -> list[Article]:
    """Articles that may answer a problem described by ``text`` (a ticket's description)."""
    return await checked_read(
        store,
        actor,
        Permission.VIEW_FAQ,
        lambda conn: faq_search.suggest(conn, text, category_id=None, org_id=None, limit=limit),
    )


async def read_article(
    store: Store, actor: Actor, *, article_id: int, count_view: bool = True
) -> ArticleView:
    """One article to read (its view counted), rendered."""

    def run(conn: apsw.Connection) -> ArticleView:
        acting_user(conn, actor, Permission.VIEW_FAQ)
        if count_view:
            faq_feedback.count_view(conn, article_id)
        article = faq.get_article(conn, article_id)
        if article is None:
            raise NotFound("clients.error.faq_missing")
        return ArticleView(article, render(article.body), article.helped_count)

    return await (store.write(run) if count_view else store.read(run))


def preview(markdown: str) -> str:
    """The editor's preview: exactly what readers will see."""
    return render(markdown)


async def history(store: Store, actor: Actor, *, article_id: int) -> list[FaqVersion]:
    def read(conn: apsw.Connection) -> list[FaqVersion]:
        if faq.get_article(conn, article_id) is None:
            raise NotFound("clients.error.faq_missing")
        return faq_history.versions(conn, article_id)

    return await checked_read(store, actor, Permission.VIEW_FAQ, read)


async def version_diff(
    store: Store, actor: Actor, *, article_id: int, old: int, new: int
) -> list[DiffLine]:
    """What changed from version ``old`` to ``new``: the title line, then the body's lines."""

    def read(conn: apsw.Connection) -> list[DiffLine]:
        a = faq_history.version(conn, article_id, old)
        b = faq_history.version(conn, article_id, new)
        if a is None or b is None:
            raise NotFound("faq.error.version_missing")
        return diff_lines(f"# {a.title}\n{a.body}", f"# {b.title}\n{b.body}")

    return await checked_read(store, actor, Permission.VIEW_FAQ, read)


# -- writing ------------------------------------------------------------------------------------


async def create_article(
    store: Store,
    actor: Actor,
    *,
    title: str,
    body: str,
    category_id: int | None = None,
    public: bool = False,
    tags: str = "",
    org_id: int | None = None,
    draft_key: int | None = None,
) -> int:
    """A new article (version 1). ``draft_key``: the user's draft it came from, dropped in the
    same transaction."""

    def change(conn: apsw.Connection) -> int:
        article_id = faq.create_article(
            conn,
            title=title,
            body=body,
            category_id=category_id,
            public=public,
            created_by=actor.user_id,
            tags=tags,
            org_id=org_id,
        )
        if draft_key is not None and actor.user_id is not None:
            faq_history.delete_draft(conn, actor.user_id, draft_key)
        return article_id

    return await audited_write(
        store,
        actor,
        Permission.MANAGE_FAQ,
        change,
        action="faq.create",
        object_type="faq_article",
        object_id=lambda article_id: article_id,
        detail=title.strip()[:200],
    )


async def update_article(
    store: Store,
    actor: Actor,
    *,
    article_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
) -> int:
    """Change some of title, body, category_id, public, tags, org_id; with
    ``expected_version`` only if nobody saved since (``Stale``). The user's draft of the
    article is dropped with the save. Returns the new version."""

    def change(conn: apsw.Connection) -> int:
        version = faq.update_article(
            conn,
            article_id,
            expected_version=expected_version,
            updated_by=actor.user_id,
            **dict(changes),
        )
        if actor.user_id is not None:
            faq_history.delete_draft(conn, actor.user_id, article_id)
        return version

    return await audited_write(
        store,
        actor,
        Permission.MANAGE_FAQ,
        change,
        action="faq.update",
        object_type="faq_article",
        object_id=article_id,
        detail=fields(changes),
    )


async def restore_version(
    store: Store,
    actor: Actor,
    *,
    article_id: int,
    version: int,
    expected_version: int | None = None,
) -> int:
    """Make version ``version``'s text the article's again, as a new version."""

    def change(conn: apsw.Connection) -> int:
        old = faq_history.version(conn, article_id, version)
        if old is None:
            raise NotFound("faq.error.version_missing")
        return faq.update_article(
            conn,
            article_id,
            expected_version=expected_version,
            updated_by=actor.user_id,
            note=f"restored:{version}",
            title=old.title,
            body=old.body,
            category_id=old.category_id,
            tags=old.tags,
            public=old.public,
            org_id=old.org_id,
        )

    return await audited_write(
        store,
        actor,
        Permission.MANAGE_FAQ,
        change,
        action="faq.restore",
        object_type="faq_article",
        object_id=article_id,
        detail=f"version={version}",
    )


async def delete_article(store: Store, actor: Actor, *, article_id: int) -> None:
    def change(conn: apsw.Connection) -> str:
        article = faq.get_article(conn, article_id)
        faq.delete_article(conn, article_id)
        return article.title if article else ""

    await audited_write(
        store,
        actor,
        Permission.DELETE_FAQ,
        change,
        action="faq.delete",
        object_type="faq_article",
        object_id=article_id,
        detail="",
    )


# -- drafts -------------------------------------------------------------------------------------


async def open_editor(store: Store, actor: Actor, *, draft_key: int) -> Editing:
    """What the editor of article ``draft_key`` (``NEW_ARTICLE``, or minus a ticket's id for
    an article made from that ticket) starts with."""

    def read(conn: apsw.Connection) -> Editing:
        acting_user(conn, actor, Permission.MANAGE_FAQ)
        article = faq.get_article(conn, draft_key) if draft_key > 0 else None
        if draft_key > 0 and article is None:
            raise NotFound("clients.error.faq_missing")
        draft = (
            faq_history.get_draft(conn, actor.user_id, draft_key)
            if actor.user_id is not None
            else None
        )
        stale = draft is not None and article is not None and draft.base_version != article.version
        return Editing(article, draft, stale)

    return await store.read(read)


async def save_draft(
    store: Store, actor: Actor, *, draft_key: int, base_version: int, values: Fields
) -> None:
    """Keep what the user is typing (autosave). A private scratch copy: not audited; the
    article itself is not touched."""
    if actor.user_id is None:
        return
    user_id = actor.user_id

    def write(conn: apsw.Connection) -> None:
        acting_user(conn, actor, Permission.MANAGE_FAQ)
        faq_history.save_draft(
            conn,
            FaqDraft(
                user_id=user_id,
                article_id=draft_key,
                base_version=base_version,
                title=values.title[: faq.MAX_TITLE * 2],
                body=values.body[: faq.MAX_BODY],
                category_id=values.category_id,
                tags=values.tags[:1000],
                public=values.public,
                org_id=values.org_id,
                saved_at=utc_now(),
            ),
        )

    await store.write(write)


async def discard_draft(store: Store, actor: Actor, *, draft_key: int) -> None:
    if actor.user_id is None:
        return
    user_id = actor.user_id

    def write(conn: apsw.Connection) -> None:
        acting_user(conn, actor, Permission.MANAGE_FAQ)
        faq_history.delete_draft(conn, user_id, draft_key)

    await store.write(write)


# -- from tickets -------------------------------------------------------------------------------


async def mark_helped(store: Store, actor: Actor, *, article_id: int, ticket_id: int) -> bool:
    """ "This helped" on a ticket: link the article to it and count (once per ticket)."""

    def write(conn: apsw.Connection) -> bool:
        acting_user(conn, actor, Permission.WORK_TICKETS)
        new = faq_feedback.mark_helped(
            conn, article_id, ticket_id, user_id=actor.user_id, now=utc_now()
        )
        if new:
            audit.record(
                conn,
                user_id=actor.user_id,
                action="faq.helped",
                object_type="faq_article",
                object_id=article_id,
                detail=f"ticket_id={ticket_id}",
                remote_addr=actor.audit_addr,
            )
        return new

    return await store.write(write)


async def helped_on(store: Store, actor: Actor, *, ticket_id: int) -> set[int]:
    return await checked_read(
        store, actor, Permission.VIEW_TICKETS, lambda conn: faq_feedback.helped_on(conn, ticket_id)
    )


def ticket_draft_text(description: str, public_actions: list[str]) -> tuple[str, str]:
    """A title and Markdown body from a ticket's description and its public replies."""
    first = next((line.strip() for line in description.splitlines() if line.strip()), "")
    title = first[:120]
    body = f"{description.strip()}\n"
    if public_actions:
        body += "\n---\n\n" + "\n\n".join(text.strip() for text in public_actions) + "\n"
    return title, body


async def draft_from_ticket(store: Store, actor: Actor, *, ticket_id: int) -> int:
    """Fill the user's draft for a new article from the ticket: its description and the
    actions the client saw (never internal notes). Returns the draft's key for the editor."""
    if actor.user_id is None:
        raise InvalidInput("faq.error.needs_user")
    user_id = actor.user_id

    def write(conn: apsw.Connection) -> int:
        acting_user(conn, actor, Permission.MANAGE_FAQ)
        detail = faq_feedback.ticket_for_draft(conn, ticket_id)
        if detail is None:
            raise NotFound("faq.error.ticket_missing")
        description, category_id = detail
        title, body = ticket_draft_text(description, faq_feedback.public_actions(conn, ticket_id))
        key = -ticket_id
        faq_history.save_draft(
            conn,
            FaqDraft(
                user_id=user_id,
                article_id=key,
                base_version=0,
                title=title,
                body=body,
                category_id=category_id,
                tags="",
                public=False,
                org_id=None,
                saved_at=utc_now(),
            ),
        )
        return key

    return await store.write(write)


@dataclass(frozen=True)
class Choices:
    """What the FAQ's filters and editor offer: categories and organisations (id, label)."""

    categories: list[tuple[int, str]]
    organisations: list[tuple[int, str]]


async def choices(store: Store, actor: Actor) -> Choices:
    def read(conn: apsw.Connection) -> Choices:
        cats = [(c.id, c.label) for c in categories.list_categories(conn)]
        orgs = [(o.id, o.name) for o in organizations.list_organizations(conn)]
        return Choices(sorted(cats, key=lambda c: c[1].casefold()), orgs)

    return await checked_read(store, actor, Permission.VIEW_FAQ, read)
