"""The FAQ pages and the ticket screen's FAQ card (NiceGUI ``user`` fixture, real store):
writing an article, autosave, a concurrent edit with nothing lost, history and restore, roles,
"this helped" and an article made from a ticket."""

from __future__ import annotations

from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User

from appliance.context import AppContext
from appliance.services import faq
from appliance.services.actor import Actor
from appliance.store import faq as faq_store
from tests.conftest import Account
from tests.ui.ticket_seed import seed_client


def element(user: User, marker: str) -> ui.element:
    found = user.find(marker=marker).elements
    assert len(found) == 1, f"{len(found)} elements marked {marker}"
    return next(iter(found))


async def log_out(user: User) -> None:
    user.find(marker="shell-logout").click()
    await user.should_see(marker="login-name", retries=30)


@pytest.fixture
def tech(add_user) -> Account:
    return add_user("technician", "ivan", full_name="Иван Техников")


def add_article(ctx: AppContext, account: Account, **values: Any) -> int:
    fields = {"title": "VPN не подключается", "body": "Перезапустите **клиент**.", **values}
    return ctx.store.write_sync(
        lambda c: faq_store.create_article(c, created_by=account.id, **fields)
    )


def stored(ctx: AppContext, article_id: int) -> faq.Article:
    found = ctx.store.read_sync(lambda c: faq_store.get_article(c, article_id))
    assert found is not None
    return found


async def test_a_technician_writes_an_article_and_reads_it_rendered(
    user: User, log_in, tech: Account, ctx: AppContext
) -> None:
    await log_in(tech)
    await user.open("/faq")
    user.find(marker="faq-new").click()
    await user.should_see(marker="faq-body", retries=30)
    user.find(marker="faq-title").type("Принтер не печатает")
    user.find(marker="faq-body").type("Проверьте **бумагу**.\n\n<script>alert(1)</script>")
    user.find(marker="faq-tags").type("принтер, печать")
    user.find(marker="faq-save").click()
    await user.should_see(marker="faq-article-body", retries=40)
    (article_id,) = ctx.store.read_sync(
        lambda c: [r[0] for r in c.execute("SELECT id FROM faq_articles")]
    )
    article = stored(ctx, article_id)
    assert (article.title, article.tags, article.author) == (
        "Принтер не печатает",
        ("принтер", "печать"),
        "Иван Техников",
    )
    (body,) = [e for e in user.find(marker="faq-article-body").elements]
    html = next(e for e in body.descendants() if isinstance(e, ui.html)).content
    assert "<strong>бумагу</strong>" in html and "script" not in html and "alert" not in html
    # The list shows it by category with its counters.
    await user.open("/faq")
    await user.should_see("Принтер не печатает")
    await user.should_see("Без категории")


async def test_typing_is_kept_as_a_draft_and_comes_back(
    user: User, log_in, tech: Account, ctx: AppContext
) -> None:
    article_id = add_article(ctx, tech)
    await log_in(tech)
    await user.open(f"/faq/{article_id}/edit")
    await user.should_see(marker="faq-body")
    element(user, "faq-body").set_value("Новый текст, ещё не сохранён")
    await user.should_see("Черновик сохранён", retries=60)
    editing = await faq.open_editor(ctx.store, Actor.user(tech.id), draft_key=article_id)
    assert editing.draft is not None and editing.draft.body == "Новый текст, ещё не сохранён"
    assert stored(ctx, article_id).body == "Перезапустите **клиент**."  # not published
    await user.open(f"/faq/{article_id}/edit")
    await user.should_see("Открыт ваш черновик")
    assert element(user, "faq-body").value == "Новый текст, ещё не сохранён"


async def test_a_concurrent_save_is_refused_clearly_and_nothing_is_lost(
    user: User, log_in, tech: Account, admin: Account, ctx: AppContext
) -> None:
    article_id = add_article(ctx, tech)
    await log_in(tech)
    await user.open(f"/faq/{article_id}/edit")
    await user.should_see(marker="faq-body")
    # Meanwhile an admin saves version 2.
    await faq.update_article(
        ctx.store,
        Actor.user(admin.id),
        article_id=article_id,
        changes={"body": "Текст админа"},
        expected_version=1,
    )
    element(user, "faq-body").set_value("Текст техника")
    user.find(marker="faq-save").click()
    await user.should_see("Пока вы правили, статью сохранили в версии 2", retries=40)
    assert element(user, "faq-conflict").visible
    assert element(user, "faq-body").value == "Текст техника"  # still in the editor
    editing = await faq.open_editor(ctx.store, Actor.user(tech.id), draft_key=article_id)
    assert editing.draft is not None and editing.draft.body == "Текст техника"  # and stored
    assert stored(ctx, article_id).body == "Текст админа"
    # Deliberately saving over version 2.
    user.find(marker="faq-rebase").click()
    user.find(marker="faq-save").click()
    await user.should_see(marker="faq-article-body", retries=40)
    assert (stored(ctx, article_id).body, stored(ctx, article_id).version) == ("Текст техника", 3)


