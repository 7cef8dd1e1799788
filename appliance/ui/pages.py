"""Registers every page of the technicians' window.

Each page lives in its own module with a ``register()`` that declares its ``@ui.page`` routes;
add a new module's ``register`` to ``PAGE_MODULES`` below. Pages use the shared shell
(``appliance.ui.frame.frame``) and the role check (``appliance.ui.guard.require_user``).
"""

from __future__ import annotations

from appliance.ui import (
    clients_page,
    faq_page,
    login_page,
    reports_page,
    settings_enrollment,
    settings_page,
    ticket_page,
    tickets_page,
)

PAGE_MODULES = (
    login_page,
    tickets_page,
    ticket_page,
    clients_page,
    faq_page,
    reports_page,
    settings_page,
    settings_enrollment,
)


def register_pages() -> None:
    for module in PAGE_MODULES:
        module.register()
