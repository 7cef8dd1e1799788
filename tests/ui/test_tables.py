"""Every paged table speaks one pagination wording, and an empty one is calm news (an icon and a
sentence), not Quasar's warning triangle."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User

from appliance.ui.settings.enrollment_page import PATH as ENROLLMENT_PATH
from tests.conftest import Account


def table(user: User, marker: str) -> ui.table:
    (found,) = user.find(marker=marker).elements
    assert isinstance(found, ui.table)
    return found


def assert_calm_and_one_wording(found: ui.table, icon: str) -> None:
    empty = found.slots["no-data"].template
    assert empty is not None and f"'{icon}'" in empty and "warning" not in empty
    label = found.props[":pagination-label"]
    assert label.endswith('+ first + "\\u2013" + last + " \\u0438\\u0437 " + total + ""'), label
    assert found.props["rows-per-page-label"] == "Строк на странице:"


async def test_ticket_list_and_enrolment_tables_share_the_empty_state_and_paging(
    user: User, log_in, admin: Account
) -> None:
    await log_in(admin)
    await user.open("/tickets")
    await user.should_see(marker="ticket-list")
    assert_calm_and_one_wording(table(user, "ticket-list"), "task_alt")
    await user.open(ENROLLMENT_PATH)
    await user.should_see(marker="codes-table")
    for marker in ("codes-table", "devices-table"):
        assert_calm_and_one_wording(table(user, marker), "devices")
