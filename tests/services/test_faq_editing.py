"""Writing the knowledge base through the services, on a real encrypted store: saves with a
version compare-and-set, drafts that keep a loser's text, history with a diff and restore as a
new version, roles (technicians write, managers read, admins delete), "this helped" on tickets,
an article made from a ticket (public replies only), pictures, and every change audited."""

from __future__ import annotations

import asyncio
import io
import uuid
from typing import Any

import pytest
from PIL import Image

from appliance.domain.clock import utc_now
from appliance.domain.errors import Forbidden, InvalidInput, NotFound, Stale
from appliance.services import faq, faq_images
from appliance.services.actor import Actor
from appliance.services.faq import NEW_ARTICLE, Fields
from appliance.store import Store
from appliance.store.ticket_create import create_ticket
from tests.services.support import audit_rows, make_accounts


@pytest.fixture
def actors(store: Store) -> dict[str, Actor]:
    return make_accounts(store)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def article(store: Store, actor: Actor, title: str = "VPN", body: str = "Шаг 1\nШаг 2\n") -> int:
    return int(run(faq.create_article(store, actor, title=title, body=body, tags="vpn, Дом")))


def test_a_save_from_an_old_version_is_refused_and_the_losers_text_stays_in_their_draft(
    store: Store, actors: dict[str, Actor]
) -> None:
    admin, tech = actors["admin"], actors["technician"]
    art = article(store, admin)
    # Both open version 1; both type (autosave keeps their drafts).
    mine = Fields(title="VPN", body="Шаг 1\nШаг 2 (исправлен техником)\n")
    theirs = Fields(title="VPN", body="Шаг 1\nШаг 2\nШаг 3 (от админа)\n")
    run(faq.save_draft(store, tech, draft_key=art, base_version=1, values=mine))
    run(faq.save_draft(store, admin, draft_key=art, base_version=1, values=theirs))
    # The admin saves first: version 2, their draft is gone with the save.
    assert (
        run(
            faq.update_article(
                store, admin, article_id=art, changes=theirs.changes(), expected_version=1
            )
        )
        == 2
    )
    # The technician's save from version 1 is refused, naming the version that won...
    with pytest.raises(Stale) as refused:
        run(
            faq.update_article(
                store, tech, article_id=art, changes=mine.changes(), expected_version=1
            )
        )
    assert refused.value.values == {"version": 2}
    # ...the stored article is the admin's, and the technician's text is still in their draft,
    # marked as begun from an older version.
    read = run(faq.read_article(store, tech, article_id=art, count_view=False))
    assert "Шаг 3 (от админа)" in read.article.body and read.article.version == 2
    editing = run(faq.open_editor(store, tech, draft_key=art))
    assert editing.draft is not None and editing.draft.body == mine.body
    assert editing.stale_draft is True
    assert run(faq.open_editor(store, admin, draft_key=art)).draft is None
    # Deliberately saving over version 2 works, and the history keeps all three.
    assert (
        run(
            faq.update_article(
                store, tech, article_id=art, changes=mine.changes(), expected_version=2
            )
        )
        == 3
    )
    assert [v.version for v in run(faq.history(store, tech, article_id=art))] == [3, 2, 1]


def test_history_diff_and_restore_is_a_new_version(store: Store, actors: dict[str, Actor]) -> None:
    tech = actors["technician"]
    art = article(store, tech, body="Перезапустите клиент.\nВведите код.\n")
    changed = "Перезапустите клиент.\nВведите код из SMS.\n"
    run(faq.update_article(store, tech, article_id=art, changes={"body": changed}))
    lines = run(faq.version_diff(store, actors["manager"], article_id=art, old=1, new=2))
    assert [(x.kind, x.text) for x in lines if x.kind != "same"] == [
        ("removed", "Введите код."),
        ("added", "Введите код из SMS."),
    ]
    assert run(faq.restore_version(store, tech, article_id=art, version=1)) == 3
    restored = run(faq.read_article(store, tech, article_id=art, count_view=False)).article
    assert (restored.version, restored.body) == (3, "Перезапустите клиент.\nВведите код.")
    versions = run(faq.history(store, tech, article_id=art))
    assert [(v.version, v.note) for v in versions] == [(3, "restored:1"), (2, ""), (1, "")]
    with pytest.raises(NotFound):
        run(faq.restore_version(store, tech, article_id=art, version=9))


@pytest.mark.parametrize(
    ("role", "write", "delete"),
    [
        ("admin", True, True),
        ("technician", True, False),
        ("manager", False, False),
        ("disabled", False, False),
    ],
)
def test_technicians_write_managers_read_admins_delete(
    store: Store, actors: dict[str, Actor], role: str, write: bool, delete: bool
) -> None:
    art = article(store, actors["admin"])
    who = actors[role]
    before = len(audit_rows(store))
    attempts = {
        "write": lambda: faq.update_article(store, who, article_id=art, changes={"title": "X"}),
        "restore": lambda: faq.restore_version(store, who, article_id=art, version=1),
        "draft": lambda: faq.save_draft(
            store, who, draft_key=art, base_version=1, values=Fields("a", "b")
        ),
    }
    for name, attempt in attempts.items():
        if write:
            run(attempt())
        else:
            with pytest.raises(Forbidden):
                run(attempt())
            assert len(audit_rows(store)) == before, name
    if role != "disabled":
        assert run(faq.read_article(store, who, article_id=art)).article.id == art
    if delete:
        run(faq.delete_article(store, who, article_id=art))
        assert audit_rows(store)[-1][1:4] == ("faq.delete", "faq_article", art)
        with pytest.raises(NotFound):
            run(faq.read_article(store, who, article_id=art))
    else:
        with pytest.raises(Forbidden):
            run(faq.delete_article(store, who, article_id=art))
        assert run(faq.history(store, actors["admin"], article_id=art))


