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
    # the date field (ui/common/date_field.py): comma-separated lists; days from Sunday, as
    # Quasar's calendar counts them (it then starts the week on Monday)
    "date.placeholder": {"ru": "дд.мм.гггг", "en": "dd.mm.yyyy"},
    "date.pick": {"ru": "Выбрать дату в календаре", "en": "Pick a date from the calendar"},
    "date.days": {
        "ru": "Воскресенье,Понедельник,Вторник,Среда,Четверг,Пятница,Суббота",
        "en": "Sunday,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday",
    },
    "date.days_short": {"ru": "Вс,Пн,Вт,Ср,Чт,Пт,Сб", "en": "Sun,Mon,Tue,Wed,Thu,Fri,Sat"},
    "date.months": {
        "ru": "Январь,Февраль,Март,Апрель,Май,Июнь,Июль,Август,Сентябрь,Октябрь,Ноябрь,Декабрь",
        "en": "January,February,March,April,May,June,July,August,September,October,November,"
        "December",
    },
    "date.months_short": {
        "ru": "Янв,Фев,Мар,Апр,Май,Июн,Июл,Авг,Сен,Окт,Ноя,Дек",
        "en": "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec",
    },
    "password.too_short": {
        "ru": "Пароль должен быть не короче 8 символов",
        "en": "The password must be at least 8 characters long",
    },
}
