"""Full-text search finds Russian text by word stem and by substring."""

from __future__ import annotations

import pytest

from appliance.domain.clock import from_db
from appliance.domain.text_search import parse
from appliance.store import Store
from appliance.store.faq import create_article, search_faq
from appliance.store.search import ticket_text_condition

NOW = "2026-11-20T10:00:00.000000Z"
DESCRIPTIONS = [
    "Принтер не печатает, горит оранжевая лампочка",
    "Не открывается 1С: Бухгалтерия после обновления",
    "Почта Outlook не отправляет письма с вложениями",
    "Сломался ПК в приёмной, не включается",
    "Printer jams on page two",
]


@pytest.fixture
def filled(store: Store) -> Store:
    def write(conn):  # type: ignore[no-untyped-def]
        for n, text in enumerate(DESCRIPTIONS, start=1):
            conn.execute(
                "INSERT INTO tickets(number, uuid, source, description, submitted_at,"
                " received_at, updated_at) VALUES (?, ?, 'client', ?, ?, ?, ?)",
                (n, f"u{n}", text, NOW, NOW, NOW),
            )
        create_article(
            conn,
            title="Как очистить очередь печати",
            body="Откройте службы и перезапустите диспетчер печати.",
            created_at=from_db(NOW),
        )
        create_article(
            conn,
            title="Настройка почты",
            body="Сервер исходящей почты и порт для печатных форм не нужны.",
            created_at=from_db(NOW),
        )

    store.write_sync(write)
    return store


def numbers(store: Store, text: str) -> list[int]:
    """The tickets the list's text filter keeps (an empty query is no search at all)."""
    query = parse(text)
    if query.empty:
        return []
    condition, params = ticket_text_condition(query)
    rows = store.read_sync(
        lambda c: c.execute(
            f"SELECT t.number FROM tickets AS t WHERE {condition}", params
        ).fetchall()
    )
    return sorted(int(row[0]) for row in rows)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("принтер", [1]),  # the word itself
        ("печат", [1]),  # a part of a word
        ("принтеры", [1]),  # another form: found by its stem
        ("ПРИНТЕР", [1]),  # case-insensitive in Cyrillic
        ("печатать принтер", [1]),  # every word must match
        ("принтер почта", []),
        ("1С", [2]),  # too short for trigrams: substring on the narrowed rows
        ("1с бухгалтерия", [2]),
        ("пк", [4]),
        ("письмо", [3]),  # stem "письм" matches "письма"
        ("printers", [5]),  # English stems too
        ("№ 3", [3]),  # a ticket number
        ("4", [4]),
        ('"; DROP TABLE tickets; --', []),  # query syntax is never parsed from user text
        ("", []),
    ],
)
def test_ticket_search(filled: Store, query: str, expected: list[int]) -> None:
    assert numbers(filled, query) == expected


def test_faq_search_ranks_title_matches_first(filled: Store) -> None:
    hits = filled.read_sync(lambda c: search_faq(c, "печать"))
    assert [h.title for h in hits] == ["Как очистить очередь печати", "Настройка почты"]


def test_parse_quotes_every_term_and_keeps_short_words_apart() -> None:
    query = parse('принтеры" OR NEAR(x')
    assert query.match == '"принтер" AND "near"'
    assert query.short_terms == ("or", "x")
