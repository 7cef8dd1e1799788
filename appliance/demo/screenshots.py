"""Small fake screenshots for demo tickets (an error dialog on a desktop, a blue screen), drawn
with Pillow from fixed inputs, so the same bytes (and SHA-256) come out on every run."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import apsw
from PIL import Image, ImageDraw, ImageFont

from appliance.store.blobs import put_blob

WIDTH, HEIGHT = 800, 450
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))

# key -> (window title, message lines, desktop colour)
# fmt: off
DIALOGS: dict[str, tuple[str, tuple[str, ...], tuple[int, int, int]]] = {
    "desktop": ("Проводник — Документы", ("Договоры", "Счета 2026", "Сканы", "Отчёт.xlsx"),
                (32, 86, 140)),
    "print_error": ("Ошибка печати", ("Не удалось напечатать документ «Договор.docx».",
                                     "Принтер находится в автономном режиме.",
                                     "Код ошибки: 0x00000709"), (24, 96, 120)),
    "scan_error": ("Kyocera Scan", ("Ошибка отправки: нет доступа к папке", "\\\\SRV\\Scan",
                                   "Проверьте имя пользователя и пароль."), (60, 60, 90)),
    "outlook_error": ("Microsoft Outlook", ("Не удаётся подключиться к серверу.",
                                           "Отправка и получение: ошибка 0x800CCC0E",
                                           "Проверьте подключение к сети."), (0, 90, 158)),
    "onec_error": ("1С:Предприятие", ("Не обнаружена лицензия для использования программы!",
                                     "Поиск лицензии выполнялся:",
                                     "локально, на сервере SRV-1C"), (120, 92, 20)),
    "network_error": ("Сетевые подключения", ("Нет подключения к Интернету",
                                              "Диагностика: DNS-сервер не отвечает.",
                                              "Адрес: 192.168.10.1"), (40, 110, 70)),
    "backup_error": ("Hyper Backup", ("Задание «Ночная копия» завершилось с ошибкой.",
                                     "На целевом томе недостаточно места.",
                                     "Последняя успешная копия: 3 дня назад"), (70, 70, 70)),
    "virus_alert": ("Kaspersky Endpoint Security", ("Обнаружен объект: HEUR:Trojan.Script",
                                                    "Файл: Счёт_на_оплату.docm",
                                                    "Действие: удалён"), (110, 30, 40)),
    "crypto_error": ("КриптоПро CSP", ("Не удалось найти сертификат.",
                                      "Вставьте ключевой носитель (Рутокен).",
                                      "Код: 0x8009001D"), (50, 80, 110)),
}
# fmt: on


@dataclass(frozen=True)
class Screenshot:
    key: str
    sha256: str
    data: bytes


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in _FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


def _desktop(colour: tuple[int, int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH, HEIGHT), colour)
    draw = ImageDraw.Draw(image)
    for y in range(0, HEIGHT - 36, 6):  # a soft vertical gradient, like a wallpaper
        shade = tuple(min(255, c + y // 12) for c in colour)
        draw.rectangle((0, y, WIDTH, y + 6), fill=shade)
    for i, label in enumerate(("Корзина", "LiveViewer", "1С", "Документы")):
        x, y = 18, 18 + i * 78
        draw.rounded_rectangle((x + 8, y, x + 48, y + 40), 6, fill=(235, 235, 235))
        draw.text((x, y + 44), label, font=_font(11), fill=(255, 255, 255))
    draw.rectangle((0, HEIGHT - 36, WIDTH, HEIGHT), fill=(30, 30, 36))
    draw.rectangle((8, HEIGHT - 30, 32, HEIGHT - 6), fill=(0, 120, 215))
    draw.text((WIDTH - 130, HEIGHT - 27), "10:42  15.10.2026", font=_font(12), fill="white")
    return image, draw


def _dialog(draw: ImageDraw.ImageDraw, title: str, lines: tuple[str, ...], icon: bool) -> None:
    left, top, right, bottom = 170, 110, 650, 300
    draw.rectangle((left + 6, top + 6, right + 6, bottom + 6), fill=(0, 0, 0))
    draw.rectangle((left, top, right, bottom), fill=(245, 245, 245), outline=(90, 90, 90))
    draw.rectangle((left, top, right, top + 30), fill=(255, 255, 255))
    draw.text((left + 12, top + 7), title, font=_font(14, bold=True), fill=(20, 20, 20))
    draw.text((right - 24, top + 5), "✕", font=_font(14), fill=(60, 60, 60))
    text_left = left + 20
    if icon:
        draw.ellipse((left + 20, top + 50, left + 60, top + 90), fill=(200, 40, 40))
        draw.text((left + 33, top + 57), "✕", font=_font(20, bold=True), fill="white")
        text_left = left + 76
    for i, line in enumerate(lines):
        draw.text((text_left, top + 50 + i * 22), line, font=_font(13), fill=(20, 20, 20))
    draw.rectangle(
        (right - 110, bottom - 44, right - 20, bottom - 14),
        fill=(225, 225, 225),
        outline=(0, 120, 215),
        width=2,
    )
    draw.text((right - 76, bottom - 37), "ОК", font=_font(13), fill=(20, 20, 20))


def _blue_screen() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), (16, 113, 170))
    draw = ImageDraw.Draw(image)
    draw.text((80, 60), ":(", font=_font(90), fill="white")
    draw.text(
        (80, 190),
        "На вашем ПК возникла проблема, и его необходимо перезагрузить.",
        font=_font(16),
        fill="white",
    )
    draw.text(
        (80, 220), "Мы лишь собираем некоторые сведения об ошибке.", font=_font(16), fill="white"
    )
    draw.text((80, 280), "Код остановки: IRQL_NOT_LESS_OR_EQUAL", font=_font(13), fill="white")
    draw.text((80, 302), "Что вызвало проблему: nvlddmkm.sys", font=_font(13), fill="white")
    return image


def render(key: str) -> bytes:
    if key == "bsod":
        image = _blue_screen()
    else:
        title, lines, colour = DIALOGS[key]
        image, draw = _desktop(colour)
        _dialog(draw, title, lines, icon=key != "desktop")
    out = io.BytesIO()
    # Palette PNG: a few KB each; optimize=False keeps the encoder's output fixed.
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(out, "PNG", optimize=False)
    return out.getvalue()


def write_screenshots(conn: apsw.Connection, *, now: datetime) -> dict[str, Screenshot]:
    """Every screenshot, stored once as a blob; by key."""
    shots = {}
    for key in (*DIALOGS, "bsod"):
        data = render(key)
        sha = hashlib.sha256(data).hexdigest()
        put_blob(
            conn, sha256=sha, data=data, media_type="image/png", width=WIDTH, height=HEIGHT, now=now
        )
        shots[key] = Screenshot(key, sha, data)
    return shots
