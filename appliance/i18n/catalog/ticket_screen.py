"""Strings of the ticket screen (/tickets/{number}), its client panel and /tickets/new."""

_KINDS = {
    "workstation": ("Рабочая станция", "Workstation"),
    "laptop": ("Ноутбук", "Laptop"),
    "server": ("Сервер", "Server"),
    "router": ("Маршрутизатор", "Router"),
    "switch": ("Коммутатор", "Switch"),
    "firewall": ("Межсетевой экран", "Firewall"),
    "access_point": ("Точка доступа", "Access point"),
    "printer": ("Принтер", "Printer"),
    "mfp": ("МФУ", "MFP"),
    "nas": ("Сетевое хранилище", "NAS"),
    "ups": ("ИБП", "UPS"),
    "phone": ("IP-телефон", "IP phone"),
    "other": ("Другое", "Other"),
}
_FACTS = {
    "hostname": ("Имя компьютера", "Hostname"),
    "os": ("ОС", "OS"),
    "os_user": ("Пользователь", "User"),
    "ips": ("IP-адреса", "IP addresses"),
    "macs": ("MAC-адреса", "MAC addresses"),
    "uptime_seconds": ("Без перезагрузки", "Uptime"),
    "free_disk_bytes": ("Свободно на диске", "Free disk"),
    "screens": ("Мониторов", "Screens"),
}
_EQUIPMENT_FIELDS = {
    "hostname": ("Имя", "Hostname"),
    "ip": ("IP", "IP"),
    "mac": ("MAC", "MAC"),
    "model": ("Модель", "Model"),
    "serial": ("Серийный №", "Serial"),
    "location": ("Где стоит", "Location"),
    "notes": ("Заметки", "Notes"),
}
_SOURCES = {
    "client": ("через LiveViewer", "via LiveViewer"),
    "phone": ("по телефону", "by phone"),
    "email": ("по почте", "by e-mail"),
    "technician": ("заведена специалистом", "filed by a technician"),
}
_TO_STATUS = {
    "in_progress": ("В работу", "Start work"),
    "waiting": ("Ждёт клиента", "Waiting for client"),
    "resolved": ("Решена", "Resolve"),
    "closed": ("Закрыть", "Close"),
}

