"""Errors whose message is an i18n key: shown to people in their language, logged in English."""

from __future__ import annotations

from appliance.i18n import t


class LocalizedError(Exception):
    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def text(self, lang: str) -> str:
        return t(self.key, lang, **self.values)

    def __str__(self) -> str:
        return self.text("en")
