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
    "sla.error.bad_hours": {
        "ru": "{day}: «{value}» — нужно ЧЧ:ММ-ЧЧ:ММ, конец позже начала",
        "en": "{day}: “{value}”: give HH:MM-HH:MM, the end after the start",
    },
    "sla.error.time_zone": {
        "ru": "Неизвестный часовой пояс «{zone}» (например, Europe/Moscow)",
        "en": "Unknown time zone “{zone}” (e.g. Europe/Moscow)",
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
    "sla.notice.more": {
        "ru": "И ещё заявок со сроками под угрозой: {count} — см. вкладку «Горят сроки»",
        "en": "{count} more tickets near or past their SLA: see the Breaching soon tab",
    },
    "sla.notice.mark_warning": {"ru": "⚠ предупреждение", "en": "⚠ warned"},
    "sla.notice.mark_breach": {"ru": "⚠ нарушен", "en": "⚠ breached"},
}

STRINGS.update(
    {
        "slaui.link": {"ru": "SLA: календари и планы", "en": "SLA: calendars and plans"},
        "slaui.title": {"ru": "SLA", "en": "SLA"},
        "slaui.calendars": {"ru": "Рабочие календари", "en": "Business calendars"},
        "slaui.new_calendar": {"ru": "Новый календарь", "en": "New calendar"},
        "slaui.new_calendar_hint": {
            "ru": "Создаётся с часами Пн–Пт 09:00–18:00; их можно изменить.",
            "en": "Starts with Mon–Fri 09:00–18:00; change them after.",
        },
        "slaui.no_calendars": {
            "ru": "Календарей ещё нет: создайте первый.",
            "en": "No calendars yet: create the first one.",
        },
        "slaui.time_zone": {"ru": "Часовой пояс", "en": "Time zone"},
        "slaui.day.mon": {"ru": "Пн", "en": "Mon"},
        "slaui.day.tue": {"ru": "Вт", "en": "Tue"},
        "slaui.day.wed": {"ru": "Ср", "en": "Wed"},
        "slaui.day.thu": {"ru": "Чт", "en": "Thu"},
        "slaui.day.fri": {"ru": "Пт", "en": "Fri"},
        "slaui.day.sat": {"ru": "Сб", "en": "Sat"},
        "slaui.day.sun": {"ru": "Вс", "en": "Sun"},
        "slaui.day_off": {"ru": "выходной", "en": "day off"},
        "slaui.hours_hint": {
            "ru": "Интервалы через запятую: 09:00-13:00, 14:00-18:00. Пусто — выходной.",
            "en": "Intervals separated by commas: 09:00-13:00, 14:00-18:00. Empty: day off.",
        },
        "slaui.save": {"ru": "Сохранить", "en": "Save"},
        "slaui.saved": {"ru": "Сохранено", "en": "Saved"},
        "slaui.recomputed": {
            "ru": "Сроки пересчитаны у открытых заявок: {tickets}",
            "en": "Due times recomputed on open tickets: {tickets}",
        },
        "slaui.days": {
            "ru": "Праздники и переносы",
            "en": "Holidays and moved working days",
        },
        "slaui.country": {"ru": "Страна", "en": "Country"},
        "slaui.add_public": {
            "ru": "Добавить праздники года",
            "en": "Add the year's public holidays",
        },
        "slaui.import_file": {"ru": "Импорт CSV/ICS", "en": "Import CSV/ICS"},
        "slaui.imported": {"ru": "Добавлено дат: {days}", "en": "Dates added: {days}"},
        "slaui.no_days": {
            "ru": "На {year} год дат нет",
            "en": "No dates for {year}",
        },
        "slaui.kind.holiday": {"ru": "Выходной", "en": "Holiday"},
        "slaui.kind.workday": {"ru": "Рабочий (перенос)", "en": "Working (moved)"},
        "slaui.date": {"ru": "Дата", "en": "Date"},
        "slaui.day_name": {"ru": "Название", "en": "Name"},
        "slaui.add_day": {"ru": "Добавить дату", "en": "Add date"},
        "slaui.day_added": {"ru": "Дата добавлена", "en": "Date added"},
        "slaui.day_removed": {"ru": "Дата удалена", "en": "Date removed"},
        "slaui.bad_date": {
            "ru": "«{value}» — не дата (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)",
            "en": "“{value}” is not a date (YYYY-MM-DD or DD.MM.YYYY)",
        },
        "slaui.calendar_created": {"ru": "Календарь создан", "en": "Calendar created"},
        "slaui.name": {"ru": "Название", "en": "Name"},
        "slaui.cancel": {"ru": "Отмена", "en": "Cancel"},
        "slaui.create": {"ru": "Создать", "en": "Create"},
        "slaui.plans": {"ru": "Планы SLA", "en": "SLA plans"},
        "slaui.new_plan": {"ru": "Новый план", "en": "New plan"},
        "slaui.new_plan_hint": {
            "ru": "Сроки создаются типовыми; измените их в карточке плана.",
            "en": "Starts with typical targets; change them on the plan's card.",
        },
        "slaui.no_plans": {"ru": "Планов ещё нет.", "en": "No plans yet."},
        "slaui.plan_created": {"ru": "План создан", "en": "Plan created"},
        "slaui.calendar": {"ru": "Календарь", "en": "Calendar"},
        "slaui.warn": {"ru": "Предупреждать при", "en": "Warn at"},
        "slaui.is_default": {"ru": "План по умолчанию", "en": "Default plan"},
        "slaui.default_badge": {"ru": "по умолчанию", "en": "default"},
        "slaui.priority": {"ru": "Приоритет", "en": "Priority"},
        "slaui.response_min": {
            "ru": "Ответ, рабочих минут",
            "en": "Response, business minutes",
        },
        "slaui.resolution_min": {
            "ru": "Решение, рабочих минут",
            "en": "Resolution, business minutes",
        },
        "slaui.pause": {"ru": "Часы стоят в статусах:", "en": "The clock stops in:"},
        "slaui.target_half": {
            "ru": "Приоритет «{priority}»: укажите оба срока или ни одного",
            "en": "Priority “{priority}”: give both targets or neither",
        },
        "slaui.orgs": {"ru": "Планы организаций", "en": "Organisations' plans"},
        "slaui.no_orgs": {"ru": "Организаций нет.", "en": "No organisations."},
        "slaui.org": {"ru": "Организация", "en": "Organisation"},
        "slaui.open_tickets": {"ru": "Открытых заявок", "en": "Open tickets"},
        "slaui.plan": {"ru": "План SLA", "en": "SLA plan"},
        "slaui.default_plan": {"ru": "— по умолчанию —", "en": "— default —"},
        "slaui.org_plan_set": {
            "ru": "План «{name}» сохранён",
            "en": "Plan of “{name}” saved",
        },
    }
)
