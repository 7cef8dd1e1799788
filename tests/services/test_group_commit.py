"""Group commit on the real store: concurrent writes share transactions, each keeps its own
outcome, and a failing one leaves no trace while the others are kept."""

from __future__ import annotations

import asyncio

import pytest

from appliance.services.group_commit import GroupCommit


def _insert(key: str, *, fail: bool = False):
    def write(conn):
        conn.execute("INSERT INTO settings(key, value) VALUES (?, 'v')", (key,))
        if fail:
            raise ValueError(f"refused {key}")
        return key.upper()

    return write


async def test_concurrent_writes_share_commits_and_keep_their_own_outcomes(ctx) -> None:
    transactions = 0
    real_write = ctx.store.write

    async def counting_write(fn):
        nonlocal transactions
        transactions += 1
        return await real_write(fn)

    ctx.store.write = counting_write  # count the store's transactions; the store stays real
    group = GroupCommit(ctx.store)
    jobs = [group.write(_insert(f"k{i}", fail=i == 7)) for i in range(30)]
    outcomes = await asyncio.gather(*jobs, return_exceptions=True)

    assert [o for i, o in enumerate(outcomes) if i != 7] == [f"K{i}" for i in range(30) if i != 7]
    assert isinstance(outcomes[7], ValueError)
    assert str(outcomes[7]) == "refused k7"
    keys = ctx.store.read_sync(
        lambda conn: {r[0] for r in conn.execute("SELECT key FROM settings WHERE key LIKE 'k%'")}
    )
    assert keys == {f"k{i}" for i in range(30)} - {"k7"}
    assert 1 <= transactions < 30


async def test_batches_are_capped(ctx) -> None:
    group = GroupCommit(ctx.store, max_batch=4)
    sizes = []
    real_write = ctx.store.write

    async def recording_write(fn):
        result = await real_write(fn)
        sizes.append(len(result))
        return result

    ctx.store.write = recording_write
    await asyncio.gather(*(group.write(_insert(f"b{i}")) for i in range(10)))
    assert sum(sizes) == 10
    assert max(sizes) <= 4


async def test_a_failed_transaction_fails_every_write_in_it(ctx) -> None:
    group = GroupCommit(ctx.store)
    ctx.store.close()  # the store refuses to write: the whole batch must report it
    results = await asyncio.gather(
        group.write(_insert("x1")), group.write(_insert("x2")), return_exceptions=True
    )
    assert all(isinstance(r, RuntimeError) for r in results)


async def test_sequential_writes_still_work(ctx) -> None:
    group = GroupCommit(ctx.store)
    for i in range(3):
        assert await group.write(_insert(f"s{i}")) == f"S{i}"
    with pytest.raises(ValueError):
        await group.write(_insert("s9", fail=True))
    assert await group.write(_insert("s10")) == "S10"
