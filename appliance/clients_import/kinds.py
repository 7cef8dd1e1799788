"""What can be imported: four kinds, each a list of fields with the header words that mean them.

A field's ``aliases`` are header names as offices write them, in Russian and English, compared
after ``cells.normalise_header``. ``parse`` turns a cell into the stored value or raises
``InvalidInput``. ``ref`` marks a field that names another row of the client's card (a person by
name or login, equipment by name or hostname); the service resolves it against the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from appliance.clients_import import cells
from appliance.clients_import.checks import email, hostname, ip_address, mac_address, phone
from appliance.clients_import.reading import Cell
from appliance.domain.errors import InvalidInput
from appliance.i18n import LANGUAGES, t

Kind = Literal["people", "equipment", "credentials", "licenses"]
KINDS: tuple[Kind, ...] = ("people", "equipment", "credentials", "licenses")
Ref = Literal["person", "equipment"]
# The audit log's object of each kind (``equipment.import``, ``credential.export``).
AUDIT_OBJECT: dict[str, str] = {
    "people": "person",
    "equipment": "equipment",
    "credentials": "credential",
    "licenses": "license",
}


@dataclass(frozen=True)
class Field:
    name: str
    aliases: tuple[str, ...]
    parse: Callable[[Cell], Any]
    required: bool = False
    ref: Ref | None = None
    secret: bool = False  # exported only when asked for, and never shown in a preview
    many: bool = False  # a ref naming several rows, separated by ";" or new lines

    @property
    def target(self) -> str:
        """The store's keyword for this field: ``person`` -> ``person_id`` (``person_ids``)."""
        if self.ref is None:
            return self.name
        return f"{self.ref}_ids" if self.many else f"{self.name}_id"

    @property
    def label_key(self) -> str:
        return f"import.field.{self.name}"


def _text(cell: Cell) -> str:
    return cells.text(cell)


def _seats(cell: Cell) -> int:
    value = cells.whole_number(cell, default=1)
    return 1 if value is None else value


def _seats_used(cell: Cell) -> int:
    value = cells.whole_number(cell, default=0)
    return 0 if value is None else value


# Equipment kinds: the stored code, then its names in Russian and English (the first two are
# what an export writes), then other words people use.
EQUIPMENT_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "workstation": ("Рабочая станция", "Workstation", "пк", "компьютер", "pc", "desktop", "рс"),
    "laptop": ("Ноутбук", "Laptop", "notebook", "ноут"),
    "server": ("Сервер", "Server"),
    "router": ("Маршрутизатор", "Router", "роутер"),
    "switch": ("Коммутатор", "Switch", "свитч"),
    "firewall": ("Межсетевой экран", "Firewall", "мсэ", "фаервол", "брандмауэр", "utm"),
    "access_point": ("Точка доступа", "Access point", "wifi", "wi fi", "ap", "тд"),
    "printer": ("Принтер", "Printer"),
    "mfp": ("МФУ", "MFP", "multifunction printer", "многофункциональное устройство"),
    "ups": ("ИБП", "UPS", "бесперебойник", "источник бесперебойного питания"),
    "nas": ("Сетевое хранилище", "NAS", "хранилище", "storage"),
    "phone": ("IP-телефон", "IP phone", "телефон", "phone", "voip"),
    "other": ("Другое", "Other", "прочее", "иное"),
}


def equipment_kind_codes() -> tuple[str, ...]:
    return tuple(EQUIPMENT_KIND_WORDS)


@cache
def _kind_words() -> dict[str, str]:
    """Normalised word -> kind code, built once."""
    words: dict[str, str] = {}
    for code, names in EQUIPMENT_KIND_WORDS.items():
        for word in (code, *names):
            words.setdefault(cells.normalise_header(word), code)
    return words


def _equipment_kind(cell: Cell) -> str:
    value = cells.normalise_header(cell)
    if not value:
        return "other"
    code = _kind_words().get(value)
    if code is None:
        raise InvalidInput("import.error.equipment_kind", value=cells.text(cell))
    return code


def equipment_kind_label(code: str, lang: str) -> str:
    words = EQUIPMENT_KIND_WORDS.get(code)
    if not words:
        return code
    return words[0] if lang == "ru" else words[1]


_NAME = (
    "фио",
    "ф и о",
    "сотрудник",
    "имя",
    "полное имя",
    "full name",
    "name",
    "employee",
    "person",
)
_NOTES = (
    "примечание",
    "примечания",
    "комментарий",
    "заметки",
    "notes",
    "note",
    "comment",
    "comments",
)