async def test_history_shows_the_diff_and_restores_as_a_new_version(
    user: User, log_in, tech: Account, ctx: AppContext
) -> None:
    article_id = add_article(ctx, tech, body="Шаг 1\nШаг 2")
    ctx.store.write_sync(lambda c: faq_store.update_article(c, article_id, body="Шаг 1\nШаг 2а"))
    await log_in(tech)
    await user.open(f"/faq/{article_id}/history")
    await user.should_see(marker="faq-diff")
    assert [e.text for e in user.find(marker="faq-diff-removed").elements] == ["− Шаг 2"]
    assert [e.text for e in user.find(marker="faq-diff-added").elements] == ["+ Шаг 2а"]
    user.find(marker="faq-restore-1").click()
    await user.should_see(marker="faq-version-3", retries=40)
    assert (stored(ctx, article_id).body, stored(ctx, article_id).version) == ("Шаг 1\nШаг 2", 3)


async def test_managers_read_technicians_write_admins_delete(
    user: User, log_in, add_user, tech: Account, admin: Account, ctx: AppContext
) -> None:
    article_id = add_article(ctx, tech)
    await log_in(add_user("manager", "masha"))
    await user.open("/faq")
    await user.should_see("VPN не подключается")
    await user.should_not_see(marker="faq-new")
    await user.open(f"/faq/{article_id}")
    await user.should_see(marker="faq-article-body")
    await user.should_not_see(marker="faq-edit")
    await user.should_not_see(marker="faq-delete")
    await user.open(f"/faq/{article_id}/edit")
    await user.should_see(marker="forbidden")
    assert stored(ctx, article_id).view_count == 1

    await log_out(user)
    await log_in(tech)
    await user.open(f"/faq/{article_id}")
    await user.should_see(marker="faq-edit")
    await user.should_not_see(marker="faq-delete")

    await log_out(user)
    await log_in(admin)
    await user.open(f"/faq/{article_id}")
    user.find(marker="faq-delete").click()
    user.find(marker="faq-delete-confirm").click()
    await user.should_see(marker="faq-search", retries=40)
    assert (
        ctx.store.read_sync(lambda c: c.execute("SELECT count(*) FROM faq_articles").fetchone()[0])
        == 0
    )


async def test_the_ticket_screen_suggests_counts_help_and_makes_an_article(
    user: User, log_in, tech: Account, ctx: AppContext
) -> None:
    seed = seed_client(ctx.store)  # its own printer article; the ticket is about a printer
    await log_in(tech)
    await user.open(f"/tickets/{seed.number}")
    await user.should_see(marker="faq-suggestions")
    await user.should_not_see(marker="faq-none")
    (article_id,) = ctx.store.read_sync(
        lambda c: [
            r[0]
            for r in c.execute("SELECT id FROM faq_articles WHERE title = 'Принтер не печатает'")
        ]
    )
    user.find(marker=f"faq-helped-{article_id}").click()
    await user.should_see(marker=f"faq-helped-done-{article_id}", retries=40)
    assert stored(ctx, article_id).helped_count == 1
    # Reopened, the screen remembers it helped with this ticket.
    await user.open(f"/tickets/{seed.number}")
    await user.should_see(marker=f"faq-helped-done-{article_id}", retries=40)

    user.find(marker="faq-from-ticket").click()
    await user.should_see(marker="faq-body", retries=40)
    assert (
        element(user, "faq-title").value
        == "Принтер в бухгалтерии не печатает, горит оранжевая лампочка"
    )
    assert "оранжевая лампочка" in element(user, "faq-body").value


async def test_an_unrelated_ticket_shows_no_article(
    user: User, log_in, tech: Account, ctx: AppContext
) -> None:
    seed = seed_client(ctx.store, description="Прошу выставить счёт за обслуживание за октябрь")
    await log_in(tech)
    await user.open(f"/tickets/{seed.number}")
    await user.should_see(marker="faq-none")
    await user.should_not_see(marker="faq-suggestion")


async def test_editor_values_survive_bad_input(
    user: User, log_in, tech: Account, ctx: AppContext
) -> None:
    """An empty title: a clear message, nothing stored, the text kept."""
    await log_in(tech)
    await user.open("/faq/new")
    await user.should_see(marker="faq-body")
    user.find(marker="faq-body").type("Текст без заголовка")
    user.find(marker="faq-save").click()
    await user.should_see("Укажите заголовок статьи", retries=30)
    assert (
        ctx.store.read_sync(lambda c: c.execute("SELECT count(*) FROM faq_articles").fetchone()[0])
        == 0
    )
    assert element(user, "faq-body").value == "Текст без заголовка"
    editing = await faq.open_editor(ctx.store, Actor.user(tech.id), draft_key=0)
    assert editing.draft is not None and editing.draft.body == "Текст без заголовка"
