"""The help desk's own people: technicians and a manager, with known demo passwords."""

from __future__ import annotations

import apsw
from argon2 import PasswordHasher

from appliance.demo.model import DemoUser
from appliance.store.users import create_user

# (login, full name, role, the services this person takes most often)
STAFF: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "kuznetsov",
        "Кузнецов Андрей Викторович",
        "technician",
        ("Сеть", "Серверы и резервное копирование", "Безопасность"),
    ),
    (
        "orlova",
        "Орлова Марина Сергеевна",
        "technician",
        ("1С", "Электронная подпись", "Учётные записи"),
    ),
    ("belov", "Белов Дмитрий Олегович", "technician", ("Рабочее место", "Печать", "Телефония")),
    ("guseva", "Гусева Анна Павловна", "technician", ("Почта", "Рабочее место", "Учётные записи")),
    ("zelenin", "Зеленин Игорь Николаевич", "manager", ()),
)

MAIL_DOMAIN = "zel-uslugi.ru"

# These passwords are printed for anyone to read, so a costly hash would protect nothing; a light
# Argon2id profile keeps the demo quick on a busy box. The login upgrades each hash to the
# production profile at the first sign-in (appliance.services.signin, needs_rehash).
DEMO_HASHER = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)


def demo_password(login: str) -> str:
    """Known on purpose: the demo prints it so that anyone can log in as any role."""
    return f"{login}-demo"


def write_staff(conn: apsw.Connection) -> list[DemoUser]:
    users = []
    for login, full_name, role, _ in STAFF:
        password = demo_password(login)
        user_id = create_user(
            conn,
            login=login,
            password_hash=DEMO_HASHER.hash(password),
            role=role,
            full_name=full_name,
            email=f"{login}@{MAIL_DOMAIN}",
            lang="ru",
        )
        users.append(DemoUser(user_id, login, full_name, role, password))
    return users


def specialities() -> dict[str, tuple[str, ...]]:
    return {login: services for login, _, role, services in STAFF if role == "technician"}
