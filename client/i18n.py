"""Russian and English strings of LiveViewer.

The client must not import ``appliance`` (it ships alone), so it keeps its own small catalogue.
``t(key, lang, **values)`` looks a key up and formats it; a missing key is a bug (the tests check
every key has both languages and every ``t("...")`` literal in ``client/`` exists).

The language comes from ``LIVEVIEWER_LANG``, else the OS locale (``LC_ALL``, ``LC_MESSAGES``,
``LANG``, then Python's view of the locale, which on Windows is the user's UI locale).
"""

from __future__ import annotations

import locale
import os

LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "en"
LANG_ENV = "LIVEVIEWER_LANG"

STRINGS: dict[str, dict[str, str]] = {
    # -- window -------------------------------------------------------------------------------
    "window.title": {"ru": "LiveViewer — заявка в поддержку", "en": "LiveViewer — ask for help"},
    "window.tab_new": {"ru": "Новая заявка", "en": "New request"},
    "window.tab_mine": {"ru": "Мои заявки", "en": "My requests"},
    "window.description": {
        "ru": "Опишите проблему (обязательно):",
        "en": "Describe the problem (required):",
    },
    "window.phone": {"ru": "Телефон для связи:", "en": "Phone to call back:"},
    "window.urgent": {"ru": "Срочно", "en": "Urgent"},
    "window.screenshot": {"ru": "Снимок экрана", "en": "Screenshot"},
    "window.screenshot_hint": {
        "ru": "К заявке будет приложен снимок всех мониторов.",
        "en": "A screenshot of all monitors goes with the request.",
    },
    "window.remove_screenshot": {"ru": "Не прикладывать снимок", "en": "Remove screenshot"},
    "window.add_screenshot": {"ru": "Приложить снимок", "en": "Add screenshot"},
    "window.no_screenshot": {
        "ru": "Снимок экрана не будет приложен.",
        "en": "No screenshot will be sent.",
    },
    "window.send": {"ru": "Отправить", "en": "Send"},
    "window.faq.offer": {
        "ru": "Возможно, ответ уже есть в базе знаний:",
        "en": "The answer may already be in the FAQ:",
    },
    "window.faq.solved": {
        "ru": "Это решило проблему — не отправлять",
        "en": "This solved it — don't send",
    },
    "window.faq.back": {"ru": "Не то", "en": "Not this"},
    "window.faq.thanks": {
        "ru": "Рады, что помогло: «{title}». Заявка не отправлена.",
        "en": "Glad it helped: “{title}”. No request was sent.",
    },
    "window.keys_hint": {
        "ru": "Ctrl+Enter — отправить, Esc — закрыть",
        "en": "Ctrl+Enter sends, Esc closes",
    },
    "window.state.checking": {"ru": "Проверяем связь…", "en": "Checking the connection…"},
    "window.state.online": {"ru": "● На связи", "en": "● Online"},
    "window.state.offline": {"ru": "○ Нет связи", "en": "○ Offline"},
    "window.state.queued": {"ru": "в очереди: {n}", "en": "queued: {n}"},
    "window.state.not_enrolled": {
        "ru": "Компьютер не подключён к службе поддержки",
        "en": "This computer is not connected to the help desk",
    },
    "window.org_unknown": {"ru": "Служба поддержки", "en": "Help desk"},
    "window.preview.title": {"ru": "Будет отправлено:", "en": "What will be sent:"},
    "window.preview.description": {
        "ru": "описание ({n} симв.)",
        "en": "the description ({n} characters)",
    },
    "window.preview.empty": {"ru": "описание (пока пусто)", "en": "the description (empty yet)"},
    "window.preview.phone": {"ru": "телефон {phone}", "en": "phone {phone}"},
    "window.preview.urgent": {"ru": "с пометкой «срочно»", "en": "marked urgent"},
    "window.preview.screenshot": {"ru": "снимок экрана", "en": "a screenshot"},
    "window.preview.no_screenshot": {"ru": "без снимка экрана", "en": "no screenshot"},
    "window.preview.facts": {
        "ru": "имя компьютера, пользователь и сетевые адреса",
        "en": "the computer's name, user and network addresses",
    },
    "window.close": {"ru": "Закрыть", "en": "Close"},
    "window.new_request": {"ru": "Новая заявка", "en": "New request"},
    "window.description_required": {
        "ru": "Напишите хотя бы пару слов о проблеме.",
        "en": "Please write a few words about the problem.",
    },
    "window.too_long": {
        "ru": "Слишком длинный текст: не больше {limit} символов.",
        "en": "The text is too long: at most {limit} characters.",
    },
    "window.phone_too_long": {
        "ru": "Телефон слишком длинный: не больше {limit} символов.",
        "en": "The phone number is too long: at most {limit} characters.",
    },
    "window.sending": {"ru": "Отправляем…", "en": "Sending…"},
    "window.accepted": {
        "ru": "Заявка № {number} принята.",
        "en": "Request No. {number} accepted.",
    },
    "window.saved": {
        "ru": "Сохранено — заявка будет отправлена автоматически, когда сервер станет доступен.",
        "en": "Saved — it will be sent automatically when the server is reachable.",
    },
    "window.failed": {
        "ru": "Не удалось сохранить заявку: {reason}",
        "en": "The request could not be saved: {reason}",
    },
    "window.not_enrolled": {
        "ru": "Этот компьютер ещё не подключён к службе поддержки. "
        "Заявка сохранена и уйдёт после подключения.",
        "en": "This computer is not connected to the help desk yet. "
        "The request is saved and goes out once it is.",
    },
    "window.mine_empty": {"ru": "Заявок пока нет.", "en": "No requests yet."},
    "window.mine_refresh": {"ru": "Обновить", "en": "Refresh"},
    "window.mine_offline": {
        "ru": "Показано сохранённое на этом компьютере.",
        "en": "Showing what this computer has saved.",
    },
    "window.col_number": {"ru": "№", "en": "No."},
    "cli.number": {"ru": "№ {number}", "en": "No. {number}"},
    "window.col_status": {"ru": "Статус", "en": "Status"},
    "window.col_submitted": {"ru": "Отправлена", "en": "Submitted"},
    "window.col_description": {"ru": "Описание", "en": "Description"},
    "window.replies": {"ru": "Ответы поддержки:", "en": "Replies from the help desk:"},
    "window.no_replies": {"ru": "Ответов пока нет.", "en": "No replies yet."},
    "window.rejected_reason": {"ru": "Отклонена: {reason}", "en": "Rejected: {reason}"},
    # -- statuses -----------------------------------------------------------------------------
    "status.queued": {"ru": "Ожидает отправки", "en": "Waiting to be sent"},
    "status.rejected": {"ru": "Отклонена", "en": "Rejected"},
    "status.new": {"ru": "Новая", "en": "New"},
    "status.in_progress": {"ru": "В работе", "en": "In progress"},
    "status.waiting": {"ru": "Ждёт вашего ответа", "en": "Waiting for you"},
    "status.resolved": {"ru": "Решена", "en": "Resolved"},
    "status.closed": {"ru": "Закрыта", "en": "Closed"},
    # -- command line -------------------------------------------------------------------------
    "cli.enrolled": {
        "ru": "Компьютер подключён: {org} ({url}), устройство № {device}.",
        "en": "This computer is enrolled: {org} ({url}), device No. {device}.",
    },
    "cli.not_enrolled": {
        "ru": "Компьютер не подключён: выполните «liveviewer enroll АДРЕС КОД».",
        "en": "This computer is not enrolled: run 'liveviewer enroll URL CODE'.",
    },
    "cli.accepted": {"ru": "Заявка № {number} принята.", "en": "Request No. {number} accepted."},
    "cli.queued": {
        "ru": "Заявка сохранена и будет отправлена, когда сервер станет доступен.",
        "en": "Queued: the request is saved and will be sent when the server is reachable.",
    },
    "cli.rejected": {
        "ru": "Сервер отклонил заявку: {reason}",
        "en": "The server refused the request: {reason}",
    },
    "cli.agent_once": {
        "ru": "Отправлено: {delivered}, отклонено: {rejected}, в очереди: {remaining}.",
        "en": "Delivered: {delivered}, rejected: {rejected}, still queued: {remaining}.",
    },
    "cli.status_enrolled": {
        "ru": "Сервер: {url} (устройство № {device}, {org})",
        "en": "Server: {url} (device No. {device}, {org})",
    },
    "cli.status_queue": {
        "ru": "В очереди: {queued}, отклонено: {rejected}, мои заявки: {tickets}",
        "en": "Queued: {queued}, rejected: {rejected}, my requests: {tickets}",
    },
    "cli.status_home": {"ru": "Данные: {home}", "en": "Data: {home}"},
    "cli.no_display": {
        "ru": "Нет графического экрана (DISPLAY). Используйте «liveviewer submit --text ...».",
        "en": "No graphical display (DISPLAY). Use 'liveviewer submit --text ...'.",
    },
    "cli.capture_failed": {
        "ru": "Снимок экрана не получился ({reason}); заявка уходит без него.",
        "en": "The screenshot failed ({reason}); the request goes without it.",
    },
    # -- errors (one line, no traceback) ---------------------------------------------------------
    "error.bad_url": {
        "ru": "Неверный адрес сервера {url!r}: нужен https://хост[:порт] "
        "(http:// только для 127.0.0.1 и localhost).",
        "en": "Bad server address {url!r}: use https://host[:port] "
        "(http:// only for 127.0.0.1 and localhost).",
    },
    "error.wrong_code": {
        "ru": "Код подключения не принят: {message}",
        "en": "The enrolment code was not accepted: {message}",
    },
    "error.unreachable": {
        "ru": "Сервер {url} недоступен: {reason}",
        "en": "The server {url} cannot be reached: {reason}",
    },
    "error.server": {
        "ru": "Сервер ответил ошибкой {status}: {message}",
        "en": "The server answered with error {status}: {message}",
    },
    "error.cert_changed": {
        "ru": "Сертификат сервера изменился (ожидался {expected}, получен {actual}) — "
        "ничего не отправлено; обратитесь к администратору.",
        "en": "The server's certificate changed (expected {expected}, got {actual}) — "
        "nothing was sent; ask your administrator.",
    },
    "error.cert_not_deployed": {
        "ru": "Сертификат сервера не тот, что указан в liveviewer.toml — подключение отменено; "
        "обратитесь к администратору.",
        "en": "The server's certificate is not the one liveviewer.toml names — enrolment "
        "cancelled; ask your administrator.",
    },
    "error.deploy_config": {
        "ru": "Файл настройки {path} не читается: {problem}. Обратитесь к администратору.",
        "en": "The settings file {path} cannot be used: {problem}. Ask your administrator.",
    },
    "error.cert_mismatch_enroll": {
        "ru": "Сертификат сервера не совпадает с отпечатком из ответа на подключение — "
        "подключение отменено; обратитесь к администратору.",
        "en": "The server's certificate does not match the fingerprint in its enrolment answer — "
        "enrolment cancelled; ask your administrator.",
    },
    "error.unauthorized": {
        "ru": "Сервер не узнаёт этот компьютер (токен отозван?): подключите его заново "
        "командой «liveviewer enroll».",
        "en": "The server does not recognise this computer (token revoked?): enrol again "
        "with 'liveviewer enroll'.",
    },
    "error.wire_version": {
        "ru": "Сервер говорит на версии протокола {server}, а клиент — на {client}: "
        "обновите LiveViewer.",
        "en": "The server speaks protocol version {server}, this client {client}: "
        "update LiveViewer.",
    },
    "error.rate_limited": {
        "ru": "Сервер просит подождать {seconds} с (слишком много запросов).",
        "en": "The server asks to wait {seconds} s (too many requests).",
    },
    "error.enrolment_file": {
        "ru": "Файл подключения {path} повреждён: подключите компьютер заново.",
        "en": "The enrolment file {path} is damaged: enrol this computer again.",
    },
    "error.invalid_request": {
        "ru": "Заявка не принята: {message}",
        "en": "The request is not valid: {message}",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    texts = STRINGS.get(key)
    if texts is None:
        raise KeyError(f"no i18n key {key!r}")
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def _language_of(tag: str | None) -> str | None:
    if not tag:
        return None
    code = tag.strip().split(".")[0].split("_")[0].split("-")[0].lower()
    if code in LANGUAGES:
        return code
    # Windows names locales in words ("Russian_Russia").
    return {"russian": "ru", "english": "en"}.get(code)


def detect_language(environ: dict[str, str] | None = None) -> str:
    """The language to speak: ``LIVEVIEWER_LANG``, else the OS locale, else English."""
    env = os.environ if environ is None else environ
    for name in (LANG_ENV, "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            found = _language_of(value)
            if found:
                return found
            if name != LANG_ENV:
                # The first locale variable that is set decides, as in POSIX; "C" means English.
                return DEFAULT_LANGUAGE
    if environ is None:
        try:
            found = _language_of(locale.getlocale()[0])
        except ValueError:
            found = None
        if found:
            return found
    return DEFAULT_LANGUAGE


def status_label(status: str, lang: str) -> str:
    """A ticket status in words; an unknown status (from a newer appliance) as it came."""
    key = f"status.{status}"
    return t(key, lang) if key in STRINGS else status
