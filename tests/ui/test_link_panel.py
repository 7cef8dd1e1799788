"""The ticket screen's offer to link an unrecognised sender to the client's card."""

from __future__ import annotations

from datetime import UTC, datetime

from nicegui.testing import User

from appliance.store.devices import add_enrolled_device
from appliance.store.equipment import create_equipment
from appliance.store.organizations import create_organization
from appliance.store.persons import create_person
from appliance.store.ticket_intake import Submission, ingest_submission
from tests.ui.card_support import absent, audit, element, until

NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def seed(ctx) -> dict[str, int]:  # type: ignore[no-untyped-def]
    def build(c) -> dict[str, int]:  # type: ignore[no-untyped-def]
        org = create_organization(c, name="ООО «Ромашка»")
        anna = create_person(c, org_id=org, full_name="Анна")
        pc = create_equipment(c, org_id=org, kind="workstation", name="ПК бухгалтерии")
        device = add_enrolled_device(
            c, org_id=org, token_hash="b" * 64, hostname="acc-7", os_user="", enrolled_at=NOW
        )
        made = ingest_submission(
            c,
            submission=Submission(
                uuid="00000000-0000-4000-8000-000000000001",
                description="Не печатает",
                submitted_at=NOW,
                phone="",
                priority="normal",
                os_user="anna.s",
                hostname="acc-7",
                machine_facts={"hostname": "acc-7", "os_user": "anna.s", "macs": [], "ips": []},
            ),
            content_hash="1" * 64,
            device_id=device,
            org_id=org,
            received_at=NOW,
        )
        return {"org": org, "anna": anna, "pc": pc, "number": made.number}

    return ctx.store.write_sync(build)


def linked(ctx, number: int) -> tuple[int | None, int | None]:  # type: ignore[no-untyped-def]
    return ctx.store.read_sync(
        lambda c: c.execute(
            "SELECT person_id, equipment_id FROM tickets WHERE number = ?", (number,)
        ).fetchone()
    )


async def test_an_unknown_sender_is_linked_in_one_click(user: User, log_in, add_user, ctx) -> None:
    ids = seed(ctx)
    tech = add_user("technician", "ivan")
    await log_in(tech)
    await user.open(f"/tickets/{ids['number']}")
    await user.should_see(marker="link-panel", retries=100)
    await user.should_see("Логин anna.s не найден среди сотрудников клиента")
    assert element(user, "panel-org-link").props["href"] == f"/clients/{ids['org']}"
    element(user, "link-person-pick").value = ids["anna"]
    user.find(marker="link-person").click()
    await until(lambda: linked(ctx, ids["number"])[0] == ids["anna"])
    element(user, "link-computer-pick").value = ids["pc"]
    user.find(marker="link-computer").click()
    await until(lambda: linked(ctx, ids["number"]) == (ids["anna"], ids["pc"]))
    await until(lambda: absent(user, "link-panel"))
    assert [r[1] for r in audit(ctx, "ticket.link")] == [
        "ticket.link_person",
        "ticket.link_equipment",
    ]


async def test_managers_are_not_offered_the_link(user: User, log_in, add_user, ctx) -> None:
    ids = seed(ctx)
    await log_in(add_user("manager", "olga"))
    await user.open(f"/tickets/{ids['number']}")
    await user.should_see(marker="panel-org-link", retries=100)
    assert absent(user, "link-panel")
