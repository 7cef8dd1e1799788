"""FAQ suggestions for a ticket's text: any distinctive word matches, the best article first."""

from __future__ import annotations

import apsw

from appliance.domain.clock import from_db
from appliance.store import Store
from appliance.store.faq import create_article, faq_for_text

NOW = "2025-03-03T09:00:00.000000Z"


def add(store: Store, title: str, body: str) -> int:
    def write(c: apsw.Connection) -> int:
        return create_article(c, title=title, body=body, created_at=from_db(NOW))

    return store.write_sync(write)


def test_a_whole_description_finds_the_article_sharing_its_words(store: Store) -> None:
    printer = add(store, "Принтер не печатает", "Проверьте бумагу и картридж, перезапустите.")
    add(store, "Почта не отправляет письма", "Проверьте пароль в почтовом клиенте.")
    add(store, "VPN не подключается", "Переустановите сертификат.")
    text = "Здравствуйте! Принтеры в бухгалтерии перестали печатать, горит оранжевая лампочка"
    found = store.read_sync(lambda c: faq_for_text(c, text))
    assert [f.id for f in found] == [printer]
    assert found[0].body.startswith("Проверьте бумагу")


def test_a_title_match_is_shown_and_one_word_in_a_body_is_noise(store: Store) -> None:
    add(store, "Общие советы", "Если не работает принтер, проверьте кабель.")
    in_title = add(store, "Принтер: частые проблемы", "Замятие, пустой картридж.")
    found = store.read_sync(lambda c: faq_for_text(c, "сломался принтер"))
    assert [f.id for f in found] == [in_title]


def test_english_and_limit(store: Store) -> None:
    ids = [
        add(store, f"Outlook issue {i}", "Outlook keeps asking for a password") for i in range(4)
    ]
    found = store.read_sync(lambda c: faq_for_text(c, "Outlook asks for passwords", limit=2))
    assert len(found) == 2 and {f.id for f in found} <= set(ids)


def test_grammar_words_digits_and_query_syntax_do_not_match_or_break(store: Store) -> None:
    add(store, "Принтер", "Для этого и для того")
    for text in ("", "для это и не 123", 'NEAR( "x" OR * ^ - :)', "ab"):
        assert store.read_sync(lambda c, text=text: faq_for_text(c, text)) == []
