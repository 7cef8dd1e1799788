"""Strings of the demo commands (``demo``, ``demo-run``) and the admin commands ``user`` and
``tickets``, printed on the admin's terminal in the installation's language."""

STRINGS: dict[str, dict[str, str]] = {
    "demo.progress": {
        "ru": "Заявки: {done} из {total}",
        "en": "Tickets: {done} of {total}",
    },
    "demo.done": {
        "ru": "Демо-данные готовы за {seconds} с: организаций {orgs}, сотрудников клиентов "
        "{persons}, оборудования {equipment}, заявок {tickets} (seed {seed}).",
        "en": "Demo data written in {seconds} s: {orgs} organisations, {persons} people, "
        "{equipment} pieces of equipment, {tickets} tickets (seed {seed}).",
    },
    "demo.staff_header": {
        "ru": "Демо-пользователи (логин / пароль / роль):",
        "en": "Demo users (login / password / role):",
    },
    "demo.not_empty": {
        "ru": "В хранилище уже есть данные (таблица {table} не пуста): демо-данные записываются "
        "только в новое, пустое хранилище",
        "en": "The store already holds data (table {table} is not empty): the demo needs a "
        "freshly initialised store",
    },
    "demo.bad_now": {
        "ru": "--now: нужна дата и время ISO 8601 с часовым поясом, например 2026-11-26T21:00Z",
        "en": "--now: give an ISO 8601 date and time with a zone, e.g. 2026-11-26T21:00Z",
    },
    "demo.bad_count": {
        "ru": "--tickets: число от 0 до {limit}",
        "en": "--tickets: a number from 0 to {limit}",
    },
    "demo.run.creating": {
        "ru": "Создаю демо-установку в {path} …",
        "en": "Creating a demo installation in {path} …",
    },
    "demo.run.not_ours": {
        "ru": "{path} уже существует и не является каталогом данных Тикетницы; "
        "укажите пустой или новый каталог",
        "en": "{path} exists and is not a Tiketnitsa data directory; "
        "give an empty or new directory",
    },
    "demo.run.admin": {
        "ru": "Администратор: логин {login}, пароль {password}",
        "en": "Administrator: login {login}, password {password}",
    },
    "demo.run.admin_from_env": {
        "ru": "Администратор: логин {login}, пароль из ${env}",
        "en": "Administrator: login {login}, password from ${env}",
    },
    "demo.run.admin_unknown": {
        "ru": "Администратор: пароль не записан в {path} (каталог создан не командой demo-run)",
        "en": "Administrator: password not kept in {path} (this directory was not made by "
        "demo-run)",
    },
    "demo.run.admin_changed": {
        "ru": "Администратор: логин {login}; пароль с тех пор изменён и здесь не показывается",
        "en": "Administrator: login {login}; the password was changed since and is not shown",
    },
    "demo.run.url": {
        "ru": "Откройте {url}",
        "en": "Open {url}",
    },
    "admincli.role_unknown": {
        "ru": "Неизвестная роль «{role}»: укажите одну из {roles}",
        "en": "Unknown role “{role}”: use one of {roles}",
    },
    "admincli.login_unknown": {
        "ru": "Пользователя «{login}» нет",
        "en": "There is no user “{login}”",
    },
    "admincli.no_password": {
        "ru": "Нет пароля: задайте ${env} или запустите команду в терминале",
        "en": "No password: set ${env} or run the command in a terminal",
    },
    "admincli.password_prompt": {
        "ru": "Пароль для {login}: ",
        "en": "Password for {login}: ",
    },
    "admincli.user_added": {
        "ru": "Пользователь {login} создан (роль: {role}).",
        "en": "User {login} created (role: {role}).",
    },
    "admincli.password_set": {
        "ru": "Пароль пользователя {login} изменён.",
        "en": "The password of {login} was changed.",
    },
    "admincli.role_set": {
        "ru": "Пользователь {login} теперь: {role}. Его сеансы завершены.",
        "en": "User {login} is now: {role}. Their sessions have ended.",
    },
    "admincli.user_disabled": {
        "ru": "Пользователь {login} отключён.",
        "en": "User {login} disabled.",
    },
    "admincli.user_enabled": {
        "ru": "Пользователь {login} включён.",
        "en": "User {login} enabled.",
    },
    "admincli.already_disabled": {
        "ru": "Пользователь {login} уже отключён.",
        "en": "User {login} is already disabled.",
    },
    "admincli.already_enabled": {
        "ru": "Пользователь {login} уже включён.",
        "en": "User {login} is already enabled.",
    },
    "admincli.users_header": {
        "ru": "Логин / роль / состояние / имя",
        "en": "Login / role / state / name",
    },
    "admincli.active": {"ru": "активен", "en": "active"},
    "admincli.inactive": {"ru": "отключён", "en": "disabled"},
    "admincli.no_tickets": {"ru": "Заявок нет.", "en": "No tickets."},
}
