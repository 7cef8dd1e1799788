"""The header's global search: its groups and its empty answer."""

STRINGS: dict[str, dict[str, str]] = {
    "search.group.clients": {"ru": "Клиенты", "en": "Clients"},
    "search.group.people": {"ru": "Сотрудники", "en": "People"},
    "search.group.equipment": {"ru": "Оборудование", "en": "Equipment"},
    "search.group.tickets": {"ru": "Заявки", "en": "Tickets"},
    "search.none": {
        "ru": "Ничего не найдено. Enter — искать в тексте заявок",
        "en": "Nothing found. Enter searches the tickets' text",
    },
    "search.archived": {"ru": "в архиве", "en": "archived"},
}
