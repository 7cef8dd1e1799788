"""Strings of the reports (appliance/reports: on screen, PDF, XLSX, CSV), their pages and the
home dashboard."""

STRINGS: dict[str, dict[str, str]] = {
    # what a report covers
    "reports.header.period": {"ru": "Период: {start} – {end}", "en": "Period: {start} – {end}"},
    "reports.header.made": {
        "ru": "Сформирован {at} (время: {zone})",
        "en": "Made {at} (times in {zone})",
    },
    "reports.filter.org": {"ru": "Организация", "en": "Organisation"},
    "reports.filter.tech": {"ru": "Специалист", "en": "Technician"},
    "reports.filter.category": {"ru": "Категория", "en": "Category"},
    "reports.filter.priority": {"ru": "Приоритет", "en": "Priority"},
    "reports.total": {"ru": "Итого", "en": "Total"},
    "reports.yes": {"ru": "Да", "en": "Yes"},
    "reports.none": {"ru": "Нет данных за период", "en": "Nothing in this period"},
    "reports.unassigned": {"ru": "Не назначена", "en": "Unassigned"},
    "reports.no_category": {"ru": "Без категории", "en": "No category"},
    "reports.no_org": {"ru": "Без организации", "en": "No organisation"},
    "reports.unit.minutes": {"ru": "мин", "en": "min"},
    "reports.unit.hours": {"ru": "ч", "en": "h"},
    "reports.xlsx.cover": {"ru": "Отчёт", "en": "Report"},
    # columns shared by the reports
    "reports.col.tickets": {"ru": "Заявок", "en": "Tickets"},
    "reports.col.number": {"ru": "№", "en": "No."},
    "reports.col.received": {"ru": "Поступила", "en": "Received"},
    "reports.col.resolved": {"ru": "Решена", "en": "Resolved"},
    "reports.col.person": {"ru": "Сотрудник", "en": "Person"},
    "reports.col.description": {"ru": "Описание", "en": "Description"},
    "reports.col.category": {"ru": "Категория", "en": "Category"},
    "reports.col.status": {"ru": "Статус", "en": "Status"},
    "reports.col.priority": {"ru": "Приоритет", "en": "Priority"},
    "reports.col.assignee": {"ru": "Исполнитель", "en": "Assignee"},
    "reports.col.org": {"ru": "Организация", "en": "Organisation"},
    "reports.col.when": {"ru": "Когда", "en": "When"},
    "reports.col.who": {"ru": "Кто", "en": "Who"},
    "reports.col.kind": {"ru": "Вид работ", "en": "Kind"},
    "reports.col.text": {"ru": "Что сделано", "en": "Work done"},
    "reports.col.minutes": {"ru": "Время", "en": "Time"},
    "reports.col.minutes_additional": {"ru": "Доп. работы", "en": "Additional"},
    "reports.col.additional": {"ru": "Доп. работа", "en": "Additional"},
    "reports.col.actions": {"ru": "Действий", "en": "Actions"},
    "reports.col.what": {"ru": "Что", "en": "What"},
    "reports.col.from": {"ru": "С", "en": "From"},
    # work report
    "reports.work.title": {"ru": "Отчёт о выполненных работах", "en": "Work report"},
    "reports.work.counts": {
        "ru": "Заявок: {tickets}, работ: {actions}",
        "en": "Tickets: {tickets}, pieces of work: {actions}",
    },
    "reports.work.red_note": {
        "ru": "Красным выделены дополнительные работы по просьбе пользователя.",
        "en": "Additional work at the user's request is shown in red.",
    },
    "reports.work.totals": {"ru": "Итоги за период", "en": "Totals for the period"},
    "reports.work.total_period": {"ru": "Всего работ за период", "en": "All work in the period"},
    "reports.work.total_basic": {"ru": "Основные работы", "en": "Regular work"},
    "reports.work.total_additional": {
        "ru": "Дополнительные работы по просьбе пользователя",
        "en": "Additional work at the user's request",
    },
    "reports.work.tickets": {"ru": "Заявки", "en": "Tickets"},
    "reports.work.actions": {"ru": "Выполненные работы", "en": "Work done"},
    "reports.work.per_technician": {"ru": "По специалистам", "en": "Per technician"},
    "reports.work.ticket_heading": {
        "ru": "Заявка № {number} от {day} · {person} · {category} · {status} — {description}",
        "en": "Ticket {number} of {day} · {person} · {category} · {status} — {description}",
    },
    "reports.work.ticket_total": {"ru": "Итого по заявке", "en": "Ticket total"},
    "reports.work.of_which": {
        "ru": "в т. ч. доп.: {minutes}",
        "en": "of which additional: {minutes}",
    },
    "reports.work.internal_text": {
        "ru": "(внутренняя работа, описание не публикуется)",
        "en": "(internal work, description withheld)",
    },
    # categories
    "reports.categories.title": {"ru": "Статистика по категориям", "en": "Categories"},
    "reports.cat.top": {"ru": "Категории", "en": "Top categories"},
    "reports.cat.col.previous": {"ru": "Пред. период", "en": "Previous period"},
    "reports.cat.col.change": {"ru": "Изменение", "en": "Change"},
    "reports.cat.col.change_share": {"ru": "Изменение, %", "en": "Change, %"},
    "reports.cat.col.share": {"ru": "Доля", "en": "Share"},
    "reports.cat.col.service": {"ru": "Услуга", "en": "Service"},
    "reports.cat.col.kind": {"ru": "Вид оборудования", "en": "Equipment kind"},
    "reports.cat.over_time_week": {"ru": "Услуги по неделям", "en": "Services by week"},
    "reports.cat.over_time_month": {"ru": "Услуги по месяцам", "en": "Services by month"},
    "reports.cat.organisations": {"ru": "По организациям", "en": "Per organisation"},
    "reports.cat.equipment": {"ru": "По видам оборудования", "en": "Per equipment kind"},
    "reports.cat.no_equipment": {"ru": "Оборудование не указано", "en": "No equipment given"},
    "reports.cat.previous_note": {
        "ru": "Предыдущий период для сравнения: {start} – {end}",
        "en": "Previous period compared: {start} – {end}",
    },
    # efficiency
    "reports.efficiency.title": {"ru": "Эффективность реагирования", "en": "Response efficiency"},
    "reports.eff.business_time": {
        "ru": "Время считается в рабочих часах по календарю SLA-плана каждой заявки (заявки без "
        "плана — в календарном времени); ожидание ответа клиента во время решения не входит. "
        "Медиана — половина заявок быстрее, 90-й перцентиль — 90 % заявок не дольше.",
        "en": "Times are business hours on the calendar of each ticket's SLA plan (tickets "
        "without a plan: calendar time); waiting for the client is not counted in resolution "
        "time. Median: the middle value; 90th percentile: 90 % of tickets took no longer.",
    },
    "reports.eff.team": {"ru": "Команда", "en": "Team"},
    "reports.eff.whole_team": {"ru": "Вся команда", "en": "Whole team"},
    "reports.eff.technicians": {"ru": "По специалистам", "en": "Per technician"},
    "reports.eff.trend_week": {"ru": "По неделям", "en": "By week"},
    "reports.eff.trend_month": {"ru": "По месяцам", "en": "By month"},
    "reports.eff.spent": {"ru": "Затраченное время", "en": "Time spent"},
    "reports.eff.backlog": {"ru": "Возраст открытых заявок", "en": "Backlog age"},
    "reports.eff.backlog_note": {
        "ru": "Открытые сейчас заявки, по времени с поступления; медиана: {days} дн.",
        "en": "Tickets open now, by time since reception; median: {days} days.",
    },
    "reports.eff.col.who": {"ru": "Специалист", "en": "Technician"},
    "reports.eff.col.resp_median": {"ru": "Реакция, медиана", "en": "Response, median"},
    "reports.eff.col.resp_p90": {"ru": "Реакция, p90", "en": "Response, p90"},
    "reports.eff.col.resp_sla": {"ru": "Реакция в SLA", "en": "Response within SLA"},
    "reports.eff.col.resolved": {"ru": "Решено", "en": "Resolved"},
    "reports.eff.col.res_median": {"ru": "Решение, медиана", "en": "Resolution, median"},
    "reports.eff.col.res_p90": {"ru": "Решение, p90", "en": "Resolution, p90"},
    "reports.eff.col.res_sla": {"ru": "Решение в SLA", "en": "Resolution within SLA"},
    "reports.eff.col.spent": {"ru": "Затрачено", "en": "Time spent"},
    "reports.eff.col.age": {"ru": "Возраст", "en": "Age"},
    "reports.eff.age.day": {"ru": "до 1 дня", "en": "under 1 day"},
    "reports.eff.age.3d": {"ru": "1–3 дня", "en": "1–3 days"},
    "reports.eff.age.week": {"ru": "3–7 дней", "en": "3–7 days"},
    "reports.eff.age.month": {"ru": "7–30 дней", "en": "7–30 days"},
    "reports.eff.age.older": {"ru": "более 30 дней", "en": "over 30 days"},
    # SLA
    "reports.sla.title": {"ru": "Соблюдение SLA", "en": "SLA compliance"},
    "reports.sla.note": {
        "ru": "Цель выполнена, если реакция или решение наступили до срока; открытая заявка с "
        "истёкшим сроком считается нарушением. Просрочка — в рабочих часах плана заявки.",
        "en": "A target is met when the response or resolution came by its due time; an open "
        "ticket past its due time counts as a breach. Overdue time is business time on the "
        "ticket's plan.",
    },
    "reports.sla.compliance": {
        "ru": "По организациям и приоритетам",
        "en": "Per organisation and priority",
    },
    "reports.sla.breaches": {"ru": "Нарушения", "en": "Breaches"},
    "reports.sla.col.with_targets": {"ru": "С целями SLA", "en": "With SLA targets"},
    "reports.sla.col.resp_met": {"ru": "Реакция в срок", "en": "Response met"},
    "reports.sla.col.resp_share": {"ru": "Реакция, %", "en": "Response, %"},
    "reports.sla.col.res_met": {"ru": "Решение в срок", "en": "Resolution met"},
    "reports.sla.col.res_share": {"ru": "Решение, %", "en": "Resolution, %"},
    "reports.sla.col.breaches": {"ru": "Нарушений", "en": "Breaches"},
    "reports.sla.col.target": {"ru": "Цель", "en": "Target"},
    "reports.sla.col.due": {"ru": "Срок", "en": "Due"},
    "reports.sla.col.done": {"ru": "Выполнено", "en": "Done"},
    "reports.sla.col.overdue": {"ru": "Просрочка", "en": "Overdue by"},
    "reports.sla.target.response": {"ru": "Реакция", "en": "Response"},
    "reports.sla.target.resolution": {"ru": "Решение", "en": "Resolution"},
    # refusals
    "reports.error.kind": {
        "ru": "Нет такого отчёта: {value}. Есть: {allowed}",
        "en": "No such report: {value}. There are: {allowed}",
    },
    "reports.error.format": {
        "ru": "Нет такого формата: {value}. Есть: {allowed}",
        "en": "No such format: {value}. There are: {allowed}",
    },
    "reports.error.period_order": {
        "ru": "Начало периода позже его конца",
        "en": "The period starts after it ends",
    },
    "reports.error.period_long": {
        "ru": "Период длиннее {days} дней: выберите короче",
        "en": "The period is longer than {days} days: choose a shorter one",
    },
    "reports.error.bad_date": {
        "ru": "Дата не распознана: {value} (нужно ГГГГ-ММ-ДД)",
        "en": "Not a date: {value} (use YYYY-MM-DD)",
    },
    "reports.error.priority": {
        "ru": "Нет такого приоритета: {value}",
        "en": "No such priority: {value}",
    },
    "reports.error.separator": {
        "ru": "Разделитель CSV — «;» или «,»",
        "en": "The CSV separator is ';' or ','",
    },
    "reports.error.unknown_org": {
        "ru": "Нет организации «{name}»",
        "en": "No organisation '{name}'",
    },
    "reports.error.unknown_tech": {"ru": "Нет пользователя «{login}»", "en": "No user '{login}'"},
}

