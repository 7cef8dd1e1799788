"""Client organisations, people, equipment, credentials, licenses, categories, FAQ articles and
SLA settings: the sentences of their validation errors."""

STRINGS: dict[str, dict[str, str]] = {
    "clients.error.field_unknown": {
        "ru": "Эти поля нельзя изменить: {fields}",
        "en": "These fields cannot be changed: {fields}",
    },
    "clients.error.org_name_empty": {
        "ru": "Укажите название организации",
        "en": "Enter the organisation's name",
    },
    "clients.error.org_name_taken": {
        "ru": "Организация «{name}» уже есть",
        "en": "There already is an organisation “{name}”",
    },
    "clients.error.org_missing": {
        "ru": "Организация не найдена: возможно, её уже удалили",
        "en": "The organisation was not found; it may have been removed",
    },
    "clients.error.org_unknown": {
        "ru": "Такой организации нет",
        "en": "There is no such organisation",
    },
    "clients.error.plan_unknown": {"ru": "Такого плана SLA нет", "en": "There is no such SLA plan"},
    "clients.error.person_name_empty": {
        "ru": "Укажите имя сотрудника",
        "en": "Enter the person's name",
    },
    "clients.error.person_missing": {
        "ru": "Сотрудник не найден",
        "en": "The person was not found",
    },
    "clients.error.person_not_of_org": {
        "ru": "Этот сотрудник работает в другой организации",
        "en": "This person belongs to another organisation",
    },
    "clients.error.equipment_name_empty": {
        "ru": "Укажите название оборудования",
        "en": "Enter the equipment's name",
    },
    "clients.error.equipment_kind_unknown": {
        "ru": "Неизвестный тип оборудования: {kind}",
        "en": "Unknown kind of equipment: {kind}",
    },
    "clients.error.equipment_missing": {
        "ru": "Оборудование не найдено",
        "en": "The equipment was not found",
    },
    "clients.error.equipment_not_of_org": {
        "ru": "Это оборудование принадлежит другой организации",
        "en": "This equipment belongs to another organisation",
    },
    "clients.error.credential_title_empty": {
        "ru": "Укажите, от чего эта учётная запись",
        "en": "Enter what this credential is for",
    },
    "clients.error.credential_missing": {
        "ru": "Учётная запись не найдена",
        "en": "The credential was not found",
    },
    "clients.error.license_product_empty": {
        "ru": "Укажите продукт лицензии",
        "en": "Enter the licensed product",
    },
    "clients.error.seats_negative": {
        "ru": "Число мест не может быть отрицательным",
        "en": "The number of seats cannot be negative",
    },
    "clients.error.license_missing": {
        "ru": "Лицензия не найдена",
        "en": "The license was not found",
    },
    "clients.error.category_name_empty": {
        "ru": "Укажите название категории",
        "en": "Enter the category's name",
    },
    "clients.error.category_name_taken": {
        "ru": "Категория «{name}» здесь уже есть",
        "en": "There already is a category “{name}” here",
    },
    "clients.error.category_parent_unknown": {
        "ru": "Такой услуги нет",
        "en": "There is no such service",
    },
    "clients.error.category_depth": {
        "ru": "Категорий два уровня: у проблемы не бывает подпроблем",
        "en": "Categories have two levels: a problem cannot have sub-problems",
    },
    "clients.error.category_missing": {
        "ru": "Категория не найдена",
        "en": "The category was not found",
    },
    "clients.error.category_unknown": {
        "ru": "Такой категории нет",
        "en": "There is no such category",
    },
    "clients.error.faq_title_empty": {
        "ru": "Укажите заголовок статьи",
        "en": "Enter the article's title",
    },
    "clients.error.faq_body_empty": {
        "ru": "Статья не может быть пустой",
        "en": "The article cannot be empty",
    },
    "clients.error.faq_missing": {
        "ru": "Статья не найдена",
        "en": "The article was not found",
    },
    "sla.error.calendar_name_empty": {
        "ru": "Укажите название календаря",
        "en": "Enter the calendar's name",
    },
    "sla.error.calendar_name_taken": {
        "ru": "Календарь «{name}» уже есть",
        "en": "There already is a calendar “{name}”",
    },
    "sla.error.no_working_hours": {
        "ru": "В календаре нет рабочих часов ни в один день недели",
        "en": "The calendar has no working hours on any weekday",
    },
    "sla.error.calendar_missing": {
        "ru": "Календарь не найден",
        "en": "The calendar was not found",
    },
    "sla.error.calendar_unknown": {
        "ru": "Такого календаря нет",
        "en": "There is no such calendar",
    },
    "sla.error.plan_name_empty": {
        "ru": "Укажите название плана SLA",
        "en": "Enter the SLA plan's name",
    },
    "sla.error.plan_name_taken": {
        "ru": "План SLA «{name}» уже есть",
        "en": "There already is an SLA plan “{name}”",
    },
    "sla.error.plan_missing": {
        "ru": "План SLA не найден",
        "en": "The SLA plan was not found",
    },
    "sla.error.priority_unknown": {
        "ru": "Неизвестный приоритет: {priorities}",
        "en": "Unknown priority: {priorities}",
    },
    "sla.error.target_not_positive": {
        "ru": "Сроки SLA для приоритета «{priority}» должны быть больше нуля минут",
        "en": "The SLA targets of priority “{priority}” must be more than zero minutes",
    },
}