FIELDS: dict[Kind, tuple[Field, ...]] = {
    "people": (
        Field("full_name", (*_NAME, "фамилия имя отчество", "пользователь"), _text, required=True),
        Field("position", ("должность", "position", "title", "job title", "role"), _text),
        Field(
            "phone",
            ("телефон", "тел", "мобильный", "phone", "telephone", "mobile", "внутренний"),
            phone,
        ),
        Field(
            "email", ("e mail", "email", "почта", "эл почта", "электронная почта", "mail"), email
        ),
        Field(
            "logins",
            ("логин", "логины", "учетная запись", "login", "logins", "username", "user name"),
            cells.words,
        ),
        Field(
            "workstation",
            ("рабочее место", "компьютер", "рабочая станция", "workstation", "pc", "computer"),
            _text,
            ref="equipment",
        ),
        Field(
            "key_person",
            ("ключевой", "ключевой сотрудник", "vip", "key person", "key"),
            cells.flag,
        ),
        Field("notes", _NOTES, _text),
    ),
    "equipment": (
        Field(
            "kind", ("тип", "вид", "тип оборудования", "kind", "type", "category"), _equipment_kind
        ),
        Field(
            "name",
            ("наименование", "название", "имя", "устройство", "оборудование", "name", "device"),
            _text,
            required=True,
        ),
        Field(
            "hostname",
            (
                "имя хоста",
                "сетевое имя",
                "имя компьютера",
                "hostname",
                "host name",
                "host",
                "dns имя",
            ),
            hostname,
        ),
        Field("model", ("модель", "model"), _text),
        Field(
            "serial",
            (
                "серийный номер",
                "серийный",
                "с н",
                "sn",
                "s n",
                "serial",
                "serial number",
                "инв номер",
            ),
            _text,
        ),
        Field("ip", ("ip", "ip адрес", "адрес ip", "ip address", "ipv4"), ip_address),
        Field("mac", ("mac", "mac адрес", "физический адрес", "mac address"), mac_address),
        Field(
            "location",
            (
                "расположение",
                "местоположение",
                "где стоит",
                "кабинет",
                "место",
                "location",
                "room",
                "office",
            ),
            _text,
        ),
        Field("os", ("ос", "операционная система", "os", "operating system"), _text),
        Field(
            "person",
            (
                "пользователь",
                "сотрудник",
                "ответственный",
                "закреплен за",
                "закреплено за",
                "assigned to",
                "user",
                "owner",
            ),
            _text,
            ref="person",
        ),
        Field(
            "purchase_date",
            ("дата покупки", "дата приобретения", "куплен", "purchase date", "purchased", "bought"),
            cells.day,
        ),
        Field(
            "warranty_until",
            (
                "гарантия до",
                "гарантия",
                "окончание гарантии",
                "warranty until",
                "warranty",
                "warranty end",
            ),
            cells.day,
        ),
        Field("notes", _NOTES, _text),
    ),
    "credentials": (
        Field(
            "title",
            ("название", "наименование", "сервис", "система", "title", "name", "service", "system"),
            _text,
            required=True,
        ),
        Field("url", ("адрес", "url", "хост", "host", "ссылка", "сайт", "address", "link"), _text),
        Field(
            "login", ("логин", "пользователь", "учетная запись", "login", "user", "username"), _text
        ),
        Field(
            "secret",
            ("пароль", "password", "secret", "секрет", "ключ доступа", "pass", "pwd"),
            _text,
            secret=True,
        ),
        Field(
            "equipment",
            ("оборудование", "устройство", "equipment", "device"),
            _text,
            ref="equipment",
        ),
        Field("notes", _NOTES, _text),
    ),
    "licenses": (
        Field(
            "product",
            (
                "продукт",
                "программа",
                "по",
                "название",
                "наименование",
                "product",
                "software",
                "name",
            ),
            _text,
            required=True,
        ),
        Field(
            "vendor",
            ("производитель", "вендор", "разработчик", "vendor", "manufacturer", "publisher"),
            _text,
        ),
        Field(
            "license_key",
            ("ключ", "лицензионный ключ", "ключ лицензии", "key", "license key", "serial key"),
            _text,
            secret=True,
        ),
        Field(
            "seats",
            ("мест", "количество", "кол во", "лицензий", "seats", "quantity", "qty"),
            _seats,
        ),
        Field(
            "seats_used", ("занято", "использовано", "seats used", "used", "in use"), _seats_used
        ),
        Field(
            "valid_from",
            ("действует с", "дата начала", "начало", "valid from", "start", "start date", "from"),
            cells.day,
        ),
        Field(
            "valid_until",
            (
                "действует до",
                "срок действия",
                "дата окончания",
                "окончание",
                "valid until",
                "expires",
                "expiry",
                "end date",
                "until",
            ),
            cells.day,
        ),
        Field(
            "person",
            ("сотрудник", "пользователь", "закреплена за", "person", "user", "assigned to"),
            _text,
            ref="person",
            many=True,
        ),
        Field(
            "equipment",
            ("оборудование", "компьютер", "устройство", "equipment", "computer", "device"),
            _text,
            ref="equipment",
            many=True,
        ),
        Field("notes", _NOTES, _text),
    ),
}


def fields_of(kind: str) -> tuple[Field, ...]:
    if kind not in FIELDS:
        raise InvalidInput("import.error.kind_unknown", kind=kind, kinds=", ".join(KINDS))
    return FIELDS[kind]


def field_named(kind: str, name: str) -> Field:
    for field in fields_of(kind):
        if field.name == name:
            return field
    raise InvalidInput("import.error.field_unknown", field=name)


@cache
def header_words(field: Field) -> frozenset[str]:
    """The normalised headers that mean ``field``: its aliases and its own name in every
    language (what an export writes), so an exported file maps itself on import."""
    words = {cells.normalise_header(alias) for alias in field.aliases}
    words |= {cells.normalise_header(t(field.label_key, lang)) for lang in LANGUAGES}
    return frozenset(words)
