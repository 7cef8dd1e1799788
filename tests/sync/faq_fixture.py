"""Thirty FAQ articles of a small IT-outsourcing team (Russian and English) and thirty queries as
employees and technicians really type them: typos, colloquial words, any word order, half words.
Each query names the article (by key) a person asking it wants first."""

from __future__ import annotations

# key: (title, body, tags)
ARTICLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "printer": (
        "Принтер не печатает",
        "1. Проверьте, что принтер включён и в нём есть бумага.\n"
        "2. Откройте «Устройства и принтеры», очистите очередь печати.\n"
        "3. Перезапустите службу «Диспетчер печати» (Spooler).",
        ("принтер", "печать"),
    ),
    "printer_jam": (
        "Замятие бумаги в принтере",
        "Выключите принтер, откройте заднюю крышку и аккуратно вытяните лист по ходу движения.",
        ("принтер",),
    ),
    "toner": (
        "Заканчивается тонер или картридж",
        "Если печать бледная или полосами — замените картридж."
        " Запасные картриджи у офис-менеджера.",
        ("картридж", "тонер"),
    ),
    "scanner": (
        "Сканер МФУ не сохраняет в папку",
        "Сканирование в сетевую папку: проверьте, что папка \\\\srv\\scan доступна"
        " и пароль не истёк.",
        ("сканер",),
    ),
    "vpn": (
        "VPN не подключается из дома",
        "Проверьте интернет, перезапустите клиент FortiClient, введите код из SMS заново.",
        ("vpn", "удалёнка"),
    ),
    "wifi": (
        "Нет Wi-Fi в офисе",
        "Подключитесь к сети OFFICE-5G, пароль у администратора. Если сеть не видна — "
        "включите беспроводной адаптер (Fn+F2).",
        ("wifi", "сеть"),
    ),
    "internet": (
        "Не работает интернет",
        "Проверьте кабель, перезагрузите роутер. Если горит красная лампочка — звоните провайдеру.",
        ("интернет", "сеть"),
    ),
    "password": (
        "Как сменить пароль Windows",
        "Нажмите Ctrl+Alt+Del и выберите «Изменить пароль». Новый пароль — не короче 12 символов.",
        ("пароль", "windows"),
    ),
    "locked": (
        "Учётная запись заблокирована",
        "После пяти неверных паролей вход блокируется на 30 минут. Подождите или позвоните нам.",
        ("пароль", "вход"),
    ),
    "outlook_pw": (
        "Outlook постоянно спрашивает пароль",
        "Удалите сохранённые учётные данные в «Диспетчере учётных данных» и войдите снова.",
        ("почта", "outlook"),
    ),
    "mail_full": (
        "Почтовый ящик переполнен",
        "Удалите старые письма с вложениями, очистите папку «Удалённые». Лимит ящика — 10 ГБ.",
        ("почта",),
    ),
    "mail_send": (
        "Письма не отправляются, висят в исходящих",
        "Проверьте размер вложения (не более 25 МБ) и подключение к интернету.",
        ("почта",),
    ),
    "onec_slow": (
        "1С медленно работает",
        "Закройте лишние окна 1С, очистите кэш клиента (удалите папку с кэшем) и перезапустите.",
        ("1c",),
    ),
    "onec_license": (
        "1С: не найдена лицензия",
        "Ошибка «Не обнаружена лицензия»: сервер лицензий недоступен, сообщите нам номер ошибки.",
        ("1c", "лицензия"),
    ),
    "slow_pc": (
        "Компьютер тормозит и долго включается",
        "Перезагрузите компьютер, закройте браузер с десятками вкладок, проверьте свободное место "
        "на диске C. Если медленно работает всё — оставьте заявку.",
        ("компьютер",),
    ),
    "no_boot": (
        "Компьютер не включается",
        "Проверьте, что кабель питания вставлен, а сетевой фильтр включён. Не разбирайте корпус.",
        ("компьютер",),
    ),
    "monitor": (
        "Нет изображения на мониторе",
        "Проверьте кабель HDMI/DisplayPort и что монитор включён; нажмите Win+P.",
        ("монитор",),
    ),
    "sound": (
        "Нет звука в наушниках",
        "Выберите наушники устройством воспроизведения в трее, проверьте громкость.",
        ("звук",),
    ),
    "teams_mic": (
        "Микрофон не работает в Zoom",
        "В настройках Zoom выберите правильный микрофон и разрешите доступ к микрофону в Windows.",
        ("zoom", "микрофон"),
    ),
    "usb": (
        "Флешка не открывается",
        "USB-накопители закрыты политикой безопасности. Для разрешения оставьте заявку с причиной.",
        ("usb",),
    ),
    "excel_freeze": (
        "Excel зависает при открытии файла",
        "Откройте Excel в безопасном режиме (excel /safe), отключите надстройки.",
        ("excel",),
    ),
    "keyboard": (
        "Не работает клавиатура или мышь",
        "Переподключите USB-приёмник, замените батарейки в беспроводной мыши.",
        ("клавиатура", "мышь"),
    ),
    "remote": (
        "Удалённый рабочий стол: как подключиться",
        "Запустите mstsc, введите адрес term.office.local и ваш доменный логин.",
        ("rdp", "удалёнка"),
    ),
    "en_vpn": (
        "Cannot connect to VPN",
        "Restart the VPN client, check your internet connection and re-enter the one-time code.",
        ("vpn",),
    ),
    "en_password": (
        "Reset your password",
        "Press Ctrl+Alt+Del and choose Change a password. Forgotten it? Call the help desk.",
        ("password",),
    ),
    "en_printer": (
        "Printer shows offline",
        "Turn the printer off and on, then set it as default in Settings → Printers.",
        ("printer",),
    ),
    "en_teams": (
        "Teams notifications do not arrive",
        "Allow notifications for Teams in Windows settings and sign out and back in.",
        ("teams",),
    ),
    "en_disk": (
        "Disk space is low",
        "Empty the recycle bin, clear the Downloads folder, run Disk Cleanup.",
        ("disk",),
    ),
    "en_browser": (
        "Website does not open in the browser",
        "Clear the browser cache, try another browser, check the address for typos.",
        ("browser",),
    ),
    "en_phone": (
        "Desk phone has no dial tone",
        "Check the network cable of the IP phone and reboot it by unplugging power for 10 seconds.",
        ("phone",),
    ),
}

