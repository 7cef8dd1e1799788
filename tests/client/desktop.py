"""Desktop-like images: a wallpaper gradient, a few windows with title bars and lines of text
(Latin and Cyrillic), a task bar. What a screenshot of an office PC looks like to an encoder,
unlike noise (incompressible) or a flat colour (trivially compressible)."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
WORDS = [
    *("error", "printer", "network", "сеть", "ошибка", "the", "server", "файл", "report", "1C"),
    *("Outlook", "password", "connect", "не", "печатает", "accounting", "invoice", "счёт"),
    *("folder", "share", "доступ", "запрещён", "retry", "OK", "Cancel"),
]


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default()


def desktop_image(
    width: int = 1920, height: int = 1080, seed: int = 1, windows: int = 4
) -> Image.Image:
    rnd = random.Random(seed)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top = tuple(rnd.randrange(256) for _ in range(3))
    bottom = tuple(rnd.randrange(256) for _ in range(3))
    for y in range(height):
        f = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * f) for a, b in zip(top, bottom, strict=True)),
        )
    font = _font(13)
    for _ in range(windows):
        x0 = rnd.randrange(0, max(1, width - 600))
        y0 = rnd.randrange(0, max(1, height - 400))
        w = rnd.randrange(500, 1100)
        h = rnd.randrange(300, 700)
        draw.rectangle([x0, y0, x0 + w, y0 + h], fill=(250, 250, 250), outline=(90, 90, 90))
        draw.rectangle([x0, y0, x0 + w, y0 + 28], fill=(50, 80, 140))
        draw.text(
            (x0 + 8, y0 + 6), f"Document {rnd.randrange(999)} - Editor", fill="white", font=font
        )
        for line_y in range(y0 + 40, y0 + h - 16, 18):
            words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(3, 14)))
            draw.text((x0 + 10, line_y), words, fill=(20, 20, 20), font=font)
    draw.rectangle([0, height - 40, width, height], fill=(30, 30, 30))
    for i in range(12):
        colour = tuple(rnd.randrange(256) for _ in range(3))
        draw.rectangle([10 + i * 48, height - 34, 42 + i * 48, height - 6], fill=colour)
    return image
