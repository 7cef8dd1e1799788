"""Strings of the store, the data directory and the install commands (init, serve)."""

STRINGS: dict[str, dict[str, str]] = {
    "store.wrong_key": {
        "ru": "неверный ключ, или это не хранилище Тикетницы",
        "en": "wrong key, or not a Tiketnitsa store",
    },
    "store.cannot_open": {
        "ru": "не удаётся открыть хранилище {path}",
        "en": "cannot open the store at {path}",
    },
    "store.disk_full": {
        "ru": "На диске сервера закончилось место: ничего не сохранено. Освободите место и "
        "повторите.",
        "en": "The appliance is out of disk space: nothing was saved. Free some space and retry.",
    },
    "shell.disk_full": {
        "ru": "На диске сервера закончилось место: новые заявки и изменения не сохраняются, "
        "пока его не освободят.",
        "en": "The appliance is out of disk space: new tickets and changes are not saved until "
        "space is freed.",
    },
    "store.bad_cipher": {"ru": "неизвестный шифр {cipher}", "en": "unsupported cipher {cipher}"},
    "keyfile.exists": {
        "ru": "{path} уже существует; ключ существующего хранилища не заменяется",
        "en": "{path} already exists; refusing to replace the key of an existing store",
    },
    "keyfile.missing": {
        "ru": "файл ключа {path} не найден: это каталог данных Тикетницы?",
        "en": "key file {path} not found: is this a Tiketnitsa data directory?",
    },
    "keyfile.unreadable": {
        "ru": "файл ключа {path} не читается или повреждён",
        "en": "key file {path} is unreadable or damaged",
    },
    "keyfile.foreign": {
        "ru": "{path} — не файл ключа Тикетницы",
        "en": "key file {path} is not a Tiketnitsa key file",
    },
    "keyfile.damaged": {
        "ru": "файл ключа {path} повреждён",
        "en": "key file {path} is damaged",
    },
    "keyfile.needs_passphrase": {
        "ru": "хранилище защищено парольной фразой: задайте TIKETNITSA_PASSPHRASE",
        "en": "this store is protected by a passphrase: set TIKETNITSA_PASSPHRASE",
    },
    "config.no_data_dir": {
        "ru": "не указан каталог данных: передайте --data-dir или задайте {env}",
        "en": "no data directory: pass --data-dir or set {env}",
    },
    "config.not_initialised": {
        "ru": "{path} — не каталог данных Тикетницы (сначала выполните 'tiketnitsa init')",
        "en": "{path} is not a Tiketnitsa data directory (run 'tiketnitsa init' first)",
    },
    "config.unreadable": {
        "ru": "{path} не читается или содержит неверный JSON",
        "en": "{path} is unreadable or not valid JSON",
    },
    "config.bad_value": {
        "ru": "{path}: неверное значение ({problem})",
        "en": "{path}: bad value ({problem})",
    },
    "config.bad_lang": {
        "ru": "{path}: язык должен быть одним из: {choices}",
        "en": "{path}: lang must be one of {choices}",
    },
    "init.exists": {
        "ru": "в {path} уже есть хранилище Тикетницы; оно не будет изменено",
        "en": "{path} already holds a Tiketnitsa store; refusing to touch it",
    },
    "init.needs_passphrase": {
        "ru": "для --passphrase задайте парольную фразу в ${env}",
        "en": "--passphrase needs the passphrase in ${env}",
    },
    "init.created": {
        "ru": "Хранилище Тикетницы создано в {path}",
        "en": "Created a Tiketnitsa store in {path}",
    },
    "init.fingerprint": {
        "ru": "Отпечаток TLS-сертификата (SHA-256): {fingerprint}",
        "en": "TLS certificate fingerprint (SHA-256): {fingerprint}",
    },
    "init.admin_generated": {
        "ru": "Администратор: {login}  пароль: {password}",
        "en": "Admin login: {login}  password: {password}",
    },
    "init.write_down": {
        "ru": "Запишите пароль сейчас: больше он показан не будет.",
        "en": "Write the password down now: it is not shown again.",
    },
    "init.admin_from_env": {
        "ru": "Администратор: {login} (пароль из ${env})",
        "en": "Admin login: {login} (password from ${env})",
    },
    "cli.passwords_differ": {"ru": "пароли не совпадают", "en": "the two passwords differ"},
}
