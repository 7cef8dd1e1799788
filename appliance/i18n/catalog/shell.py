"""The single window's shell (header, navigation) and the first read-only pages: clients, FAQ,
reports."""

STRINGS: dict[str, dict[str, str]] = {
    "shell.search.placeholder": {
        "ru": "Поиск: клиенты, сотрудники, оборудование, заявки…",
        "en": "Search clients, people, equipment, tickets…",
    },
    "shell.logout": {"ru": "Выйти", "en": "Log out"},
    "shell.nav.tickets": {"ru": "Заявки", "en": "Tickets"},
    "shell.nav.clients": {"ru": "Клиенты", "en": "Clients"},
    "shell.nav.faq": {"ru": "База знаний", "en": "FAQ"},
    "shell.nav.reports": {"ru": "Отчёты", "en": "Reports"},
    "shell.nav.settings": {"ru": "Настройки", "en": "Settings"},
    "shell.forbidden.title": {
        "ru": "Нет доступа к этой странице",
        "en": "You may not open this page",
    },
    "shell.forbidden.text": {
        "ru": "Ваша роль не позволяет открыть этот раздел. Если доступ нужен, обратитесь "
        "к администратору.",
        "en": "Your role does not allow this section. Ask an administrator if you need access.",
    },
    # /clients
    "shell.clients.title": {"ru": "Клиенты", "en": "Clients"},
    "shell.clients.count": {"ru": "Организаций: {count}", "en": "Organisations: {count}"},
    "shell.clients.none": {"ru": "Клиентов пока нет", "en": "No clients yet"},
    "shell.clients.col.name": {"ru": "Организация", "en": "Organisation"},
    "shell.clients.col.short_name": {"ru": "Краткое название", "en": "Short name"},
    "shell.clients.col.people": {"ru": "Сотрудники", "en": "People"},
    "shell.clients.col.equipment": {"ru": "Оборудование", "en": "Equipment"},
    "shell.clients.col.open_tickets": {"ru": "Открытые заявки", "en": "Open tickets"},
    # /faq
    "shell.faq.title": {"ru": "База знаний", "en": "FAQ"},
    "shell.faq.search.placeholder": {
        "ru": "Поиск по статьям…",
        "en": "Search the articles…",
    },
    "shell.faq.search.button": {"ru": "Найти", "en": "Search"},
    "shell.faq.total": {"ru": "Статей: {count}", "en": "Articles: {count}"},
    "shell.faq.found": {
        "ru": "Найдено по запросу «{query}»: {count}",
        "en": "Found for “{query}”: {count}",
    },
    "shell.faq.none": {"ru": "Статей не найдено", "en": "No articles found"},
    "shell.faq.public": {"ru": "видна клиентам", "en": "visible to clients"},
    "shell.faq.internal": {"ru": "для специалистов", "en": "for staff only"},
    # /reports
    "shell.reports.title": {"ru": "Отчёты", "en": "Reports"},
    "shell.reports.period": {
        "ru": "Заявки за последние {days} дней (с {since}): всего {total}",
        "en": "Tickets of the last {days} days (since {since}): {total} in all",
    },
    "shell.reports.by_category": {"ru": "По категориям", "en": "By category"},
    "shell.reports.by_status": {"ru": "По статусам", "en": "By status"},
    "shell.reports.col.category": {"ru": "Категория", "en": "Category"},
    "shell.reports.col.status": {"ru": "Статус", "en": "Status"},
    "shell.reports.col.count": {"ru": "Заявок", "en": "Tickets"},
    "shell.reports.no_category": {"ru": "Без категории", "en": "No category"},
    "shell.reports.none": {"ru": "За этот период заявок нет", "en": "No tickets in this period"},
}
