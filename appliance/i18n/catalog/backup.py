"""Encrypted backups: the command, the settings page, and every refusal."""

STRINGS: dict[str, dict[str, str]] = {
    # -- refusals --------------------------------------------------------------------------
    "backup.wrong_passphrase": {
        "ru": "Неверная парольная фраза резервной копии.",
        "en": "Wrong backup passphrase.",
    },
    "backup.damaged_header": {
        "ru": "Заголовок резервной копии повреждён или изменён: файл использовать нельзя.",
        "en": "The backup's header is damaged or was tampered with: the file cannot be used.",
    },
    "backup.damaged": {
        "ru": "Резервная копия повреждена или изменена: файл использовать нельзя.",
        "en": "The backup is damaged or was tampered with: the file cannot be used.",
    },
    "backup.truncated": {
        "ru": "Резервная копия обрезана (файл неполный): возможно, копирование не завершилось.",
        "en": "The backup is truncated (the file is incomplete): perhaps a copy did not finish.",
    },
    "backup.trailing_data": {
        "ru": "После конца резервной копии есть лишние данные: файл изменён.",
        "en": "There are extra bytes after the end of the backup: the file was altered.",
    },
    "backup.not_a_backup": {
        "ru": "Это не резервная копия Tiketnitsa.",
        "en": "This is not a Tiketnitsa backup.",
    },
    "backup.newer_format": {
        "ru": "Резервная копия в формате {version}, более новом, чем знает эта версия: обновите"
        " Tiketnitsa.",
        "en": "The backup is in format {version}, newer than this version knows: update"
        " Tiketnitsa.",
    },
    "backup.newer_version": {
        "ru": "Резервная копия сделана более новой версией Tiketnitsa ({version}): обновите"
        " программу перед восстановлением.",
        "en": "The backup was made by a newer Tiketnitsa ({version}): update before restoring.",
    },
    "backup.integrity_failed": {
        "ru": "База в резервной копии не прошла проверку целостности.",
        "en": "The database in the backup failed the integrity check.",
    },
    "backup.manifest_mismatch": {
        "ru": "Содержимое резервной копии не совпадает с её описью: файл использовать нельзя.",
        "en": "The backup's content does not match its manifest: the file cannot be used.",
    },
    "backup.no_space": {
        "ru": "Нет места на диске ({path}). Освободите место или выберите другую папку.",
        "en": "No space left on the disk ({path}). Free some space or choose another folder.",
    },
    "backup.no_file": {
        "ru": "Файл резервной копии не найден: {path}",
        "en": "Backup file not found: {path}",
    },
    "backup.out_exists": {
        "ru": "Файл {path} уже существует; резервная копия не перезаписывает файлы.",
        "en": "{path} already exists; a backup never overwrites a file.",
    },
    "backup.no_folder": {
        "ru": "Папка {path} не существует.",
        "en": "The folder {path} does not exist.",
    },
    "backup.plain_store": {
        "ru": "Хранилище не зашифровано; резервную копию сделать нельзя.",
        "en": "The store is not encrypted; it cannot be backed up.",
    },
    "backup.target_not_empty": {
        "ru": "Папка {path} не пуста. Восстановление пишет только в новую или пустую папку"
        " (или укажите --force).",
        "en": "{path} is not empty. A restore writes only to a new or empty folder"
        " (or give --force).",
    },
    "backup.target_not_dir": {
        "ru": "{path} — не папка.",
        "en": "{path} is not a folder.",
    },
    "backup.needs_passphrase": {
        "ru": "Нужна парольная фраза резервной копии: введите её, задайте {env} или"
        " --passphrase-file.",
        "en": "The backup passphrase is needed: type it, set {env}, or give --passphrase-file.",
    },
    "backup.weak_passphrase": {
        "ru": "Парольная фраза слишком короткая: нужно не меньше {n} символов.",
        "en": "The passphrase is too short: at least {n} characters.",
    },
    "backup.passphrases_differ": {
        "ru": "Парольные фразы не совпадают.",
        "en": "The passphrases differ.",
    },
    "backup.passphrase_file": {
        "ru": "Не удалось прочитать файл с парольной фразой: {path}",
        "en": "Cannot read the passphrase file: {path}",
    },
    "backup.no_passphrase_set": {
        "ru": "Парольная фраза резервных копий не задана: задайте её в Настройки → Резервные"
        " копии.",
        "en": "No backup passphrase is set: set one in Settings → Backups.",
    },
    "backup.bad_time": {
        "ru": "Время — в виде ЧЧ:ММ, например 02:30.",
        "en": "Give the time as HH:MM, for example 02:30.",
    },
    "backup.bad_keep": {
        "ru": "Сколько хранить: от 0 до {n}, и хотя бы одна копия.",
        "en": "How many to keep: 0 to {n}, and at least one backup.",
    },
    "backup.folder_missing": {
        "ru": "Папка {path} не существует или недоступна для записи.",
        "en": "The folder {path} does not exist or cannot be written.",
    },
    "backup.failed": {
        "ru": "Резервная копия не сделана: {reason}",
        "en": "The backup failed: {reason}",
    },
    "backup.running": {
        "ru": "Резервная копия уже делается.",
        "en": "A backup is already running.",
    },
    "backup.no_such_backup": {
        "ru": "Такой резервной копии нет.",
        "en": "There is no such backup.",
    },
    # -- the command -----------------------------------------------------------------------
    "backup.prompt": {"ru": "Парольная фраза резервной копии: ", "en": "Backup passphrase: "},
    "backup.prompt_new": {
        "ru": "Новая парольная фраза: ",
        "en": "New passphrase: ",
    },
    "backup.prompt_repeat": {"ru": "Повторите: ", "en": "Repeat: "},
    "backup.phase.snapshot": {"ru": "Снимок хранилища", "en": "Snapshot of the store"},
    "backup.phase.write": {"ru": "Шифрование", "en": "Encrypting"},
    "backup.phase.read": {"ru": "Чтение и проверка", "en": "Reading and checking"},
    "backup.phase.check": {
        "ru": "Проверка целостности и описи",
        "en": "Integrity check and manifest",
    },
    "backup.created": {
        "ru": "Резервная копия: {path} ({size}, {seconds} с, заявок: {tickets}).",
        "en": "Backup written: {path} ({size}, {seconds} s, {tickets} tickets).",
    },
    "backup.verified": {
        "ru": "Резервная копия в порядке: версия {version}, сделана {created}, заявок: {tickets},"
        " вложений: {blobs} ({seconds} с).",
        "en": "The backup is sound: version {version}, made {created}, {tickets} tickets,"
        " {blobs} attachments ({seconds} s).",
    },
    "backup.restored": {
        "ru": "Восстановлено в {path} ({seconds} с): проверка целостности и описи пройдена,"
        " у хранилища новый ключ. Запуск: tiketnitsa --data-dir {path} serve",
        "en": "Restored into {path} ({seconds} s): integrity and manifest checks passed, the"
        " store has a fresh key. Start it: tiketnitsa --data-dir {path} serve",
    },
    "backup.rewrapped": {
        "ru": "Парольная фраза резервной копии {path} изменена.",
        "en": "The passphrase of {path} was changed.",
    },
    # -- Settings -> Backups -----------------------------------------------------------------
    "backups.link": {"ru": "Резервные копии", "en": "Backups"},
    "backups.failed_badge": {"ru": "последняя копия не сделана", "en": "last backup failed"},
    "backups.title": {"ru": "Резервные копии", "en": "Backups"},
    "backups.last_failed": {
        "ru": "Последняя резервная копия ({at}) не сделана:",
        "en": "The last backup ({at}) failed:",
    },
    "backups.next_run": {
        "ru": "Следующая копия по расписанию: {at}",
        "en": "Next scheduled backup: {at}",
    },
    "backups.no_passphrase": {
        "ru": "Задайте парольную фразу и папку, чтобы делать резервные копии.",
        "en": "Set a passphrase and a folder to make backups.",
    },
    "backups.schedule_off": {
        "ru": "Копии по расписанию выключены.",
        "en": "Scheduled backups are off.",
    },
    "backups.now": {"ru": "Сделать копию сейчас", "en": "Back up now"},
    "backups.now_needs": {
        "ru": "Сначала задайте парольную фразу и папку",
        "en": "Set a passphrase and a folder first",
    },
    "backups.done": {"ru": "Копия сделана: {name} ({size})", "en": "Backup made: {name} ({size})"},
    "backups.files": {"ru": "Копии в папке", "en": "Backups in the folder"},
    "backups.no_files": {"ru": "В папке пока нет копий.", "en": "No backups in the folder yet."},
    "backups.runs": {"ru": "Последние запуски", "en": "Last runs"},
    "backups.no_runs": {"ru": "Копий ещё не было", "en": "No backups yet"},
    "backups.col.at": {"ru": "Когда", "en": "When"},
    "backups.col.result": {"ru": "Результат", "en": "Result"},
    "backups.col.size": {"ru": "Размер", "en": "Size"},
    "backups.col.took": {"ru": "Длилось", "en": "Took"},
    "backups.col.how": {"ru": "Запуск", "en": "Started by"},
    "backups.col.file": {"ru": "Файл или причина", "en": "File or reason"},
    "backups.result.ok": {"ru": "готово", "en": "done"},
    "backups.result.failed": {"ru": "ошибка", "en": "failed"},
    "backups.trigger.schedule": {"ru": "расписание", "en": "schedule"},
    "backups.trigger.manual": {"ru": "вручную", "en": "by hand"},
    "backups.trigger.cli": {"ru": "команда", "en": "command"},
    "backups.passphrase": {"ru": "Парольная фраза", "en": "Passphrase"},
    "backups.passphrase_set": {
        "ru": "Задана. Новая фраза действует для следующих копий.",
        "en": "Set. A new one applies to the backups made from now on.",
    },
    "backups.passphrase_unset": {"ru": "Не задана.", "en": "Not set."},
    "backups.rewrapped": {
        "ru": "Копии в папке, сделанные с прежней фразой, теперь открываются новой: {n}",
        "en": "Backups in the folder made under the previous passphrase now open with the new"
        " one: {n}",
    },
    "backups.pass_new": {"ru": "Новая парольная фраза", "en": "New passphrase"},
    "backups.pass_repeat": {"ru": "Повторите её", "en": "Repeat it"},
    "backups.pass_save": {"ru": "Сохранить фразу", "en": "Save passphrase"},
    "backups.passphrase_saved": {"ru": "Парольная фраза сохранена", "en": "Passphrase saved"},
    "backups.passphrase_keep": {
        "ru": "Запишите фразу и храните её отдельно от копий: без неё копию не открыть, а"
        " восстановить её нельзя.",
        "en": "Write the passphrase down and keep it apart from the backups: without it no"
        " backup can be opened, and it cannot be recovered.",
    },
    "backups.strength.too_short": {
        "ru": "Слишком короткая (нужно от 12 символов)",
        "en": "Too short (12 characters at least)",
    },
    "backups.strength.weak": {"ru": "Слабая", "en": "Weak"},
    "backups.strength.fair": {"ru": "Средняя", "en": "Fair"},
    "backups.strength.strong": {"ru": "Надёжная", "en": "Strong"},
    "backups.schedule": {"ru": "Расписание", "en": "Schedule"},
    "backups.sched_enabled": {"ru": "Каждый день", "en": "Every day"},
    "backups.sched_at": {"ru": "Время (ЧЧ:ММ)", "en": "Time (HH:MM)"},
    "backups.sched_folder": {
        "ru": "Папка (USB-диск или сетевой ресурс)",
        "en": "Folder (a USB disk or a NAS mount)",
    },
    "backups.sched_daily": {"ru": "Хранить дневных", "en": "Keep daily"},
    "backups.sched_weekly": {"ru": "Хранить недельных", "en": "Keep weekly"},
    "backups.sched_save": {"ru": "Сохранить расписание", "en": "Save schedule"},
    "backups.schedule_saved": {"ru": "Расписание сохранено", "en": "Schedule saved"},
}
