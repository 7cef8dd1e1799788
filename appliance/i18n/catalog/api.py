"""Messages of the client API (/api/v1): every error answer carries one of these sentences."""

STRINGS: dict[str, dict[str, str]] = {
    "api.unauthorized": {
        "ru": "Нужен действующий токен устройства (заголовок Authorization: Bearer <токен>).",
        "en": "A valid device token is required (header Authorization: Bearer <token>).",
    },
    "api.device_revoked": {
        "ru": "Это устройство отключено администратором; подключите его заново с новым кодом.",
        "en": "This device has been revoked by an administrator; enrol it again with a new code.",
    },
    "api.code_invalid": {
        "ru": "Такого кода подключения нет. Проверьте код или попросите у администратора новый.",
        "en": "This enrolment code is not known. Check it or ask your administrator for a new one.",
    },
    "api.code_expired": {
        "ru": "Срок действия кода подключения истёк. Попросите у администратора новый.",
        "en": "This enrolment code has expired. Ask your administrator for a new one.",
    },
    "api.code_revoked": {
        "ru": "Этот код подключения отозван. Попросите у администратора новый.",
        "en": "This enrolment code has been revoked. Ask your administrator for a new one.",
    },
    "api.code_used_up": {
        "ru": "Этот код подключения уже использован максимальное число раз. "
        "Попросите у администратора новый.",
        "en": "This enrolment code has been used as many times as it allows. "
        "Ask your administrator for a new one.",
    },
    "api.not_found": {
        "ru": "По адресу {path} ничего нет.",
        "en": "There is nothing at {path}.",
    },
    "api.method_not_allowed": {
        "ru": "Метод {method} не поддерживается для {path}.",
        "en": "{method} is not allowed on {path}.",
    },
    "api.bad_request": {
        "ru": "Запрос не удалось прочитать: {detail}. Проверьте заголовки (Content-Type, "
        "Content-Length) и тело запроса.",
        "en": "The request could not be read: {detail}. Check its headers (Content-Type, "
        "Content-Length) and its body.",
    },
    "api.http_error": {
        "ru": "Запрос не выполнен (HTTP {http_status}).",
        "en": "The request failed (HTTP {http_status}).",
    },
    "api.invalid_json": {
        "ru": "Тело запроса — не корректный JSON ({detail}).",
        "en": "The request body is not valid JSON ({detail}).",
    },
    "api.body_missing": {
        "ru": "Тело запроса пусто; ожидается объект JSON.",
        "en": "The request body is empty; a JSON object is expected.",
    },
    "api.invalid_body": {
        "ru": "Тело запроса неверно: {detail}.",
        "en": "The request body is invalid: {detail}.",
    },
    "api.unknown_field": {
        "ru": "Неизвестное поле «{field}».",
        "en": "Unknown field '{field}'.",
    },
    "api.missing_field": {
        "ru": "Поле «{field}» обязательно.",
        "en": "The field '{field}' is required.",
    },
    "api.invalid_field": {
        "ru": "Поле «{field}» неверно: {detail}.",
        "en": "The field '{field}' is invalid: {detail}.",
    },
    "api.conflict": {
        "ru": "Заявка {uuid} уже получена с другим содержимым; новой заявке нужен новый uuid.",
        "en": "Ticket {uuid} was already received with other content; "
        "a new request needs a new uuid.",
    },
    "api.missing_blobs": {
        "ru": "Эти вложения не загружены: {hashes}. Загрузите их (PUT /api/v1/blobs/<sha256>) "
        "и отправьте заявку снова.",
        "en": "These attachments have not been uploaded: {hashes}. Upload them "
        "(PUT /api/v1/blobs/<sha256>) and send the ticket again.",
    },
    "api.submitted_at_out_of_window": {
        "ru": "Время отправки (submitted_at) отличается от часов сервера больше чем на {days} дн.: "
        "проверьте часы этого компьютера.",
        "en": "The send time (submitted_at) is more than {days} days away from the appliance's "
        "clock: check this computer's clock.",
    },
    "api.ticket_refused": {
        "ru": "Заявка не принята: {detail}",
        "en": "The ticket was not accepted: {detail}",
    },
    "api.hash_mismatch": {
        "ru": "SHA-256 тела запроса — {actual}, а не {expected}, как указано в адресе.",
        "en": "The body's SHA-256 is {actual}, not {expected} as the address says.",
    },
    "api.not_an_image": {
        "ru": "Тело запроса — не изображение PNG, WebP или JPEG (или файл повреждён).",
        "en": "The body is not a PNG, WebP or JPEG image (or the file is damaged).",
    },
    "api.image_too_large": {
        "ru": "Изображение слишком велико: принимается не больше {limit} млн пикселей.",
        "en": "The image is too large: at most {limit} million pixels are accepted.",
    },
    "api.image_too_large_sized": {
        "ru": "Изображение {width}×{height} слишком велико: "
        "принимается не больше {limit} млн пикселей.",
        "en": "The image of {width}×{height} pixels is too large: "
        "at most {limit} million pixels are accepted.",
    },
    "api.payload_too_large": {
        "ru": "Тело запроса больше допустимых {limit}.",
        "en": "The request body is larger than the limit of {limit}.",
    },
    "api.rate_limited": {
        "ru": "Слишком много запросов; повторите через {seconds} с.",
        "en": "Too many requests; try again in {seconds} s.",
    },
    "api.internal": {
        "ru": "На сервере произошла ошибка; повторите запрос позже.",
        "en": "Something went wrong on the appliance; try again later.",
    },
}
