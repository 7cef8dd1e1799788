"""The ticket categories (service > problem): part of the help desk's settings, like the SLA
plans, so writing needs ``MANAGE_SETTINGS`` (admins); anyone who sees tickets may list them."""

from __future__ import annotations

from appliance.domain.permissions import Permission
from appliance.services.actor import Actor
from appliance.services.audited import audited_write, checked_read
from appliance.services.types import Store
from appliance.store import categories
from appliance.store.categories import Category

__all__ = ["Category"]


async def create_category(
    store: Store, actor: Actor, *, name: str, parent_id: int | None = None
) -> int:
    """A service (no ``parent_id``) or a problem of service ``parent_id``."""
    return await audited_write(
        store,
        actor,
        Permission.MANAGE_SETTINGS,
        lambda conn: categories.create_category(conn, name=name, parent_id=parent_id),
        action="category.create",
        object_type="category",
        object_id=lambda category_id: category_id,
        detail=name.strip(),
    )


async def rename_category(store: Store, actor: Actor, *, category_id: int, name: str) -> None:
    await audited_write(
        store,
        actor,
        Permission.MANAGE_SETTINGS,
        lambda conn: categories.rename_category(conn, category_id, name=name),
        action="category.update",
        object_type="category",
        object_id=category_id,
        detail="fields=name",
    )


async def archive_category(
    store: Store, actor: Actor, *, category_id: int, active: bool = False
) -> None:
    await audited_write(
        store,
        actor,
        Permission.MANAGE_SETTINGS,
        lambda conn: categories.archive_category(conn, category_id, active=active),
        action="category.restore" if active else "category.archive",
        object_type="category",
        object_id=category_id,
        detail="",
    )


async def list_categories(
    store: Store, actor: Actor, *, include_archived: bool = False
) -> list[Category]:
    return await checked_read(
        store,
        actor,
        Permission.VIEW_TICKETS,
        lambda conn: categories.list_categories(conn, include_archived=include_archived),
    )
