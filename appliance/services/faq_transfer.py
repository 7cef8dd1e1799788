"""FAQ import and export as a folder of Markdown files (``appliance.domain.faq_files``); the
command reads and writes the files, this module turns them into articles and back.

Import is all or nothing: every file is checked first (a clear message naming the file), then
all are written in one transaction with an audit row each. An article whose title is already
stored gets a new version (so importing the same folder twice changes nothing twice).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import apsw

from appliance.domain.errors import InvalidInput
from appliance.domain.faq_files import LOCAL_IMAGE, ArticleFile, dump, parse, slug
from appliance.domain.faq_text import IMAGE_PREFIX, image_hashes
from appliance.domain.permissions import Permission
from appliance.services.actor import Actor, acting_user
from appliance.services.audited import checked_read
from appliance.services.faq_images import image_type, store_image_in
from appliance.services.types import Store
from appliance.store import audit, faq, faq_feedback

_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif"}
MAX_FILES = 5000


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ExportedFolder:
    files: dict[str, str]  # name -> Markdown
    images: dict[str, bytes]  # name -> bytes


async def import_folder(
    store: Store, actor: Actor, *, files: Mapping[str, str], images: Mapping[str, bytes]
) -> ImportResult:
    """``files``: Markdown file name -> text; ``images``: the other files beside them."""
    if len(files) > MAX_FILES:
        raise InvalidInput("faq.error.too_many_files", limit=MAX_FILES)
    parsed = {name: parse(text, name) for name, text in sorted(files.items())}
    for name, article in parsed.items():
        for _alt, target in LOCAL_IMAGE.findall(article.body):
            if target not in images:
                raise InvalidInput("faq.error.file_image", file=name, image=target)

    def write(conn: apsw.Connection) -> ImportResult:
        acting_user(conn, actor, Permission.MANAGE_FAQ)
        created = updated = unchanged = 0
        stored: dict[str, str] = {}
        for name, article in parsed.items():
            category_id = None
            if article.category:
                category_id = faq_feedback.category_id_by_label(conn, article.category)
                if category_id is None:
                    raise InvalidInput(
                        "faq.error.file_category", file=name, category=article.category
                    )
            org_id = None
            if article.organisation:
                org_id = faq_feedback.org_id_by_name(conn, article.organisation)
                if org_id is None:
                    raise InvalidInput("faq.error.file_org", file=name, org=article.organisation)

            def local(match: re.Match[str]) -> str:
                target = match.group(2)
                if target not in stored:
                    stored[target] = store_image_in(conn, images[target])
                return f"![{match.group(1)}]({IMAGE_PREFIX}{stored[target]})"

            try:
                body = LOCAL_IMAGE.sub(local, article.body)
            except InvalidInput as bad:
                raise InvalidInput("faq.error.file_image_bad", file=name) from bad
            values: dict[str, Any] = {
                "title": article.title,
                "body": body,
                "category_id": category_id,
                "tags": article.tags,
                "public": article.public,
                "org_id": org_id,
            }
            existing = faq_feedback.article_id_by_title(conn, article.title)
            if existing is None:
                article_id = faq.create_article(conn, created_by=actor.user_id, **values)
                action, created = "faq.create", created + 1
            else:
                current = faq.get_article(conn, existing)
                assert current is not None
                if _same(current, values):
                    unchanged += 1
                    continue
                faq.update_article(conn, existing, updated_by=actor.user_id, **values)
                article_id, action, updated = existing, "faq.update", updated + 1
            audit.record(
                conn,
                user_id=actor.user_id,
                action=action,
                object_type="faq_article",
                object_id=article_id,
                detail=f"import:{name}"[:200],
                remote_addr=actor.audit_addr,
            )
        return ImportResult(created, updated, unchanged)

    return await store.write(write)


def _same(article: faq.Article, values: Mapping[str, object]) -> bool:
    return (
        article.title == values["title"]
        and article.body.strip() == str(values["body"]).strip()
        and article.category_id == values["category_id"]
        and article.tags == faq.split_tags(str(values["tags"]))
        and article.public == values["public"]
        and article.org_id == values["org_id"]
    )


async def export_folder(store: Store, actor: Actor) -> ExportedFolder:
    """Every article as ``<id>-<slug>.md`` with its pictures as ``<sha256>.<ext>`` beside."""

    def read(conn: apsw.Connection) -> ExportedFolder:
        files: dict[str, str] = {}
        images: dict[str, bytes] = {}
        for article in faq.latest_articles(conn, limit=1_000_000):
            body = article.body
            for sha in image_hashes(body):
                data = faq_feedback.image_data(conn, sha)
                if data is None:
                    continue
                name = f"{sha}.{_EXTENSIONS.get(image_type(data) or '', 'bin')}"
                images[name] = data
                body = body.replace(f"{IMAGE_PREFIX}{sha}", name)
            files[f"{article.id:04d}-{slug(article.title)}.md"] = dump(
                ArticleFile(
                    title=article.title,
                    body=body,
                    category=article.category or "",
                    tags=", ".join(article.tags),
                    public=article.public,
                    organisation=article.org_name or "",
                )
            )
        return ExportedFolder(files, images)

    return await checked_read(store, actor, Permission.VIEW_FAQ, read)
