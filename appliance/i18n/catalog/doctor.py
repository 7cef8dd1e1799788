"""Strings of ``tiketnitsa doctor``."""

STRINGS: dict[str, dict[str, str]] = {
    "doctor.check.data_dir": {"ru": "Каталог данных", "en": "Data directory"},
    "doctor.check.key_file": {"ru": "Файл ключа", "en": "Key file"},
    "doctor.check.disk": {"ru": "Свободное место", "en": "Free disk"},
    "doctor.check.certificate": {"ru": "Сертификат", "en": "Certificate"},
    "doctor.check.store": {"ru": "База данных", "en": "Store"},
    "doctor.check.backup": {"ru": "Резервная копия", "en": "Backup"},
    "doctor.check.clock": {"ru": "Часы клиентов", "en": "Client clocks"},
    "doctor.check.service": {"ru": "Служба", "en": "Service"},
    "doctor.fix": {"ru": "Что сделать:", "en": "To fix:"},
    "doctor.not_initialised": {
        "ru": "{path} не инициализирован (нет config.json)",
        "en": "{path} is not initialised (no config.json)",
    },
    "doctor.data_dir_missing": {"ru": "{path} не существует", "en": "{path} does not exist"},
    "doctor.data_dir_open": {
        "ru": "{count} объект(ов) доступны не только владельцу: {files}",
        "en": "{count} item(s) are open to other users: {files}",
    },
    "doctor.data_dir_ok": {
        "ru": "{path}, доступ только у владельца",
        "en": "{path}, owner-only access",
    },
    "doctor.fix_chmod_dir": {
        "ru": "sudo chmod -R go-rwx {path}",
        "en": "sudo chmod -R go-rwx {path}",
    },
    "doctor.key_missing": {
        "ru": "{path} не найден: без него базу не открыть",
        "en": "{path} is missing: the store cannot be opened without it",
    },
    "doctor.key_open": {
        "ru": "{path} имеет права {mode}: ключ читают другие пользователи",
        "en": "{path} has mode {mode}: other users can read the key",
    },
    "doctor.fix_chmod_file": {"ru": "sudo chmod 600 {path}", "en": "sudo chmod 600 {path}"},
    "doctor.key_owner": {
        "ru": "{path} принадлежит uid {owner}, а каталог данных — uid {dir_owner}",
        "en": "{path} is owned by uid {owner}, the data directory by uid {dir_owner}",
    },
    "doctor.fix_chown": {
        "ru": "sudo chown --reference={dir} {path}",
        "en": "sudo chown --reference={dir} {path}",
    },
    "doctor.key_ok": {"ru": "{path}, права {mode}", "en": "{path}, mode {mode}"},
    "doctor.disk_low": {
        "ru": "свободно {free} ГиБ из {total} ГиБ на разделе с {path}",
        "en": "{free} GiB free of {total} GiB on the disk of {path}",
    },
    "doctor.disk_ok": {
        "ru": "свободно {free} ГиБ из {total} ГиБ",
        "en": "{free} GiB free of {total} GiB",
    },
    "doctor.fix_disk": {
        "ru": "освободите место (старые резервные копии, журналы) или увеличьте диск",
        "en": "free some space (old backups, logs) or grow the disk",
    },
    "doctor.cert_missing": {"ru": "{path} не найден", "en": "{path} is missing"},
    "doctor.cert_unreadable": {
        "ru": "{path} не читается как сертификат",
        "en": "{path} cannot be read as a certificate",
    },
    "doctor.cert_ok": {
        "ru": "действует до {until} (ещё {days} дн.), отпечаток {fingerprint}",
        "en": "valid until {until} ({days} days left), fingerprint {fingerprint}",
    },
    "doctor.cert_expiring": {
        "ru": "истекает {until} (через {days} дн.), отпечаток {fingerprint}",
        "en": "expires on {until} (in {days} days), fingerprint {fingerprint}",
    },
    "doctor.cert_expired": {
        "ru": "истёк {until}, отпечаток {fingerprint}",
        "en": "expired on {until}, fingerprint {fingerprint}",
    },
    "doctor.cert_not_yet": {
        "ru": "ещё не действует (с {since} UTC): часы этого сервера отстают",
        "en": "not valid yet (from {since} UTC): this server's clock is behind",
    },
    "doctor.fix_cert": {
        "ru": "выпустите новый сертификат и заново подключите компьютеры с LiveViewer",
        "en": "issue a new certificate and enrol the LiveViewer machines again",
    },
    "doctor.fix_clock": {
        "ru": "настройте синхронизацию времени (sudo timedatectl set-ntp true)",
        "en": "turn on time synchronisation (sudo timedatectl set-ntp true)",
    },
    "doctor.store_ok": {"ru": "открывается", "en": "opens"},
    "doctor.store_unopened": {"ru": "не открывается: {reason}", "en": "cannot be opened: {reason}"},
    "doctor.fix_store": {
        "ru": "для базы с паролем задайте TIKETNITSA_PASSPHRASE; запускайте от имени владельца"
        " каталога данных (sudo -u tiketnitsa)",
        "en": "for a passphrase-protected store set TIKETNITSA_PASSPHRASE; run as the data"
        " directory's owner (sudo -u tiketnitsa)",
    },
    "doctor.backup_never": {
        "ru": "ни одной удачной резервной копии",
        "en": "no successful backup yet",
    },
    "doctor.backup_old": {
        "ru": "последняя удачная — {when} UTC, {hours} ч назад ({file})",
        "en": "the last successful one was {hours} hours ago, {when} UTC ({file})",
    },
    "doctor.backup_ok": {
        "ru": "последняя — {when} UTC, {hours} ч назад ({file})",
        "en": "the last one {hours} hours ago, {when} UTC ({file})",
    },
    "doctor.fix_backup": {
        "ru": "включите расписание в «Настройки → Резервные копии» или запустите"
        " tiketnitsa backup create",
        "en": "turn on the schedule in Settings → Backups, or run tiketnitsa backup create",
    },
    "doctor.clock_no_clients": {
        "ru": "за 30 дней заявок от LiveViewer не было",
        "en": "no LiveViewer requests in the last 30 days",
    },
    "doctor.clock_ok": {
        "ru": "часы {count} компьютер(ов) совпадают с сервером",
        "en": "the clocks of {count} machine(s) agree with this server",
    },
    "doctor.clock_skew": {
        "ru": "у {count} компьютер(ов) часы расходятся с сервером больше чем на {limit} мин:"
        " {machines}",
        "en": "{count} machine(s) are more than {limit} min off this server's clock: {machines}",
    },
    "doctor.fix_clock_clients": {
        "ru": "включите синхронизацию времени на этих компьютерах и на сервере",
        "en": "turn on time synchronisation on those machines and on this server",
    },
    "doctor.service_unknown": {
        "ru": "неизвестно: systemd здесь не запущен",
        "en": "unknown: systemd is not running here",
    },
    "doctor.service_not_installed": {
        "ru": "служба {name} не установлена",
        "en": "the {name} unit is not installed",
    },
    "doctor.service_ok": {"ru": "{name} работает", "en": "{name} is running"},
    "doctor.service_down": {"ru": "{name}: {state}", "en": "{name} is {state}"},
    "doctor.fix_service": {
        "ru": "sudo systemctl restart {name}; причина: journalctl -u {name} -n 50",
        "en": "sudo systemctl restart {name}; why: journalctl -u {name} -n 50",
    },
    "doctor.summary_ok": {"ru": "Всё в порядке.", "en": "All good."},
    "doctor.summary_problems": {
        "ru": "Есть что исправить (см. выше).",
        "en": "Some things need fixing (see above).",
    },
}
