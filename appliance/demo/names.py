"""Russian personal names, and the Latin spellings offices use for logins and e-mail."""

from __future__ import annotations

import random
from dataclasses import dataclass

# fmt: off
MALE_FIRST = (
    "Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим", "Валерий", "Виктор",
    "Владимир", "Вячеслав", "Геннадий", "Георгий", "Дмитрий", "Евгений", "Егор", "Иван", "Игорь",
    "Илья", "Кирилл", "Константин", "Леонид", "Максим", "Михаил", "Никита", "Николай", "Олег",
    "Павел", "Пётр", "Роман", "Сергей", "Станислав", "Степан", "Тимур", "Фёдор", "Юрий", "Ярослав",
)
# fmt: on
# fmt: off
FEMALE_FIRST = (
    "Алина", "Алла", "Анастасия", "Анна", "Валентина", "Валерия", "Вера", "Виктория", "Галина",
    "Дарья", "Екатерина", "Елена", "Жанна", "Зоя", "Инна", "Ирина", "Карина", "Кристина",
    "Ксения", "Лариса", "Любовь", "Людмила", "Маргарита", "Марина", "Мария", "Надежда",
    "Наталья", "Нина", "Оксана", "Ольга", "Полина", "Светлана", "Софья", "Татьяна", "Юлия",
)
# fmt: on
# Fathers' names; the patronymic is derived below.
# fmt: off
FATHERS = (
    "Александр", "Алексей", "Андрей", "Анатолий", "Борис", "Валерий", "Василий", "Виктор",
    "Владимир", "Геннадий", "Дмитрий", "Евгений", "Иван", "Игорь", "Михаил", "Николай", "Олег",
    "Павел", "Пётр", "Сергей", "Юрий",
)
# fmt: on
# Surnames in the masculine form; the feminine form is derived by the usual endings.
# fmt: off
SURNAMES = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
    "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
    "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев",
    "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев",
    "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков", "Миронов",
    "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов",
    "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов",
    "Мартынов", "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин", "Исаев", "Чернышёв",
    "Быков", "Маслов", "Родионов", "Коновалов", "Лазарев", "Воронин", "Климов", "Филатов",
    "Пономарёв", "Голубев", "Кудрявцев", "Прохоров", "Наумов", "Потапов", "Журавлёв", "Овчинников",
    "Трофимов", "Леонов", "Соболев", "Ермаков", "Колесников", "Гончаров", "Емельянов", "Никифоров",
    "Грачёв", "Котов", "Гришин", "Ефремов", "Архипов", "Громов", "Кириллов", "Малышев", "Панов",
    "Моисеев", "Румянцев", "Акимов", "Кондратьев", "Бирюков", "Горбунов", "Анисимов", "Еремин",
    "Тихомиров", "Галкин", "Лукьянов", "Михеев", "Скворцов", "Юдин", "Белоусов", "Нестеров",
    "Симонов", "Прокофьев", "Харитонов", "Князев", "Цветков", "Левин", "Митрофанов", "Воронов",
    "Аксёнов", "Софронов", "Мальцев", "Логинов", "Горшков", "Савин", "Краснов", "Майоров",
    "Демидов", "Елисеев", "Рыбаков", "Сафонов", "Плотников", "Демин", "Хохлов", "Жданов",
    "Островский", "Покровский", "Вишневский", "Черных", "Ковальчук", "Шевченко", "Бондаренко",
)
# fmt: on

# fmt: off
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# fmt: on


def latin(text: str) -> str:
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())


def feminine_surname(surname: str) -> str:
    for ending, feminine in (
        ("ский", "ская"),
        ("ов", "ова"),
        ("ёв", "ёва"),
        ("ев", "ева"),
        ("ин", "ина"),
    ):
        if surname.endswith(ending):
            return surname[: -len(ending)] + feminine
    return surname  # Черных, Ковальчук, Шевченко: the same for both


_VOWELS = set("аеёиоуыэюя")


def patronymic(father: str, *, female: bool) -> str:
    """The patronymic by the grammar's rules for the endings of men's names:

    - a consonant: + ович/овна (Иван -> Иванович); a fleeting vowel drops (Павел -> Павлович,
      Пётр -> Петрович), and -аил turns -айл (Михаил -> Михайлович);
    - -ь: -евич/-евна (Игорь -> Игоревич);
    - -ий after one consonant: -ьевич/-ьевна (Анатолий -> Анатольевич, Евгений -> Евгеньевна);
      after two: -иевич (Дмитрий -> Дмитриевич);
    - -й after a vowel: -евич/-евна (Андрей -> Андреевич, Николай -> Николаевич);
    - -а: -ич/-ична (Никита -> Никитич); Илья/Лука-like names are not among the demo's fathers.
    """
    stem = {"Пётр": "Петр", "Павел": "Павл", "Лев": "Льв"}.get(father, father)
    soft, hard = ("евна", "овна") if female else ("евич", "ович")
    if stem.endswith("аил"):
        return stem[:-2] + "йл" + hard
    if stem.endswith("ь"):
        return stem[:-1] + soft
    if stem.endswith("ий"):
        one_consonant = len(stem) >= 4 and stem[-4] in _VOWELS
        return stem[:-2] + ("ь" if one_consonant else "и") + soft
    if stem.endswith("й"):
        return stem[:-1] + soft
    if stem.endswith(("а", "я")):
        return stem[:-1] + ("ична" if female else "ич")
    return stem + hard


@dataclass(frozen=True)
class PersonName:
    surname: str
    first: str
    patronymic: str
    female: bool

    @property
    def full(self) -> str:
        return f"{self.surname} {self.first} {self.patronymic}"

    @property
    def short(self) -> str:
        return f"{self.surname} {self.first[0]}.{self.patronymic[0]}."

    def login(self) -> str:
        """What an office admin would type: first initial + surname, e.g. 'aivanova'."""
        return latin(self.first)[0] + latin(self.surname)


def random_name(rng: random.Random) -> PersonName:
    female = rng.random() < 0.55
    surname = rng.choice(SURNAMES)
    return PersonName(
        surname=feminine_surname(surname) if female else surname,
        first=rng.choice(FEMALE_FIRST if female else MALE_FIRST),
        patronymic=patronymic(rng.choice(FATHERS), female=female),
        female=female,
    )
