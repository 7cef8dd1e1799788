"""Windows answering the same change share one read of the list's common part; each still
checks its own user afresh and sees its own "mine"."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from appliance.domain.errors import AppError
from appliance.services import ticket_list
from appliance.services.actor import Actor
from appliance.services.ticket_list import ListFilters, ListScreen, SharedReads, list_screen
from appliance.services.tickets import take_ticket
from appliance.store import Store
from appliance.store.users import set_active
from tests.store.ticket_seed import World, build_world, new_ticket

NOW = datetime(2024, 5, 14, 8, 0, tzinfo=UTC)


@pytest.fixture
def world(store: Store) -> World:
    return store.write_sync(build_world)


def _screen(store: Store, user: int, view: str, as_of: int | None) -> object:
    return list_screen(
        store,
        Actor.user(user),
        view=view,
        filters=ListFilters(),
        sort="received",
        descending=True,
        page=1,
        per_page=50,
        now=NOW,
        as_of=as_of,
    )


def _gather(*screens: object) -> list[ListScreen]:
    async def run() -> list[ListScreen]:
        return list(await asyncio.gather(*screens))  # type: ignore[call-overload]

    return asyncio.run(run())


def test_windows_answering_one_change_share_one_read(
    store: Store, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = SharedReads()
    monkeypatch.setattr(ticket_list, "_shared_screens", shared)
    first = new_ticket(store).id
    second = new_ticket(store, description="The scanner is silent").id
    asyncio.run(take_ticket(store, Actor.user(world.tech), ticket_id=first, expected_version=1))

    users = [world.tech, world.tech2, world.admin] * 4
    screens = _gather(*(_screen(store, user, "open", as_of=7) for user in users))
    assert shared.runs == 1  # twelve windows, one read of the page and the shared counts
    alone = _gather(*(_screen(store, user, "open", as_of=None) for user in users[:3]))
    for screen, expected in zip(screens, alone * 4, strict=True):
        assert screen.page == expected.page
        assert screen.counts == expected.counts
    # "mine" is each user's own: the tech holds one ticket, the others none.
    assert [s.counts["mine"] for s in screens[:3]] == [1, 0, 0]
    assert {row.id for row in screens[0].page.rows} == {first, second}

    # A new change is a new read; so is another list state.
    _gather(_screen(store, world.tech, "open", as_of=8), _screen(store, world.tech, "new", 8))
    assert shared.runs == 3
    mine = _gather(*(_screen(store, u, "mine", as_of=8) for u in (world.tech, world.tech2)))
    assert [[r.id for r in s.page.rows] for s in mine] == [[first], []]


def test_each_window_checks_its_own_user_afresh(
    store: Store, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ticket_list, "_shared_screens", SharedReads())
    new_ticket(store)
    _gather(_screen(store, world.tech, "open", as_of=1))
    store.write_sync(lambda conn: set_active(conn, world.tech2, False))
    with pytest.raises(AppError):
        _gather(_screen(store, world.tech2, "open", as_of=1))  # the answer is kept; not for it


def test_a_kept_answer_expires_and_a_failure_is_not_kept() -> None:
    shared = SharedReads(fresh_for=0.05)
    calls: list[int] = []

    async def run() -> int:
        calls.append(1)
        return len(calls)

    async def fail() -> int:
        raise RuntimeError("store unavailable")

    async def scenario() -> None:
        assert await shared.read("k", run) == 1
        assert await shared.read("k", run) == 1
        await asyncio.sleep(0.1)
        assert await shared.read("k", run) == 2
        with pytest.raises(RuntimeError):
            await shared.read("f", fail)
        assert await shared.read("f", run) == 3
        await asyncio.sleep(0.1)
        await shared.read("g", run)
        assert list(shared._done) == ["g"]  # expired answers are not kept

    asyncio.run(scenario())
