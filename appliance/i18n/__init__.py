"""Russian and English strings for every screen, report and message.

The catalogue is split by area (``catalog/<area>.py``, each a ``STRINGS`` dict of
``key -> {"ru": ..., "en": ...}``) so that each part of the product owns its file. ``t(key, lang)``
looks a key up and formats it with keyword arguments. A missing key or language is a bug:
``tests/test_i18n.py`` checks every key has both languages and every ``t("...")`` literal in the
code exists.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    from appliance.i18n import catalog

    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(catalog.__path__):
        module = importlib.import_module(f"{catalog.__name__}.{info.name}")
        for key, texts in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"i18n key {key!r} defined twice (second in {info.name})")
            merged[key] = texts
    return merged


def t(key: str, lang: str, **values: object) -> str:
    texts = catalogue().get(key)
    if texts is None:
        raise KeyError(f"no i18n key {key!r}")
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
