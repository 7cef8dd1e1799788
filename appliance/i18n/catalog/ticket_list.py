"""Strings of the ticket list (/tickets)."""

STRINGS: dict[str, dict[str, str]] = {
    "ticket_list.title": {"ru": "Заявки", "en": "Tickets"},
    # ready views
    "ticket_list.view.new": {"ru": "Новые", "en": "New"},
    "ticket_list.view.mine": {"ru": "Мои", "en": "Mine"},
    "ticket_list.view.unassigned": {"ru": "Без исполнителя", "en": "Unassigned"},
    "ticket_list.view.breaching": {"ru": "Горят сроки", "en": "Breaching soon"},
    "ticket_list.view.open": {"ru": "Все открытые", "en": "All open"},
    "ticket_list.view.closed": {"ru": "Закрытые", "en": "Closed"},
    "ticket_list.view.all": {"ru": "Все", "en": "All"},
    # columns
    "ticket_list.col.number": {"ru": "№", "en": "No."},
    "ticket_list.col.received": {"ru": "Получена", "en": "Received"},
    "ticket_list.col.organisation": {"ru": "Организация", "en": "Organisation"},
    "ticket_list.col.person": {"ru": "Сотрудник", "en": "Person"},
    "ticket_list.col.summary": {"ru": "Описание", "en": "Description"},
    "ticket_list.col.category": {"ru": "Категория", "en": "Category"},
    "ticket_list.col.priority": {"ru": "Приоритет", "en": "Priority"},
    "ticket_list.col.status": {"ru": "Статус", "en": "Status"},
    "ticket_list.col.assignee": {"ru": "Исполнитель", "en": "Assignee"},
    "ticket_list.col.sla": {"ru": "Срок", "en": "Due"},
    # filters
    "ticket_list.filter.search": {"ru": "Текст или номер", "en": "Text or number"},
    "ticket_list.filter.status": {"ru": "Статус", "en": "Status"},
    "ticket_list.filter.priority": {"ru": "Приоритет", "en": "Priority"},
    "ticket_list.filter.organisation": {"ru": "Организация", "en": "Organisation"},
    "ticket_list.filter.assignee": {"ru": "Исполнитель", "en": "Assignee"},
    "ticket_list.filter.category": {"ru": "Категория", "en": "Category"},
    "ticket_list.filter.sla": {"ru": "SLA", "en": "SLA"},
    "ticket_list.filter.unassigned": {"ru": "— не назначен —", "en": "— nobody —"},
    "ticket_list.filter.clear": {"ru": "Сбросить фильтры", "en": "Clear filters"},
    "ticket_list.sla.ok": {"ru": "В срок", "en": "On time"},
    "ticket_list.sla.at_risk": {"ru": "Под угрозой", "en": "At risk"},
    "ticket_list.sla.breached": {"ru": "Просрочена", "en": "Breached"},
    "ticket_list.sla.paused": {"ru": "На паузе", "en": "Paused"},
    # the SLA timer
    "ticket_list.timer.paused": {"ru": "пауза", "en": "paused"},
    # One SLA figure in the list and the ticket header: calendar time to the due moment.
    "sla.timer.left": {"ru": "осталось {time}", "en": "{time} left"},
    "sla.timer.overdue": {"ru": "просрочено на {time}", "en": "overdue by {time}"},
    "sla.timer.paused": {"ru": "пауза", "en": "paused"},
    "sla.timer.with_target": {"ru": "{target}: {phrase}", "en": "{target}: {phrase}"},
    "sla.timer.calendar_note": {
        "ru": "время до срока календарное, цвет — по рабочим часам плана",
        "en": "calendar time to the due moment; the colour follows the plan's working hours",
    },
    "ticket_list.timer.response": {"ru": "Реакция до {due}", "en": "Response due {due}"},
    "ticket_list.timer.resolution": {"ru": "Решение до {due}", "en": "Resolution due {due}"},
    "ticket_list.timer.paused_hint": {
        "ru": "Ждёт клиента: часы SLA стоят с {since}",
        "en": "Waiting for the client: the SLA clock stopped at {since}",
    },
    # relative time
    # paging and state
    "ticket_list.empty": {"ru": "Заявок нет", "en": "No tickets"},
    "ticket_list.new_ticket": {"ru": "Новая заявка", "en": "New ticket"},
    "ticket_list.keys_hint": {
        "ru": "j/k — выбор, Enter — открыть, / — поиск, n — новая",
        "en": "j/k select, Enter open, / search, n new",
    },
    # notifications
    "ticket_list.notify.sound": {"ru": "Звук о новых заявках", "en": "Sound for new tickets"},
    "ticket_list.notify.browser": {
        "ru": "Уведомления браузера о новых",
        "en": "Browser notifications for new",
    },
    "ticket_list.notify.denied": {
        "ru": "Браузер запретил уведомления: разрешите их в настройках сайта",
        "en": "The browser blocked notifications: allow them in the site settings",
    },
    "ticket_list.notify.title": {"ru": "Новая заявка № {number}", "en": "New ticket No. {number}"},
    "ticket_list.notify.many": {"ru": "Новых заявок: {n}", "en": "New tickets: {n}"},
    # errors
    "ticket_list.error.view": {"ru": "Неизвестный список: {value}", "en": "Unknown view: {value}"},
    "ticket_list.error.sort": {
        "ru": "Нельзя сортировать по «{value}»",
        "en": "Cannot sort by “{value}”",
    },
    "ticket_list.error.status": {
        "ru": "Неизвестный статус: {value}",
        "en": "Unknown status: {value}",
    },
    "ticket_list.error.priority": {
        "ru": "Неизвестный приоритет: {value}",
        "en": "Unknown priority: {value}",
    },
    "ticket_list.error.sla": {
        "ru": "Неизвестное состояние SLA: {value}",
        "en": "Unknown SLA state: {value}",
    },
    "ticket_list.error.assignee": {
        "ru": "Неизвестный исполнитель: {value}",
        "en": "Unknown assignee: {value}",
    },
    "ticket_list.error.load": {
        "ru": "Не удалось загрузить список заявок",
        "en": "Could not load the ticket list",
    },
}
