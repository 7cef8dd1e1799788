"""Registers every page of the technicians' window."""

from __future__ import annotations

from nicegui import ui


def register_pages() -> None:
    @ui.page("/")
    def index() -> None:
        ui.label("Tiketnitsa")
