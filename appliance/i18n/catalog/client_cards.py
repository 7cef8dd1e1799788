"""The client card (issue 9): its list, tabs, forms, and the sentences of its validation."""

STRINGS: dict[str, dict[str, str]] = {
    "permission.delete_clients": {
        "ru": "Удаление записей клиентов",
        "en": "Delete client records",
    },
    # -- validation (appliance.domain.validation): one sentence per kind of check ---------------
    "cards.invalid.ip": {
        "ru": "«{value}» — не IP-адрес (пример: 192.168.1.10)",
        "en": "“{value}” is not an IP address (e.g. 192.168.1.10)",
    },
    "cards.invalid.cidr": {
        "ru": "«{value}» — не подсеть (пример: 192.168.1.0/24)",
        "en": "“{value}” is not a subnet (e.g. 192.168.1.0/24)",
    },
    "cards.invalid.mac": {
        "ru": "«{value}» — не MAC-адрес (пример: 00:1a:2b:3c:4d:5e)",
        "en": "“{value}” is not a MAC address (e.g. 00:1a:2b:3c:4d:5e)",
    },
    "cards.invalid.email": {
        "ru": "«{value}» — не адрес электронной почты",
        "en": "“{value}” is not an e-mail address",
    },
    "cards.invalid.phone": {
        "ru": "«{value}» — не номер телефона (от 3 до 15 цифр)",
        "en": "“{value}” is not a phone number (3 to 15 digits)",
    },
    "cards.invalid.hostname": {
        "ru": "«{value}» — не имя компьютера (латиница, цифры, дефис, точка)",
        "en": "“{value}” is not a host name (letters, digits, hyphens, dots)",
    },
    "cards.invalid.date": {
        "ru": "«{value}» — не дата (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)",
        "en": "“{value}” is not a date (YYYY-MM-DD or DD.MM.YYYY)",
    },
    "cards.invalid.date_order": {
        "ru": "Эта дата раньше начальной",
        "en": "This date is before the start date",
    },
    "cards.invalid.count": {
        "ru": "«{value}» — не целое число от нуля",
        "en": "“{value}” is not a whole number of zero or more",
    },
    "cards.invalid.required": {"ru": "Заполните это поле", "en": "Fill in this field"},
    "cards.invalid.age_days": {
        "ru": "Укажите число дней от 1 до {limit}",
        "en": "Enter a number of days from 1 to {limit}",
    },
    "cards.error.org_has_history": {
        "ru": "У организации есть заявки или подключённые компьютеры: её можно только архивировать",
        "en": "The organisation has tickets or enrolled computers: archive it instead",
    },
    "cards.error.person_has_tickets": {
        "ru": "На сотрудника ссылаются заявки: его можно только архивировать",
        "en": "Tickets name this person: archive them instead",
    },
    "cards.error.equipment_has_tickets": {
        "ru": "На оборудование ссылаются заявки: его можно только архивировать",
        "en": "Tickets name this equipment: archive it instead",
    },
}
