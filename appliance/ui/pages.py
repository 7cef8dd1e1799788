"""Registers every page and route of the technicians' window: the one place to add a page.

Each page module has a ``register()`` that declares its ``@ui.page`` (or HTTP) routes; add a new
module's ``register`` to ``PAGE_MODULES`` below, in order: a fixed path (``/tickets/new``) before
a pattern that would also match it (``/tickets/{number}``). Pages use the shared shell
(``ui.common.frame.frame``) and the role check (``ui.common.guard.require_user``).
"""

from __future__ import annotations

from types import ModuleType

from appliance.ui.clients import card_page as client_card
from appliance.ui.clients import list_page as clients_list
from appliance.ui.common import login_page
from appliance.ui.dashboard import page as dashboard_page
from appliance.ui.faq import article_page as faq_article
from appliance.ui.faq import editor_page as faq_editor
from appliance.ui.faq import history_page as faq_history
from appliance.ui.faq import page as faq_page
from appliance.ui.reports import categories_page as report_categories
from appliance.ui.reports import efficiency_page as report_efficiency
from appliance.ui.reports import export_route as report_export
from appliance.ui.reports import page as reports_page
from appliance.ui.reports import sla_page as report_sla
from appliance.ui.reports import work_page as report_work
from appliance.ui.settings import (
    audit_page,
    backups_page,
    enrollment_page,
    sla_page,
    users_page,
)
from appliance.ui.tickets import list_page as tickets_list
from appliance.ui.tickets import new_page as ticket_new
from appliance.ui.tickets import screen_page as ticket_screen
from appliance.ui.tickets import screenshot_route

PAGE_MODULES: tuple[ModuleType, ...] = (
    login_page,
    tickets_list,
    screenshot_route,
    ticket_new,  # before /tickets/{number}, so that "new" is never read as a number
    ticket_screen,
    clients_list,
    client_card,
    faq_page,
    faq_editor,  # /faq/new before /faq/{article_id}
    faq_history,
    faq_article,
    reports_page,
    report_work,
    report_categories,
    report_efficiency,
    report_sla,
    report_export,
    dashboard_page,
    users_page,
    enrollment_page,
    sla_page,
    backups_page,
    audit_page,
)


def register_pages() -> None:
    for module in PAGE_MODULES:
        module.register()
