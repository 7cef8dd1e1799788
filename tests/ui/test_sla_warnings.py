"""SLA warnings in a technician's window (NiceGUI ``user``): the assignee's and the unassigned
tickets' warnings show, a colleague's do not; many at once show five by name and one line for the
rest. The Chromium test (tests/e2e/test_sla_browser.py) covers the checker end to end."""

from __future__ import annotations

from datetime import UTC, datetime

from nicegui import ui
from nicegui.testing import User

from appliance.services.sla_alerts import SlaNotice
from appliance.sla_watch import sla_checker

DUE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def notice(number: int, assignee: int | None, threshold: str = "warning") -> SlaNotice:
    return SlaNotice(number, number, f"Заявка {number}", "response", threshold, DUE, assignee, 75)


def shown(user: User) -> list[str]:
    return [str(n.props["options"]["message"]) for n in user.find(ui.notification).elements]


async def test_only_the_assignees_and_unassigned_warnings_show(
    user: User, log_in, add_user
) -> None:
    tech = add_user("technician", "ivanov")
    other = add_user("technician", "petrov")
    await log_in(tech)
    await user.open("/tickets")
    checker = sla_checker()
    assert checker is not None
    checker.event.emit([notice(1, tech.id), notice(2, other.id), notice(3, None, "breach")])
    await user.should_see(marker="sla-notice-1-warning")
    await user.should_see(marker="sla-notice-3-breach")
    await user.should_not_see(marker="sla-notice-2-warning")
    texts = shown(user)
    assert any("№1: Ответ — использовано 75 % срока" in text for text in texts)
    assert any("№3: Ответ — срок SLA нарушен" in text for text in texts)


async def test_many_at_once_show_five_and_a_summary(user: User, log_in, add_user) -> None:
    tech = add_user("technician", "ivanov")
    await log_in(tech)
    await user.open("/tickets")
    checker = sla_checker()
    assert checker is not None
    checker.event.emit([notice(n, tech.id) for n in range(10, 18)])
    await user.should_see(marker="sla-notice-14-warning")
    await user.should_not_see(marker="sla-notice-15-warning")
    texts = shown(user)
    assert len(texts) == 6
    assert any("И ещё заявок со сроками под угрозой: 3" in text for text in texts)
