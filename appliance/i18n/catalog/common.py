"""Strings used across the product."""

STRINGS: dict[str, dict[str, str]] = {
    "app.name": {"ru": "Тикетница", "en": "Tiketnitsa"},
    # every paged table
    "table.range": {"ru": "{first}–{last} из {total}", "en": "{first}–{last} of {total}"},
    "table.rows_per_page": {"ru": "Строк на странице:", "en": "Rows per page:"},
    "priority.low": {"ru": "Низкий", "en": "Low"},
    "priority.normal": {"ru": "Обычный", "en": "Normal"},
    "priority.high": {"ru": "Высокий", "en": "High"},
    "priority.urgent": {"ru": "Срочный", "en": "Urgent"},
    "status.new": {"ru": "Новая", "en": "New"},
    "status.in_progress": {"ru": "В работе", "en": "In progress"},
    "status.waiting": {"ru": "Ждёт клиента", "en": "Waiting for client"},
    "status.resolved": {"ru": "Решена", "en": "Resolved"},
    "status.closed": {"ru": "Закрыта", "en": "Closed"},
    "role.admin": {"ru": "Администратор", "en": "Administrator"},
    "role.technician": {"ru": "Специалист", "en": "Technician"},
    "role.manager": {"ru": "Руководитель", "en": "Manager"},
    "password.too_short": {
        "ru": "Пароль должен быть не короче 8 символов",
        "en": "The password must be at least 8 characters long",
    },
}
