"""The ticket screen words the SLA history lines: due times recomputed after a plan change (with
why, from what to what) and a breach (NiceGUI ``user``)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from nicegui.testing import User

from appliance.domain.sla import WEEKDAYS, BusinessCalendar
from appliance.services import sla
from appliance.services.actor import Actor
from appliance.services.sla import SlaTargets
from appliance.services.sla_alerts import check_crossings
from appliance.store.organizations import create_organization
from appliance.store.sla import create_calendar, create_plan
from appliance.store.tickets import create_ticket

OFFICE = BusinessCalendar("Europe/Moscow", {d: (("09:00", "18:00"),) for d in WEEKDAYS[:5]})
RECEIVED = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # Monday 10:00 in Moscow


async def test_recomputation_and_breach_lines(user: User, log_in, add_user, ctx) -> None:
    tech = add_user("technician", "ivanov")

    def seed(conn):  # type: ignore[no-untyped-def]
        cal = create_calendar(conn, name="Офис", calendar=OFFICE)
        plan = create_plan(
            conn, name="Стандарт", calendar_id=cal, targets={"normal": SlaTargets(120, 960)}
        )
        org = create_organization(conn, name="Рога и копыта", sla_plan_id=plan)
        made = create_ticket(
            conn,
            uuid=str(uuid.uuid4()),
            source="phone",
            description="Не печатает",
            submitted_at=RECEIVED,
            received_at=RECEIVED,
            org_id=org,
        )
        return plan, made.number

    plan, number = ctx.store.write_sync(seed)
    # An hour later the response target becomes 4 h: due 14:00 instead of 12:00.
    await sla.update_plan(
        ctx.store,
        Actor.cli(),
        plan_id=plan,
        targets={"normal": SlaTargets(240, 960)},
        now=RECEIVED + timedelta(hours=1),
    )
    await check_crossings(ctx.store, RECEIVED + timedelta(hours=5))
    await log_in(tech)
    await user.open(f"/tickets/{number}")
    await user.should_see(
        "Сроки SLA пересчитаны (изменён план): Ответ 02.03.2026 12:00 → 02.03.2026 14:00"
    )
    await user.should_see("Срок ответа по SLA нарушен (02.03.2026 14:00)")
