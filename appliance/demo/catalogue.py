"""The help desk's catalogue: business calendars with Russian holidays, SLA plans with
per-priority targets, and the two-level category tree (service > problem)."""

from __future__ import annotations

from datetime import datetime, timedelta

import apsw

from appliance.demo.holidays import russian_holidays
from appliance.demo.model import Catalogue
from appliance.domain.sla import BusinessCalendar
from appliance.store.categories import create_category
from appliance.store.sla import SlaTargets, create_calendar, create_plan

MOSCOW = "Europe/Moscow"

# (name, week hours, holidays apply)
CALENDARS: tuple[tuple[str, dict[str, tuple[tuple[str, str], ...]], bool], ...] = (
    (
        "Будни 9:00–18:00 (Москва)",
        {day: (("09:00", "18:00"),) for day in ("mon", "tue", "wed", "thu", "fri")},
        True,
    ),
    (
        "Пн–Сб 8:00–20:00 (Москва)",
        {day: (("08:00", "20:00"),) for day in ("mon", "tue", "wed", "thu", "fri", "sat")},
        True,
    ),
    (
        "Круглосуточно",
        {day: (("00:00", "24:00"),) for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
        False,
    ),
)

# (plan, calendar, description, {priority: (response, resolution) business minutes})
PLANS: tuple[tuple[str, str, str, dict[str, tuple[int, int]]], ...] = (
    (
        "Стандарт 9×5",
        "Будни 9:00–18:00 (Москва)",
        "Рабочие дни с 9 до 18 по Москве, без праздников. Выезд — по согласованию.",
        {"urgent": (30, 240), "high": (60, 480), "normal": (240, 1440), "low": (480, 2700)},
    ),
    (
        "Бизнес 12×6",
        "Пн–Сб 8:00–20:00 (Москва)",
        "Понедельник–суббота с 8 до 20, для клиник и складов с длинным рабочим днём.",
        {"urgent": (20, 180), "high": (45, 360), "normal": (120, 960), "low": (360, 2160)},
    ),
    (
        "Премиум 24×7",
        "Круглосуточно",
        "Круглосуточно, включая выходные и праздники; дежурный инженер на связи.",
        {"urgent": (15, 120), "high": (30, 240), "normal": (60, 480), "low": (240, 1440)},
    ),
)

# service -> its problems. Ticket texts (appliance.demo.texts) exist for every problem.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "Печать": (
        "Принтер не печатает",
        "Замятие бумаги",
        "Плохое качество печати",
        "Не работает сканер",
        "Замена картриджа",
    ),
    "Почта": (
        "Не приходят письма",
        "Не отправляются письма",
        "Переполнен почтовый ящик",
        "Настройка почты на телефоне",
    ),
    "1С": (
        "Ошибка при запуске 1С",
        "Медленно работает 1С",
        "Обновление конфигурации",
        "Ошибка обмена с банком",
        "Доступ к информационной базе",
    ),
    "Сеть": (
        "Нет интернета",
        "Не работает Wi-Fi",
        "Нет доступа к общей папке",
        "Не подключается VPN",
    ),
    "Рабочее место": (
        "Компьютер не включается",
        "Медленно работает компьютер",
        "Синий экран",
        "Не работает монитор или периферия",
        "Установка программы",
        "Подготовка места нового сотрудника",
    ),
    "Учётные записи": (
        "Забыт пароль",
        "Учётная запись заблокирована",
        "Права доступа",
        "Отключение уволенного сотрудника",
    ),
    "Серверы и резервное копирование": (
        "Сервер недоступен",
        "Ошибка резервного копирования",
        "Заканчивается место на диске",
    ),
    "Безопасность": (
        "Подозрение на вирус",
        "Фишинговое письмо",
        "Ошибка антивируса",
    ),
    "Электронная подпись": (
        "Не виден токен ЭП",
        "Продление сертификата ЭП",
    ),
    "Телефония": (
        "Не работает IP-телефон",
        "Настройка переадресации",
    ),
}


def write_catalogue(conn: apsw.Connection, *, now: datetime) -> Catalogue:
    first_year = (now - timedelta(days=200)).year
    holidays = russian_holidays(range(first_year, now.year + 2))
    calendar_ids: dict[str, int] = {}
    for name, week, with_holidays in CALENDARS:
        days = holidays if with_holidays else {}
        calendar = BusinessCalendar(MOSCOW, week, frozenset(days))
        calendar_ids[name] = create_calendar(conn, name=name, calendar=calendar, holiday_names=days)
    plan_ids = {
        name: create_plan(
            conn,
            name=name,
            calendar_id=calendar_ids[calendar_name],
            description=description,
            targets={p: SlaTargets(r, s) for p, (r, s) in targets.items()},
        )
        for name, calendar_name, description, targets in PLANS
    }
    service_ids: dict[str, int] = {}
    problem_ids: dict[tuple[str, str], int] = {}
    for service, problems in CATEGORIES.items():
        service_ids[service] = create_category(conn, name=service)
        for problem in problems:
            problem_ids[(service, problem)] = create_category(
                conn, name=problem, parent_id=service_ids[service]
            )
    return Catalogue(plan_ids=plan_ids, service_ids=service_ids, problem_ids=problem_ids)
