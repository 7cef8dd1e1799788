"""Import and export of client cards (people, equipment, credentials, licenses): field names,
the problems of a file row by row, the import dialog and the CLI's lines."""

STRINGS: dict[str, dict[str, str]] = {
    # kinds
    "import.kind.people": {"ru": "Сотрудники", "en": "People"},
    "import.kind.equipment": {"ru": "Оборудование", "en": "Equipment"},
    "import.kind.credentials": {"ru": "Доступы", "en": "Credentials"},
    "import.kind.licenses": {"ru": "Лицензии", "en": "Licenses"},
    # fields: the headers of an export, and what the import recognises
    "import.field.full_name": {"ru": "ФИО", "en": "Full name"},
    "import.field.position": {"ru": "Должность", "en": "Position"},
    "import.field.phone": {"ru": "Телефон", "en": "Phone"},
    "import.field.email": {"ru": "E-mail", "en": "E-mail"},
    "import.field.logins": {"ru": "Логины", "en": "Logins"},
    "import.field.workstation": {"ru": "Рабочее место", "en": "Workstation"},
    "import.field.key_person": {"ru": "Ключевой сотрудник", "en": "Key person"},
    "import.field.notes": {"ru": "Примечания", "en": "Notes"},
    "import.field.kind": {"ru": "Тип", "en": "Kind"},
    "import.field.name": {"ru": "Наименование", "en": "Name"},
    "import.field.hostname": {"ru": "Имя хоста", "en": "Hostname"},
    "import.field.model": {"ru": "Модель", "en": "Model"},
    "import.field.serial": {"ru": "Серийный номер", "en": "Serial number"},
    "import.field.ip": {"ru": "IP-адрес", "en": "IP address"},
    "import.field.mac": {"ru": "MAC-адрес", "en": "MAC address"},
    "import.field.location": {"ru": "Расположение", "en": "Location"},
    "import.field.os": {"ru": "ОС", "en": "OS"},
    "import.field.person": {"ru": "Сотрудник", "en": "Assigned to"},
    "import.field.purchase_date": {"ru": "Дата покупки", "en": "Purchase date"},
    "import.field.warranty_until": {"ru": "Гарантия до", "en": "Warranty until"},
    "import.field.title": {"ru": "Название", "en": "Title"},
    "import.field.url": {"ru": "Адрес", "en": "Host or URL"},
    "import.field.login": {"ru": "Логин", "en": "Login"},
    "import.field.secret": {"ru": "Пароль", "en": "Password"},
    "import.field.equipment": {"ru": "Оборудование", "en": "Equipment"},
    "import.field.product": {"ru": "Продукт", "en": "Product"},
    "import.field.vendor": {"ru": "Производитель", "en": "Vendor"},
    "import.field.license_key": {"ru": "Ключ", "en": "License key"},
    "import.field.seats": {"ru": "Мест", "en": "Seats"},
    "import.field.seats_used": {"ru": "Занято мест", "en": "Seats used"},
    "import.field.valid_from": {"ru": "Действует с", "en": "Valid from"},
    "import.field.valid_until": {"ru": "Действует до", "en": "Valid until"},
    "import.yes": {"ru": "да", "en": "yes"},
    "import.no": {"ru": "нет", "en": "no"},
    # where a problem is
    "import.problem.at_cell": {
        "ru": "Строка {line}, столбец «{column}»: {message}",
        "en": "Line {line}, column “{column}”: {message}",
    },
    "import.problem.at_line": {
        "ru": "Строка {line}: {message}",
        "en": "Line {line}: {message}",
    },
    "import.refused": {
        "ru": "Файл не импортирован: ошибок — {count}. Исправьте их и загрузите файл снова",
        "en": "The file was not imported: {count} problem(s). Correct them and load the file again",
    },
    # the file as a whole
    "import.error.too_big": {
        "ru": "Файл больше {megabytes} МБ",
        "en": "The file is larger than {megabytes} MB",
    },
    "import.error.empty_file": {"ru": "В файле нет данных", "en": "The file holds no data"},
    "import.error.old_xls": {
        "ru": "Старый формат .xls не поддерживается: сохраните файл как .xlsx или .csv",
        "en": "The old .xls format is not supported: save the file as .xlsx or .csv",
    },
    "import.error.xlsx_broken": {
        "ru": "Файл XLSX повреждён или это не таблица Excel",
        "en": "The XLSX file is damaged or is not an Excel workbook",
    },
    "import.error.csv_broken": {
        "ru": "Файл CSV не читается (строка {line})",
        "en": "The CSV file cannot be read (line {line})",
    },
    "import.error.too_many_rows": {
        "ru": "В файле больше {limit} строк: разделите его на части",
        "en": "The file has more than {limit} rows: split it into parts",
    },
    "import.error.too_many_columns": {
        "ru": "В файле больше {limit} столбцов",
        "en": "The file has more than {limit} columns",
    },
    "import.error.kind_unknown": {
        "ru": "Неизвестный вид данных «{kind}»; возможные: {kinds}",
        "en": "Unknown kind “{kind}”; one of: {kinds}",
    },
    "import.error.field_unknown": {
        "ru": "Неизвестное поле «{field}»",
        "en": "Unknown field “{field}”",
    },
    "import.error.field_twice": {
        "ru": "Поле «{field}» выбрано для двух столбцов",
        "en": "The field “{field}” is chosen for two columns",
    },
    "import.error.mapping_width": {
        "ru": "Сопоставление должно описывать все {columns} столбцов файла",
        "en": "The mapping must cover all {columns} columns of the file",
    },
    "import.error.required_column": {
        "ru": "Ни один столбец не выбран как «{field}», а это поле обязательно",
        "en": "No column is mapped to “{field}”, which is required",
    },
    "import.error.no_rows": {
        "ru": "Под заголовком нет ни одной строки данных",
        "en": "There are no data rows below the header",
    },
    "import.error.export_format": {
        "ru": "Файл «{name}»: выгрузка возможна в .xlsx или .csv",
        "en": "“{name}”: export writes .xlsx or .csv",
    },
    "import.error.map_option": {
        "ru": "--map ожидает «Столбец=поле», получено «{value}»",
        "en": "--map expects “Column=field”, got “{value}”",
    },
    "import.error.map_column": {
        "ru": "--map: в файле нет столбца «{column}»",
        "en": "--map: the file has no column “{column}”",
    },
    # one cell
    "import.error.required": {"ru": "поле «{field}» не заполнено", "en": "“{field}” is empty"},
    "import.error.date": {
        "ru": "«{value}» — не дата (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)",
        "en": "“{value}” is not a date (expected DD.MM.YYYY or YYYY-MM-DD)",
    },
    "import.error.number": {
        "ru": "«{value}» — не целое неотрицательное число",
        "en": "“{value}” is not a whole number of zero or more",
    },
    "import.error.flag": {
        "ru": "«{value}»: ожидается «да» или «нет»",
        "en": "“{value}”: expected “yes” or “no”",
    },
    "import.error.equipment_kind": {
        "ru": "неизвестный тип оборудования «{value}»",
        "en": "unknown kind of equipment “{value}”",
    },
    "import.error.person_unknown": {
        "ru": "в карточке клиента нет сотрудника «{value}»",
        "en": "the client's card has no person “{value}”",
    },
    "import.error.equipment_unknown": {
        "ru": "в карточке клиента нет оборудования «{value}»",
        "en": "the client's card has no equipment “{value}”",
    },
    "import.error.ambiguous": {
        "ru": "«{value}» подходит к нескольким записям карточки: уточните",
        "en": "“{value}” matches several entries of the card: be more specific",
    },
    "import.error.on_card": {
        "ru": "«{value}» уже есть в карточке клиента",
        "en": "“{value}” is already on the client's card",
    },
    "import.error.repeated": {
        "ru": "«{value}» уже встречается в строке {first}",
        "en": "“{value}” already appears on line {first}",
    },
    # the command line
    "import_cli.done": {
        "ru": "Импортировано строк: {count} ({kind})",
        "en": "Imported {count} row(s) ({kind})",
    },
    "import_cli.dry_run_ok": {
        "ru": "Проверка пройдена: строк к импорту — {count}. Ничего не записано (--dry-run)",
        "en": "Check passed: {count} row(s) can be imported. Nothing was written (--dry-run)",
    },
    "import_cli.exported": {
        "ru": "Выгружено строк: {count} → {path}",
        "en": "Exported {count} row(s) to {path}",
    },
    "import_cli.unreadable": {
        "ru": "Не удалось прочитать {path}: {reason}",
        "en": "Cannot read {path}: {reason}",
    },
    "import_cli.unwritable": {
        "ru": "Не удалось записать {path}: {reason}",
        "en": "Cannot write {path}: {reason}",
    },
    "org_cli.added": {
        "ru": "Организация «{name}» добавлена (id {id})",
        "en": "Organisation “{name}” added (id {id})",
    },
    "org_cli.none": {"ru": "Организаций нет", "en": "No organisations"},
    "org_cli.archived": {"ru": "в архиве", "en": "archived"},
    "org_cli.default_plan": {"ru": "план SLA по умолчанию", "en": "default SLA plan"},
    # the import dialog
    "import_ui.button": {"ru": "Импорт из файла", "en": "Import from file"},
    "import_ui.export": {"ru": "Экспорт", "en": "Export"},
    "import_ui.title": {"ru": "Импорт: {kind}", "en": "Import: {kind}"},
    "import_ui.hint": {
        "ru": "Таблица CSV или XLSX с заголовками столбцов. Проверьте, какой столбец во что"
        " записывается: ничего не сохранится, пока в файле есть ошибки.",
        "en": "A CSV or XLSX table with column headers. Check which column goes where: nothing"
        " is saved while the file has problems.",
    },
    "import_ui.pick": {"ru": "Выберите файл (CSV, XLSX)", "en": "Choose a file (CSV, XLSX)"},
    "import_ui.skip": {"ru": "— не импортировать —", "en": "— leave out —"},
    "import_ui.line": {"ru": "Строка", "en": "Line"},
    "import_ui.summary": {
        "ru": "{file}: строк — {rows}, без ошибок — {valid}, ошибок — {problems}",
        "en": "{file}: {rows} row(s), {valid} without problems, {problems} problem(s)",
    },
    "import_ui.more_problems": {"ru": "…и ещё ошибок: {count}", "en": "…and {count} more"},
    "import_ui.run": {"ru": "Импортировать", "en": "Import"},
    "import_ui.cancel": {"ru": "Отмена", "en": "Cancel"},
    "import_ui.done": {"ru": "Импортировано строк: {count}", "en": "Imported {count} row(s)"},
}