# (query as typed, the article's key a person wants first)
QUERIES: list[tuple[str, str]] = [
    ("не печатает принтер", "printer"),
    ("принтер не печатает", "printer"),
    ("принтр не пичатает", "printer"),
    ("бумагу зажевало в принтере", "printer_jam"),
    ("картридж кончился", "toner"),
    ("сканирование в папку не работает", "scanner"),
    ("впн не подключаеться", "vpn"),
    ("нет вайфая", "wifi"),
    ("инет не работает", "internet"),
    ("как поменять пароль", "password"),
    ("заблокировали учетку", "locked"),
    ("аутлук просит пароль", "outlook_pw"),
    ("ящик переполнен", "mail_full"),
    ("письмо висит в исходящих", "mail_send"),
    ("1с тормозит", "onec_slow"),
    ("лицензия 1с не найдена", "onec_license"),
    ("комп медленно работает", "slow_pc"),
    ("компьютер не включаеться", "no_boot"),
    ("монитор не показывает", "monitor"),
    ("нет звука", "sound"),
    ("в зуме не слышно микрофон", "teams_mic"),
    ("флешку не видит", "usb"),
    ("эксель зависает", "excel_freeze"),
    ("мышка не работает", "keyboard"),
    ("удаленный рабочий стол", "remote"),
    ("vpn wont connect", "en_vpn"),
    ("forgot password", "en_password"),
    ("printer offline", "en_printer"),
    ("low disk spce", "en_disk"),
    ("site not opening in browser", "en_browser"),
]

THRESHOLD = 27
