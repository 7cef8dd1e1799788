"""Strings of the ticket workflow: refused changes, bad ticket input, action kinds, history rows,
SLA timer labels, permission names."""

STRINGS: dict[str, dict[str, str]] = {
    # Refused changes
    "workflow.not_allowed": {
        "ru": "Нельзя перевести заявку из статуса «{old}» в «{new}»",
        "en": "A ticket cannot go from “{old}” to “{new}”",
    },
    "workflow.unknown_status": {
        "ru": "Неизвестный статус «{status}»",
        "en": "Unknown status “{status}”",
    },
    "workflow.stale": {
        "ru": "Кто-то уже изменил эту заявку. Вот её текущее состояние — проверьте и повторите.",
        "en": "Someone else changed this ticket; here is its current state. Check it and retry.",
    },
    "workflow.read_only": {
        "ru": "Заявка закрыта. Чтобы изменить её, откройте её заново.",
        "en": "The ticket is closed. Reopen it to change it.",
    },
    "workflow.not_permitted": {
        "ru": "У вас нет права работать с заявками",
        "en": "You are not allowed to work on tickets",
    },
    "workflow.not_found": {
        "ru": "Заявка не найдена",
        "en": "Ticket not found",
    },
    "workflow.reopen": {"ru": "Открыть заново", "en": "Reopen"},
    # Bad input for a ticket or an action
    "ticket_input.bad_uuid": {
        "ru": "Идентификатор заявки должен быть UUID",
        "en": "The ticket's identifier must be a UUID",
    },
    "ticket_input.bad_time": {
        "ru": "Время «{field}» должно быть с часовым поясом",
        "en": "The time “{field}” must carry a time zone",
    },
    "ticket_input.bad_machine_facts": {
        "ru": "Сведения о компьютере должны быть объектом JSON",
        "en": "Machine facts must be a JSON object",
    },
    "ticket_input.machine_facts_too_big": {
        "ru": "Сведения о компьютере больше {limit} байт",
        "en": "Machine facts exceed {limit} bytes",
    },
    "ticket_input.bad_attachment": {
        "ru": "Вложение {value} не найдено среди загруженных файлов",
        "en": "Attachment {value} is not among the uploaded files",
    },
    "ticket_input.too_many_attachments": {
        "ru": "Не больше {limit} вложений на заявку",
        "en": "At most {limit} attachments per ticket",
    },
    "ticket_input.bad_source": {
        "ru": "Неизвестный источник заявки «{value}»",
        "en": "Unknown ticket source “{value}”",
    },
    "ticket_input.bad_priority": {
        "ru": "Неизвестный приоритет «{value}»",
        "en": "Unknown priority “{value}”",
    },
    "ticket_input.empty_description": {
        "ru": "Опишите проблему: текст заявки пуст",
        "en": "Describe the problem: the ticket's text is empty",
    },
    "ticket_input.description_too_long": {
        "ru": "Текст заявки длиннее {limit} символов",
        "en": "The ticket's text is longer than {limit} characters",
    },
    "ticket_input.bad_contact_phone": {
        "ru": "Телефон для связи длиннее {limit} символов",
        "en": "The contact phone is longer than {limit} characters",
    },
    "ticket_input.bad_content_hash": {
        "ru": "Неверная контрольная сумма содержимого",
        "en": "Invalid content hash",
    },
    "ticket_input.unknown_reference": {
        "ru": "Не найдено: {field} = {value}",
        "en": "Not found: {field} = {value}",
    },
    "ticket_input.other_org": {
        "ru": "{field} относится к другой организации",
        "en": "{field} belongs to another organisation",
    },
    "ticket_input.bad_assignee": {
        "ru": "Исполнителем может быть только активный специалист или администратор",
        "en": "Only an active technician or administrator can be the assignee",
    },
    "ticket_input.bad_kind": {
        "ru": "Неизвестный вид работы «{value}»",
        "en": "Unknown kind of work “{value}”",
    },
    "ticket_input.bad_visibility": {
        "ru": "Видимость должна быть «внутренняя» или «видна клиенту», а не «{value}»",
        "en": "Visibility must be internal or public, not “{value}”",
    },
    "ticket_input.empty_text": {
        "ru": "Опишите, что сделано: текст пуст",
        "en": "Say what was done: the text is empty",
    },
    "ticket_input.text_too_long": {
        "ru": "Текст длиннее {limit} символов",
        "en": "The text is longer than {limit} characters",
    },
    "ticket_input.bad_minutes": {
        "ru": "Затраченное время — целое число минут от 0 до {limit}",
        "en": "Time spent must be a whole number of minutes from 0 to {limit}",
    },
    "ticket_input.bad_additional_work": {
        "ru": "Отметка «дополнительная работа» должна быть да или нет",
        "en": "The additional-work mark must be yes or no",
    },
    # Kinds of work a technician logs
    "action.comment": {"ru": "Комментарий", "en": "Comment"},
    "action.phone_call": {"ru": "Звонок", "en": "Phone call"},
    "action.remote_session": {"ru": "Удалённое подключение", "en": "Remote session"},
    "action.on_site": {"ru": "Выезд", "en": "On-site visit"},
    "action.other": {"ru": "Другое", "en": "Other"},
    "action.minutes": {"ru": "Минут", "en": "Minutes"},
    "action.additional_work": {
        "ru": "Дополнительная работа по просьбе пользователя",
        "en": "Additional work at the user's request",
    },
    "action.visibility.internal": {"ru": "Внутренняя заметка", "en": "Internal note"},
    "action.visibility.public": {"ru": "Видно клиенту", "en": "Visible to the client"},
    # History rows
    "history.created": {"ru": "Заявка создана", "en": "Ticket created"},
    "history.status": {
        "ru": "Статус: «{old}» → «{new}»",
        "en": "Status: “{old}” → “{new}”",
    },
    "history.assignment": {
        "ru": "Исполнитель: {old} → {new}",
        "en": "Assignee: {old} → {new}",
    },
    "history.category": {
        "ru": "Категория: {old} → {new}",
        "en": "Category: {old} → {new}",
    },
    "history.priority": {
        "ru": "Приоритет: «{old}» → «{new}»",
        "en": "Priority: “{old}” → “{new}”",
    },
    "history.client_message": {"ru": "Сообщение клиента", "en": "Message from the client"},
    "history.nobody": {"ru": "никто", "en": "nobody"},
    "history.none": {"ru": "нет", "en": "none"},
    # SLA timer
    "workflow.sla.response": {"ru": "Ответ", "en": "Response"},
    "workflow.sla.resolution": {"ru": "Решение", "en": "Resolution"},
    "workflow.sla.paused": {"ru": "Пауза: ждём клиента", "en": "Paused: waiting for the client"},
    "workflow.sla.breached": {"ru": "Просрочено", "en": "Overdue"},
    "workflow.sla.no_plan": {"ru": "Без SLA", "en": "No SLA"},
    # Permissions (settings pages show them per role)
    "permission.view_tickets": {"ru": "Просмотр заявок", "en": "View tickets"},
    "permission.work_tickets": {"ru": "Работа с заявками", "en": "Work on tickets"},
    "permission.create_tickets": {"ru": "Создание заявок", "en": "Create tickets"},
    "permission.view_clients": {"ru": "Просмотр клиентов", "en": "View clients"},
    "permission.manage_clients": {"ru": "Ведение клиентов", "en": "Manage clients"},
    "permission.reveal_credentials": {"ru": "Показ паролей", "en": "Reveal credentials"},
    "permission.view_faq": {"ru": "Просмотр базы знаний", "en": "View the FAQ"},
    "permission.manage_faq": {"ru": "Ведение базы знаний", "en": "Manage the FAQ"},
    "permission.delete_faq": {"ru": "Удаление статей базы знаний", "en": "Delete FAQ articles"},
    "permission.view_reports": {"ru": "Отчёты", "en": "Reports"},
    "permission.manage_settings": {"ru": "Настройки", "en": "Settings"},
    "permission.denied": {
        "ru": "Недостаточно прав для этого действия",
        "en": "You are not allowed to do this",
    },
    "permission.account_inactive": {
        "ru": "Ваша учётная запись отключена или удалена: действие не выполнено",
        "en": "Your account is disabled or removed: nothing was done",
    },
}