def test_every_change_is_audited_in_its_transaction(store: Store, actors: dict[str, Actor]) -> None:
    tech = actors["technician"]
    art = article(store, tech)
    run(faq.update_article(store, tech, article_id=art, changes={"body": "Другое"}))
    run(faq.restore_version(store, tech, article_id=art, version=1))
    rows = [r[1:] for r in audit_rows(store)]
    assert rows == [
        ("faq.create", "faq_article", art, "VPN"),
        ("faq.update", "faq_article", art, "fields=body"),
        ("faq.restore", "faq_article", art, "version=1"),
    ]
    # A refused save writes neither the change nor an audit row.
    with pytest.raises(InvalidInput):
        run(faq.update_article(store, tech, article_id=art, changes={"title": "  "}))
    assert len(audit_rows(store)) == 3
    assert run(faq.read_article(store, tech, article_id=art, count_view=False)).article.version == 3


def _ticket(store: Store, description: str) -> int:
    def write(conn: Any) -> int:
        created = create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="phone",
            description=description,
            submitted_at=utc_now(),
        )
        ticket_id = created.id
        conn.execute(
            "INSERT INTO ticket_actions(ticket_id, created_at, kind, text, visibility)"
            " VALUES (?, '2025-01-01T10:00:00.000000Z', 'comment',"
            " 'Внутренняя заметка: пароль 123', 'internal'),"
            " (?, '2025-01-01T11:00:00.000000Z', 'comment',"
            " 'Переустановили драйвер принтера.', 'public')",
            (ticket_id, ticket_id),
        )
        return ticket_id

    return store.write_sync(write)


def test_this_helped_counts_once_per_ticket_and_a_draft_comes_from_public_replies_only(
    store: Store, actors: dict[str, Actor]
) -> None:
    tech = actors["technician"]
    art = article(store, tech, title="Принтер не печатает", body="Перезапустите диспетчер печати.")
    ticket = _ticket(store, "Принтер в бухгалтерии не печатает\nГорит оранжевая лампа")
    assert run(faq.mark_helped(store, tech, article_id=art, ticket_id=ticket)) is True
    assert run(faq.mark_helped(store, tech, article_id=art, ticket_id=ticket)) is False
    assert run(faq.helped_on(store, tech, ticket_id=ticket)) == {art}
    shown = run(faq.read_article(store, tech, article_id=art, count_view=False)).article
    assert shown.helped_count == 1
    with pytest.raises(Forbidden):
        run(faq.mark_helped(store, actors["manager"], article_id=art, ticket_id=ticket))

    key = run(faq.draft_from_ticket(store, tech, ticket_id=ticket))
    assert key == -ticket
    draft = run(faq.open_editor(store, tech, draft_key=key)).draft
    assert draft is not None
    assert draft.title == "Принтер в бухгалтерии не печатает"
    assert "Горит оранжевая лампа" in draft.body
    assert "Переустановили драйвер принтера." in draft.body
    assert "Внутренняя заметка" not in draft.body and "123" not in draft.body
    # Saving it creates the article and drops the draft in the same transaction.
    new = run(faq.create_article(store, tech, title=draft.title, body=draft.body, draft_key=key))
    assert run(faq.open_editor(store, tech, draft_key=key)).draft is None
    assert run(faq.read_article(store, tech, article_id=new, count_view=False)).article.author == (
        "technician"
    )


def _png(colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, "PNG")
    return out.getvalue()


def test_pictures_are_checked_kept_once_and_only_faq_pictures_are_served(
    store: Store, actors: dict[str, Actor]
) -> None:
    tech = actors["technician"]
    markdown = run(faq_images.upload_image(store, tech, data=_png(), name="схема"))
    sha = markdown.split("/ui/faq/images/")[1].rstrip(")")
    assert markdown.startswith("![схема](/ui/faq/images/")
    assert run(faq_images.read_image(store, actors["manager"], sha256=sha)) == _png()
    for bad in (b"<svg onload=alert(1)>", b"\x89PNG\r\n\x1a\nbroken"):
        with pytest.raises(InvalidInput):
            run(faq_images.upload_image(store, tech, data=bad))
    with pytest.raises(Forbidden):
        run(faq_images.upload_image(store, actors["manager"], data=_png("blue")))
    assert run(faq_images.read_image(store, tech, sha256="0" * 64)) is None
    assert run(faq_images.read_image(store, tech, sha256="../../etc")) is None


def test_a_new_articles_draft_is_per_user(store: Store, actors: dict[str, Actor]) -> None:
    tech, admin = actors["technician"], actors["admin"]
    run(
        faq.save_draft(
            store, tech, draft_key=NEW_ARTICLE, base_version=0, values=Fields("Черновик", "текст")
        )
    )
    assert run(faq.open_editor(store, tech, draft_key=NEW_ARTICLE)).draft.title == "Черновик"
    assert run(faq.open_editor(store, admin, draft_key=NEW_ARTICLE)).draft is None
    run(faq.discard_draft(store, tech, draft_key=NEW_ARTICLE))
    assert run(faq.open_editor(store, tech, draft_key=NEW_ARTICLE)).draft is None