STRINGS.update(
    {
        # report pages
        "reports.ui.overview": {"ru": "Обзор", "en": "Overview"},
        "reports.ui.tab.work": {"ru": "Выполненные работы", "en": "Work report"},
        "reports.ui.tab.categories": {"ru": "Категории", "en": "Categories"},
        "reports.ui.tab.efficiency": {"ru": "Эффективность", "en": "Efficiency"},
        "reports.ui.tab.sla": {"ru": "SLA", "en": "SLA"},
        "reports.ui.about.work": {
            "ru": "Заявки и работы по клиенту за период, доп. работы красным — к счёту",
            "en": "A client's tickets and work in a period, extras in red — for the invoice",
        },
        "reports.ui.about.categories": {
            "ru": "Какие услуги и проблемы чаще всего, динамика к прошлому периоду",
            "en": "Which services and problems come up most, against the previous period",
        },
        "reports.ui.about.efficiency": {
            "ru": "Время реакции и решения по команде и специалистам, затраты времени",
            "en": "Response and resolution times for the team and each technician",
        },
        "reports.ui.about.sla": {
            "ru": "Соблюдение SLA по организациям и приоритетам, список нарушений",
            "en": "SLA compliance per organisation and priority, with the breaches",
        },
        "reports.ui.period": {"ru": "Период", "en": "Period"},
        "reports.ui.preset.this_month": {"ru": "Этот месяц", "en": "This month"},
        "reports.ui.preset.last_month": {"ru": "Прошлый месяц", "en": "Last month"},
        "reports.ui.preset.quarter": {"ru": "Квартал", "en": "Quarter"},
        "reports.ui.preset.custom": {"ru": "Свой период", "en": "Custom"},
        "reports.ui.start": {"ru": "С", "en": "From"},
        "reports.ui.end": {"ru": "По", "en": "To"},
        "reports.ui.any": {"ru": "Все", "en": "All"},
        "reports.ui.this_period": {"ru": "Этот период", "en": "This period"},
        "reports.ui.truncated": {
            "ru": "Показаны первые {shown} строк из {total}; полный список — в выгрузке",
            "en": "The first {shown} of {total} rows are shown; the export has them all",
        },
        "reports.ui.no_such_export": {"ru": "Нет такой выгрузки", "en": "No such export"},
        "reports.ui.median_response": {"ru": "Реакция (медиана)", "en": "Response (median)"},
        "reports.ui.median_resolution": {"ru": "Решение (медиана)", "en": "Resolution (median)"},
        # the home dashboard
        "shell.nav.dashboard": {"ru": "Обзор", "en": "Overview"},
        "dash.title": {"ru": "Обзор", "en": "Overview"},
        "dash.today": {"ru": "Поступило сегодня", "en": "Received today"},
        "dash.my_queue": {"ru": "Моя очередь", "en": "My queue"},
        "dash.queue_none": {"ru": "На вас нет открытых заявок", "en": "No open tickets of yours"},
        "dash.intake_week": {"ru": "Поступление за 7 дней", "en": "Intake, last 7 days"},
        "dash.soon": {"ru": "Горят сроки", "en": "Breaching soon"},
        "dash.soon_none": {"ru": "Все сроки в порядке", "en": "Every SLA is on track"},
        "dash.licenses": {
            "ru": "Лицензии, истекающие в ближайшие 30 дней",
            "en": "Licenses expiring within 30 days",
        },
        "dash.licenses_none": {"ru": "Ничего не истекает", "en": "Nothing expires"},
        "dash.license_until": {
            "ru": "до {day} (осталось дней: {days})",
            "en": "until {day} ({days} days left)",
        },
        "dash.backup_never": {"ru": "Резервных копий ещё не было", "en": "No backup has run yet"},
        "dash.backup_last_ok": {
            "ru": "Последняя резервная копия: {at}, успешно",
            "en": "Last backup: {at}, succeeded",
        },
        "dash.backup_last_failed": {
            "ru": "Последняя резервная копия: {at}, ошибка",
            "en": "Last backup: {at}, failed",
        },
        "dash.backup_failed": {
            "ru": "Резервное копирование не удалось ({trigger}, {at}): {error}",
            "en": "A backup failed ({trigger}, {at}): {error}",
        },
        "dash.backup_trigger.schedule": {"ru": "по расписанию", "en": "scheduled"},
        "dash.backup_trigger.manual": {"ru": "вручную", "en": "manual"},
        "dash.backup_trigger.cli": {"ru": "из командной строки", "en": "command line"},
        "dash.backup_open": {"ru": "Открыть настройки копий", "en": "Open backup settings"},
    }
)
