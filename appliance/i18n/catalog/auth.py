"""Login page and account errors."""

STRINGS: dict[str, dict[str, str]] = {
    "auth.login.title": {"ru": "Вход в систему", "en": "Sign in"},
    "auth.login.name": {"ru": "Логин", "en": "Login"},
    "auth.login.password": {"ru": "Пароль", "en": "Password"},
    "auth.login.submit": {"ru": "Войти", "en": "Sign in"},
    "auth.login.missing": {
        "ru": "Введите логин и пароль",
        "en": "Enter your login and password",
    },
    "auth.login.wrong": {
        "ru": "Неверный логин или пароль.",
        "en": "Wrong login or password.",
    },
    "auth.login.throttled": {
        "ru": "Слишком много неудачных попыток: каждая следующая проверяется с задержкой.",
        "en": "Too many failed attempts: each further attempt is checked after a delay.",
    },
    "auth.login.disabled": {
        "ru": "Эта учётная запись отключена. Обратитесь к администратору.",
        "en": "This account is disabled. Ask an administrator.",
    },
    "auth.login.busy": {
        "ru": "Предыдущая попытка входа с этим логином ещё проверяется. Повторите чуть позже.",
        "en": "The previous attempt for this login is still being checked. Try again shortly.",
    },
    "auth.error.login_empty": {"ru": "Укажите логин", "en": "Enter a login"},
    "auth.error.login_invalid": {
        "ru": "Логин: до 64 символов — буквы, цифры, точка, дефис, подчёркивание, @",
        "en": "Login: up to 64 characters — letters, digits, dot, hyphen, underscore, @",
    },
    "auth.error.login_taken": {
        "ru": "Логин «{login}» уже занят",
        "en": "The login “{login}” is taken",
    },
    "auth.error.role_unknown": {"ru": "Выберите роль", "en": "Choose a role"},
    "auth.error.user_missing": {
        "ru": "Такой учётной записи больше нет",
        "en": "This account no longer exists",
    },
    "auth.error.cannot_disable_self": {
        "ru": "Нельзя отключить собственную учётную запись",
        "en": "You cannot disable your own account",
    },
    "auth.error.last_admin": {
        "ru": "Нельзя отключить последнего активного администратора",
        "en": "You cannot disable the last active administrator",
    },
    "auth.error.reveal_managers_only": {
        "ru": "Право раскрывать пароли выдаётся только руководителям: остальные роли имеют "
        "его по должности или не имеют вовсе",
        "en": "Only managers are granted credential reveal: other roles have it by role or never",
    },
    "auth.error.lang_unknown": {"ru": "Неизвестный язык", "en": "Unknown language"},
}
