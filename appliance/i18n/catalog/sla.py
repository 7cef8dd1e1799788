"""SLA settings (calendars, holidays, plans, organisations' plans), the sla/org commands, SLA
history lines and warnings."""

STRINGS: dict[str, dict[str, str]] = {
    # Errors (services, store, domain)
    "sla.error.warn_percent": {
        "ru": "Порог предупреждения — целое число процентов от 1 до 99",
        "en": "The warning share is a whole percentage from 1 to 99",
    },
    "sla.error.pause_status": {
        "ru": "Эти статусы не могут останавливать часы SLA: {statuses}",
        "en": "These statuses cannot stop the SLA clock: {statuses}",
    },
    "sla.error.org_missing": {
        "ru": "Организация «{name}» не найдена",
        "en": "Organisation “{name}” was not found",
    },
    "sla.error.day_kind": {
        "ru": "День — праздник или перенесённый рабочий день",
        "en": "A day is a holiday or a moved working day",
    },
    "sla.error.year": {"ru": "Неверный год: {year}", "en": "Not a valid year: {year}"},
    "sla.error.country_unknown": {
        "ru": "Нет праздников для страны «{country}»: импортируйте их из файла",
        "en": "No public holidays known for country “{country}”: import them from a file",
    },
    "sla.error.import_empty": {
        "ru": "В файле нет ни одной даты",
        "en": "The file has no dates",
    },
    "sla.error.import_date": {
        "ru": "Строка {line}: «{value}» — не дата (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)",
        "en": "Line {line}: “{value}” is not a date (YYYY-MM-DD or DD.MM.YYYY)",
    },
    "sla.error.import_kind": {
        "ru": "Строка {line}: «{value}» — укажите holiday (выходной) или workday (рабочий)",
        "en": "Line {line}: “{value}”: give holiday or workday",
    },
    "sla.error.import_too_many": {
        "ru": "В файле больше {limit} дат",
        "en": "The file has more than {limit} dates",
    },
    "sla.error.import_too_big": {"ru": "Файл слишком большой", "en": "The file is too large"},
    "sla.error.import_encoding": {
        "ru": "Файл не в кодировке UTF-8",
        "en": "The file is not UTF-8 text",
    },
    "sla.error.calendar_bad": {
        "ru": "Календарь задан неверно: {reason}",
        "en": "The calendar is not valid: {reason}",
    },
    # Command line
    "slacli.bad_duration": {
        "ru": "«{value}» — не длительность (минуты, 4h, 1h30)",
        "en": "“{value}” is not a duration (minutes, 4h, 1h30)",
    },
    "slacli.bad_target": {
        "ru": "«{value}»: нужно ПРИОРИТЕТ=ОТВЕТ/РЕШЕНИЕ, приоритеты: {priorities}",
        "en": "“{value}”: give PRIORITY=RESPONSE/RESOLUTION, priorities: {priorities}",
    },
    "slacli.bad_hours": {
        "ru": "«{value}»: нужно, например, mon-fri=09:00-13:00,14:00-18:00",
        "en": "“{value}”: give e.g. mon-fri=09:00-13:00,14:00-18:00",
    },
    "slacli.no_targets": {
        "ru": "Укажите хотя бы один срок: --target high=60/480",
        "en": "Give at least one target: --target high=60/480",
    },
    "slacli.country_or_file": {
        "ru": "Укажите файл или --country с --year",
        "en": "Give a file, or --country with --year",
    },
    "slacli.file_unreadable": {
        "ru": "Не удалось прочитать {path}: {reason}",
        "en": "Cannot read {path}: {reason}",
    },
    "slacli.plan_added": {"ru": "План SLA «{name}» добавлен", "en": "SLA plan “{name}” added"},
    "slacli.plan_changed": {
        "ru": "План SLA «{name}» изменён; пересчитано открытых заявок: {tickets}",
        "en": "SLA plan “{name}” changed; open tickets recomputed: {tickets}",
    },
    "slacli.plans_header": {
        "ru": "План\tКалендарь\tПредупреждение\tПауза\tСроки (ответ/решение, мин)",
        "en": "Plan\tCalendar\tWarning\tPause\tTargets (response/resolution, min)",
    },
    "slacli.calendars_header": {
        "ru": "Календарь\tЧасовой пояс\tРабочие часы\tПраздники/переносы",
        "en": "Calendar\tTime zone\tWorking hours\tHolidays/moved days",
    },
    "slacli.calendar_added": {
        "ru": "Календарь «{name}» добавлен",
        "en": "Calendar “{name}” added",
    },
    "slacli.days_imported": {
        "ru": "Импортировано дат: {days}; пересчитано открытых заявок: {tickets}",
        "en": "Dates imported: {days}; open tickets recomputed: {tickets}",
    },
    "slacli.org_plan_set": {
        "ru": "У «{name}» план SLA «{plan}»; пересчитано открытых заявок: {tickets}",
        "en": "“{name}” now has SLA plan “{plan}”; open tickets recomputed: {tickets}",
    },
    # History lines (kind 'sla'): why the due times moved, or a breach
    "history.sla": {
        "ru": "Сроки SLA пересчитаны ({reason}): {moves}",
        "en": "SLA due times recomputed ({reason}): {moves}",
    },
    "history.sla.reason.plan": {"ru": "изменён план", "en": "plan changed"},
    "history.sla.reason.calendar": {"ru": "изменён календарь", "en": "calendar changed"},
    "history.sla.reason.org_plan": {
        "ru": "у клиента другой план",
        "en": "the client's plan changed",
    },
    "history.sla.reason.default_plan": {
        "ru": "другой план по умолчанию",
        "en": "another default plan",
    },
    "history.sla.reason.priority": {"ru": "изменён приоритет", "en": "priority changed"},
    "history.sla.move": {"ru": "{target} {old} → {new}", "en": "{target} {old} → {new}"},
    "history.sla.breach_response": {
        "ru": "Срок ответа по SLA нарушен ({due})",
        "en": "SLA response time breached ({due})",
    },
    "history.sla.breach_resolution": {
        "ru": "Срок решения по SLA нарушен ({due})",
        "en": "SLA resolution time breached ({due})",
    },
    # Warnings in open windows and the list row
    "sla.notice.warning": {
        "ru": "№{number}: {target} — использовано {percent} % срока ({due}). {summary}",
        "en": "#{number}: {target}: {percent} % of the time used (due {due}). {summary}",
    },
    "sla.notice.breach": {
        "ru": "№{number}: {target} — срок SLA нарушен ({due}). {summary}",
        "en": "#{number}: {target}: SLA breached (was due {due}). {summary}",
    },
    "sla.notice.close": {"ru": "Закрыть", "en": "Close"},
    "sla.notice.mark_warning": {"ru": "⚠ предупреждение", "en": "⚠ warned"},
    "sla.notice.mark_breach": {"ru": "⚠ нарушен", "en": "⚠ breached"},
}