STRINGS: dict[str, dict[str, str]] = {
    # Header
    "ticket_screen.number": {"ru": "№ {number}", "en": "No. {number}"},
    "ticket_screen.past_number": {"ru": "№ {number}", "en": "No. {number}"},
    "ticket_screen.priority_badge": {"ru": "Приоритет: {priority}", "en": "Priority: {priority}"},
    "ticket_screen.status": {"ru": "Статус", "en": "Status"},
    "ticket_screen.priority": {"ru": "Приоритет", "en": "Priority"},
    "ticket_screen.category": {"ru": "Категория", "en": "Category"},
    "ticket_screen.service": {"ru": "Услуга", "en": "Service"},
    "ticket_screen.problem": {"ru": "Проблема", "en": "Problem"},
    "ticket_screen.assignee": {"ru": "Исполнитель", "en": "Assignee"},
    "ticket_screen.unassigned": {"ru": "Не назначен", "en": "Unassigned"},
    "ticket_screen.none": {"ru": "Не указана", "en": "Not set"},
    "ticket_screen.take_it": {"ru": "Беру", "en": "Take it"},
    "ticket_screen.unknown_client": {"ru": "Клиент не определён", "en": "Unknown client"},
    "ticket_screen.submitted_at": {
        "ru": "Отправлена: {at} (часы клиента)",
        "en": "Sent: {at} (client's clock)",
    },
    "ticket_screen.received_at": {"ru": "Получена: {at}", "en": "Received: {at}"},
    "ticket_screen.clock.ahead": {
        "ru": "Часы клиента спешат на {d}",
        "en": "The client's clock is {d} ahead",
    },
    "ticket_screen.clock.later": {
        "ru": "Получена через {d} после отправки (ждала в очереди или часы клиента отстают)",
        "en": "Received {d} after sending (queued offline, or the client's clock is behind)",
    },
    "ticket_screen.response_due": {"ru": "Ответить до {at}", "en": "Respond by {at}"},
    "ticket_screen.first_response": {"ru": "Первый ответ {at}", "en": "First response {at}"},
    "ticket_screen.resolution_due": {"ru": "Решить до {at}", "en": "Resolve by {at}"},
    "ticket_screen.resolved": {"ru": "Решена {at}", "en": "Resolved {at}"},
    "ticket_screen.sla_plan": {"ru": "SLA: {plan}", "en": "SLA: {plan}"},
    "ticket_screen.sla.met": {"ru": "SLA выполнен", "en": "SLA met"},
    "ticket_screen.sla.missed": {"ru": "SLA нарушен", "en": "SLA missed"},
    "ticket_screen.saved": {"ru": "Сохранено", "en": "Saved"},
    # What the client sent
    "ticket_screen.description": {"ru": "Описание", "en": "Description"},
    "ticket_screen.contact_phone": {"ru": "Телефон для связи: {phone}", "en": "Call back: {phone}"},
    "ticket_screen.machine_facts": {"ru": "Компьютер клиента", "en": "Client's machine"},
    "ticket_screen.screenshot": {"ru": "Снимок экрана", "en": "Screenshot"},
    "ticket_screen.viewer.open": {
        "ru": "Открыть в полный размер",
        "en": "Open at full size",
    },
    "ticket_screen.viewer.fit": {"ru": "Вписать", "en": "Fit"},
    "ticket_screen.viewer.original": {"ru": "Оригинал", "en": "Original"},
    "ticket_screen.faq": {"ru": "Может помочь (база знаний)", "en": "May help (FAQ)"},
    # Actions and history
    "ticket_screen.log_action": {"ru": "Что сделано", "en": "Log work"},
    "ticket_screen.action_placeholder": {
        "ru": "Что сделали или что ответили клиенту",
        "en": "What was done, or what you told the client",
    },
    "ticket_screen.save_action": {"ru": "Записать", "en": "Save"},
    "ticket_screen.action_saved": {"ru": "Записано", "en": "Saved"},
    "ticket_screen.read_only_role": {
        "ru": "Вы видите заявку только для чтения: работать с заявками могут специалисты.",
        "en": "You see this ticket read-only: technicians work on tickets.",
    },
    "ticket_screen.history": {"ru": "История", "en": "History"},
    "ticket_screen.additional_work": {
        "ru": "Доп. работа по просьбе пользователя",
        "en": "Additional work at the user's request",
    },
    "ticket_screen.client_or_system": {"ru": "Клиент", "en": "Client"},
    # Client panel
    "ticket_screen.panel.client": {"ru": "Клиент", "en": "Client"},
    "ticket_screen.panel.workstation": {"ru": "Рабочее место", "en": "Workstation"},
    "ticket_screen.panel.network": {"ru": "Сеть организации", "en": "Office network"},
    "ticket_screen.panel.credentials": {"ru": "Доступы", "en": "Credentials"},
    "ticket_screen.panel.licenses": {"ru": "Лицензии", "en": "Licenses"},
    "ticket_screen.panel.licenses_troubled": {
        "ru": "истекли или истекают: {n}",
        "en": "expired or expiring: {n}",
    },
    "ticket_screen.panel.person_tickets": {
        "ru": "Прошлые заявки этого сотрудника",
        "en": "Earlier tickets of this person",
    },
    "ticket_screen.panel.machine_tickets": {
        "ru": "Прошлые заявки с этого компьютера",
        "en": "Earlier tickets from this machine",
    },
    "ticket_screen.logins": {"ru": "Учётные записи: {logins}", "en": "Logins: {logins}"},
    "ticket_screen.this_machine": {"ru": "этот компьютер", "en": "this machine"},
    "ticket_screen.click_to_copy": {"ru": "Нажмите, чтобы скопировать", "en": "Click to copy"},
    "ticket_screen.copied": {"ru": "Скопировано: {value}", "en": "Copied: {value}"},
    "ticket_screen.reveal": {"ru": "Показать (запишется в журнал)", "en": "Reveal (audited)"},
    "ticket_screen.copy_secret": {
        "ru": "Скопировать (запишется в журнал)",
        "en": "Copy (audited)",
    },
    "ticket_screen.secret_copied": {
        "ru": "Скопировано в буфер обмена",
        "en": "Copied to the clipboard",
    },
    "ticket_screen.reveal_refused": {
        "ru": "Нет права видеть пароли и ключи",
        "en": "You may not see passwords and keys",
    },
    "ticket_screen.secret_gone": {
        "ru": "Эта запись уже удалена",
        "en": "This entry no longer exists",
    },
    "ticket_screen.no_secret": {"ru": "пароль не задан", "en": "no password stored"},
    "ticket_screen.license.expired": {"ru": "Истекла {day}", "en": "Expired {day}"},
    "ticket_screen.license.expiring": {
        "ru": "До {day} (осталось дней: {days})",
        "en": "Until {day} ({days} days left)",
    },
    "ticket_screen.license.valid": {"ru": "До {day}", "en": "Until {day}"},
    "ticket_screen.license.perpetual": {"ru": "Бессрочная", "en": "Perpetual"},
    "ticket_screen.license.seats": {"ru": "мест: {n}", "en": "seats: {n}"},
    # Page
    "ticket_screen.not_found": {
        "ru": "Заявки № {number} нет",
        "en": "There is no ticket No. {number}",
    },
    "ticket_screen.back_to_list": {"ru": "К списку заявок", "en": "Back to the list"},
    # New ticket by phone
    "ticket_screen.new.title": {"ru": "Новая заявка по телефону", "en": "New ticket by phone"},
    "ticket_screen.new.hint": {
        "ru": "Кто звонит и что случилось. Заявка получит номер и откроется.",
        "en": "Who is calling and what happened. The ticket gets its number and opens.",
    },
    "ticket_screen.new.org": {"ru": "Организация", "en": "Organisation"},
    "ticket_screen.new.person": {"ru": "Сотрудник", "en": "Person"},
    "ticket_screen.new.phone": {"ru": "Телефон для связи", "en": "Call-back phone"},
    "ticket_screen.new.equipment": {
        "ru": "Компьютер или устройство (необязательно)",
        "en": "Computer or device (optional)",
    },
    "ticket_screen.new.description": {"ru": "Что случилось", "en": "What happened"},
    "ticket_screen.new.assign_me": {"ru": "Назначить на меня", "en": "Assign to me"},
    "ticket_screen.new.create": {"ru": "Создать заявку", "en": "Create ticket"},
    "ticket_screen.new.need_person": {
        "ru": "Выберите организацию и сотрудника",
        "en": "Choose the organisation and the person",
    },
}

for _key, (_ru, _en) in _KINDS.items():
    STRINGS[f"ticket_screen.kind.{_key}"] = {"ru": _ru, "en": _en}
for _key, (_ru, _en) in _FACTS.items():
    STRINGS[f"ticket_screen.fact.{_key}"] = {"ru": _ru, "en": _en}
for _key, (_ru, _en) in _EQUIPMENT_FIELDS.items():
    STRINGS[f"ticket_screen.eq.{_key}"] = {"ru": _ru, "en": _en}
for _key, (_ru, _en) in _SOURCES.items():
    STRINGS[f"ticket_screen.source.{_key}"] = {"ru": _ru, "en": _en}
for _key, (_ru, _en) in _TO_STATUS.items():
    STRINGS[f"ticket_screen.to.{_key}"] = {"ru": _ru, "en": _en}
