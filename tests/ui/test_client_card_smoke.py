"""Opening every tab of a client card, as each role."""

from __future__ import annotations

from nicegui.testing import User

from appliance.store.organizations import create_organization
from tests.ui.card_support import element


async def test_every_tab_draws(user: User, log_in, admin, ctx) -> None:
    org = ctx.store.write_sync(lambda c: create_organization(c, name="ООО «Ромашка»"))
    await log_in(admin)
    for tab in (
        "overview",
        "people",
        "equipment",
        "network",
        "credentials",
        "licenses",
        "devices",
        "tickets",
    ):
        await user.open(f"/clients/{org}?tab={tab}")
        await user.should_see(marker="card-title")
        assert element(user, "card-title").text == "ООО «Ромашка»"
