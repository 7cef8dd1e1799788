"""Strings of the enrolment commands (enroll-code, device)."""

STRINGS: dict[str, dict[str, str]] = {
    "cli_enroll.bad_uses": {
        "ru": "--uses должно быть от 1 до {limit}",
        "en": "--uses must be between 1 and {limit}",
    },
    "cli_enroll.bad_days": {
        "ru": "--days должно быть от 1 до {limit}",
        "en": "--days must be between 1 and {limit}",
    },
    "cli_enroll.no_org": {
        "ru": "нет организации с названием «{name}»",
        "en": "no organisation named {name!r}",
    },
    "cli_enroll.code": {"ru": "Код подключения: {code}", "en": "Enrolment code: {code}"},
    "cli_enroll.code_for": {
        "ru": "Для: {org}; подключит до {uses} компьютер(ов); действует до {expires} UTC (id {id})",
        "en": "For: {org}; enrols up to {uses} machine(s); expires {expires} UTC (id {id})",
    },
    "cli_enroll.write_down": {
        "ru": "Запишите код сейчас: больше он показан не будет.",
        "en": "Write it down now: it is not shown again.",
    },
    "cli_enroll.no_codes": {"ru": "Кодов подключения нет.", "en": "No enrolment codes."},
    "cli_enroll.code_line": {
        "ru": "{id:>5}  {prefix}-…  {org}  использован {uses}/{max_uses}"
        "  до {expires} UTC  {state}",
        "en": "{id:>5}  {prefix}-…  {org}  uses {uses}/{max_uses}  expires {expires} UTC  {state}",
    },
    "cli_enroll.no_code": {
        "ru": "нет кода подключения с id {id}",
        "en": "no enrolment code with id {id}",
    },
    "cli_enroll.code_revoked": {"ru": "Код {id} отозван.", "en": "Code {id} revoked."},
    "cli_enroll.code_was_revoked": {
        "ru": "Код {id} уже был отозван.",
        "en": "Code {id} was already revoked.",
    },
    "cli_device.none": {"ru": "Подключённых компьютеров нет.", "en": "No enrolled machines."},
    "cli_device.line": {
        "ru": "{id:>5}  {org}  {hostname}  {os_user}  подключён {enrolled}"
        "  был на связи {seen}  {state}",
        "en": "{id:>5}  {org}  {hostname}  {os_user}  enrolled {enrolled}"
        "  last seen {seen}  {state}",
    },
    "cli_device.never": {"ru": "никогда", "en": "never"},
    "cli_device.active": {"ru": "действует", "en": "active"},
    "cli_device.revoked_state": {"ru": "отозван {at}", "en": "revoked {at}"},
    "cli_device.no_device": {
        "ru": "нет подключённого компьютера с id {id}",
        "en": "no enrolled machine with id {id}",
    },
    "cli_device.revoked": {
        "ru": "Компьютер {id} отключён: его токен больше не принимается.",
        "en": "Machine {id} revoked: its token is refused from now on.",
    },
    "cli_device.was_revoked": {
        "ru": "Компьютер {id} уже был отключён.",
        "en": "Machine {id} was already revoked.",
    },
}
