"""The admin page that enrols LiveViewer machines: enrolment codes and devices."""

STRINGS: dict[str, dict[str, str]] = {
    "enrollment.title": {
        "ru": "Подключение компьютеров (LiveViewer)",
        "en": "Enrolling computers (LiveViewer)",
    },
    "enrollment.link": {
        "ru": "Коды подключения и устройства LiveViewer",
        "en": "LiveViewer enrolment codes and devices",
    },
    "enrollment.back": {"ru": "Назад к настройкам", "en": "Back to settings"},
    "enrollment.intro": {
        "ru": "Сотрудник вводит код подключения в LiveViewer один раз; после этого компьютер "
        "отправляет заявки со своим токеном. Код показывается только при создании.",
        "en": "An employee types an enrolment code into LiveViewer once; from then on the "
        "computer sends requests with its own token. A code is shown only when it is made.",
    },
    "enrollment.codes.title": {"ru": "Коды подключения", "en": "Enrolment codes"},
    "enrollment.codes.new": {"ru": "Новый код", "en": "New code"},
    "enrollment.codes.none": {"ru": "Кодов пока нет.", "en": "No codes yet."},
    "enrollment.col.code": {"ru": "Код", "en": "Code"},
    "enrollment.col.org": {"ru": "Организация", "en": "Organisation"},
    "enrollment.col.uses": {"ru": "Использован", "en": "Used"},
    "enrollment.col.created": {"ru": "Создан", "en": "Created"},
    "enrollment.col.expires": {"ru": "Действует до", "en": "Expires"},
    "enrollment.col.state": {"ru": "Состояние", "en": "State"},
    "enrollment.col.actions": {"ru": "Действия", "en": "Actions"},
    "enrollment.col.host": {"ru": "Компьютер", "en": "Computer"},
    "enrollment.col.os_user": {"ru": "Пользователь ОС", "en": "OS user"},
    "enrollment.col.enrolled": {"ru": "Подключён", "en": "Enrolled"},
    "enrollment.col.last_seen": {"ru": "Последний раз на связи", "en": "Last seen"},
    "enrollment.uses": {"ru": "{uses} из {max_uses}", "en": "{uses} of {max_uses}"},
    "enrollment.state.active": {"ru": "Действует", "en": "Active"},
    "enrollment.state.expired": {"ru": "Истёк", "en": "Expired"},
    "enrollment.state.revoked": {"ru": "Отозван", "en": "Revoked"},
    "enrollment.state.used_up": {"ru": "Исчерпан", "en": "Used up"},
    "enrollment.device.active": {"ru": "Подключено", "en": "Enrolled"},
    "enrollment.device.revoked": {"ru": "Отключено", "en": "Revoked"},
    "enrollment.never": {"ru": "ещё не было", "en": "not yet"},
    "enrollment.revoke": {"ru": "Отозвать", "en": "Revoke"},
    "enrollment.disconnect": {"ru": "Отключить", "en": "Revoke"},
    "enrollment.devices.title": {"ru": "Устройства", "en": "Devices"},
    "enrollment.devices.none": {
        "ru": "Ни один компьютер ещё не подключён.",
        "en": "No computer is enrolled yet.",
    },
    "enrollment.new.title": {"ru": "Новый код подключения", "en": "New enrolment code"},
    "enrollment.new.org": {"ru": "Организация", "en": "Organisation"},
    "enrollment.new.uses": {
        "ru": "Сколько компьютеров можно подключить",
        "en": "How many computers it may enrol",
    },
    "enrollment.new.days": {"ru": "Сколько дней действует", "en": "Days until it expires"},
    "enrollment.new.create": {"ru": "Создать", "en": "Create"},
    "enrollment.new.cancel": {"ru": "Отмена", "en": "Cancel"},
    "enrollment.new.no_orgs": {
        "ru": "Сначала добавьте организацию-клиента.",
        "en": "Add a client organisation first.",
    },
    "enrollment.new.pick_org": {"ru": "Выберите организацию.", "en": "Choose an organisation."},
    "enrollment.new.bad_uses": {
        "ru": "Число подключений — от 1 до {limit}.",
        "en": "The number of computers must be between 1 and {limit}.",
    },
    "enrollment.new.bad_days": {
        "ru": "Срок — от 1 до {limit} дней.",
        "en": "The validity must be between 1 and {limit} days.",
    },
    "enrollment.created.title": {"ru": "Код создан", "en": "Code created"},
    "enrollment.created.for": {
        "ru": "Для «{org}»: до {uses} компьютеров, действует до {expires}.",
        "en": "For “{org}”: up to {uses} computer(s), valid until {expires}.",
    },
    "enrollment.created.once": {
        "ru": "Запишите или передайте код сейчас: больше он показан не будет.",
        "en": "Write the code down or pass it on now: it will not be shown again.",
    },
    "enrollment.created.copy": {"ru": "Копировать", "en": "Copy"},
    "enrollment.created.copied": {"ru": "Код скопирован", "en": "Code copied"},
    "enrollment.created.done": {"ru": "Готово", "en": "Done"},
    "enrollment.code_revoked": {"ru": "Код отозван", "en": "Code revoked"},
    "enrollment.device_revoked": {
        "ru": "Устройство отключено: его токен больше не действует",
        "en": "Device revoked: its token no longer works",
    },
    "enrollment.already": {"ru": "Уже отозвано", "en": "Already revoked"},
    "enrollment.confirm.device": {
        "ru": "Отключить компьютер «{host}» ({org})? Он перестанет отправлять заявки, пока его "
        "не подключат заново.",
        "en": "Revoke computer “{host}” ({org})? It will not be able to send requests until it "
        "is enrolled again.",
    },
    "enrollment.confirm.code": {
        "ru": "Отозвать код {prefix}-… ({org})? "
        "Подключённые по нему компьютеры продолжат работать.",
        "en": "Revoke code {prefix}-… ({org})? Computers already enrolled with it keep working.",
    },
    "enrollment.org_missing": {
        "ru": "Организация не найдена: возможно, её только что удалили.",
        "en": "The organisation was not found: it may have just been removed.",
    },
    "enrollment.unknown_host": {"ru": "(без имени)", "en": "(no name)"},
}
