"""Scheduled backups: the time of day, retention of N daily and M weekly, failures recorded; and
the settings services (passphrase, schedule) with their actor checks and audit rows."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from appliance.backup.restore import verify_backup
from appliance.backup.schedule import Schedule, backup_name, next_run, to_delete
from appliance.backup.strength import strength
from appliance.context import AppContext
from appliance.domain.errors import Forbidden, InvalidInput
from appliance.services import backup as backups
from appliance.services.actor import Actor
from appliance.services.backup_scheduler import BackupScheduler, SchedulerClock
from tests.backup.support import PASSPHRASE
from tests.conftest import Account

MOSCOW = ZoneInfo("Europe/Moscow")


def test_next_run_is_today_at_the_time_or_tomorrow() -> None:
    schedule = Schedule(enabled=True, at="02:30")
    early = datetime(2026, 3, 1, 1, 0, tzinfo=MOSCOW)
    late = datetime(2026, 3, 1, 2, 30, tzinfo=MOSCOW)
    assert next_run(schedule, early) == datetime(2026, 3, 1, 2, 30, tzinfo=MOSCOW)
    assert next_run(schedule, late) == datetime(2026, 3, 2, 2, 30, tzinfo=MOSCOW)


def test_retention_keeps_the_newest_of_each_recent_day_and_week() -> None:
    start = datetime(2026, 1, 1, 2, 30)  # a Thursday
    names = [backup_name(start + timedelta(days=d)) for d in range(40)]
    names.append(backup_name(start + timedelta(days=39, hours=5)))  # two on the last day
    names.append("notes.txt")  # not ours: never touched
    gone = to_delete(names, keep_daily=7, keep_weekly=4)
    kept = sorted(set(names) - set(gone) - {"notes.txt"})
    assert "notes.txt" not in gone
    # The last seven days (the newest of the last day), and the newest of four ISO weeks.
    days = {n[11:19] for n in kept}
    assert len(days) == len(kept)
    assert backup_name(start + timedelta(days=39, hours=5)) in kept
    assert backup_name(start + timedelta(days=39)) in gone
    # Last day Monday 9 Feb: days 3..9 Feb; weeks of 9 Feb and of 2-8 Feb are covered by those
    # days; the two weeks before keep their Sundays (1 Feb, 25 Jan).
    assert [n[11:19] for n in kept] == [
        "20260125", "20260201", "20260203", "20260204", "20260205", "20260206", "20260207",
        "20260208", "20260209",
    ]  # fmt: skip
    assert to_delete(names, keep_daily=0, keep_weekly=1) == sorted(
        n for n in names if n != "notes.txt" and n != max(names[:-1])
    )


def test_schedule_refuses_bad_values() -> None:
    with pytest.raises(InvalidInput):
        Schedule(at="25:00").checked()
    with pytest.raises(InvalidInput):
        Schedule(keep_daily=0, keep_weekly=0).checked()


def test_passphrase_strength() -> None:
    assert strength("short") == "too_short"
    assert strength("aaaaaaaaaaaaaaaa") == "weak"
    assert strength("correct horse battery staple") in ("fair", "strong")
    assert strength("Tr0ub4dor&3-Корова-на-льду") == "strong"


class FakeClock(SchedulerClock):
    def __init__(self, now: datetime) -> None:
        self.moment = now
        super().__init__(now=lambda: self.moment)


async def test_the_scheduler_backs_up_at_the_set_time_and_keeps_what_retention_says(
    ctx: AppContext, admin: Account, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    actor = Actor.user(admin.id, remote_addr="10.0.0.9")
    await backups.set_backup_passphrase(ctx.store, actor, PASSPHRASE, PASSPHRASE)
    await backups.save_schedule(
        ctx.store,
        actor,
        Schedule(enabled=True, at="02:30", folder=str(folder), keep_daily=2, keep_weekly=0),
    )
    clock = FakeClock(datetime(2026, 3, 1, 1, 0, tzinfo=MOSCOW).astimezone(UTC))
    scheduler = BackupScheduler(ctx.store, ctx.data_dir, MOSCOW, clock)

    assert await scheduler.tick() is False
    made = []
    for day in range(4):
        clock.moment = datetime(2026, 3, 1 + day, 2, 29, tzinfo=MOSCOW)
        assert await scheduler.tick() is False
        clock.moment = datetime(2026, 3, 1 + day, 2, 30, 5, tzinfo=MOSCOW)
        assert await scheduler.tick() is True
        assert await scheduler.tick() is False  # once a day
        made.append(backup_name(clock.moment.astimezone(MOSCOW)))

    assert sorted(p.name for p in folder.iterdir()) == made[-2:]
    checked = verify_backup(folder / made[-1], PASSPHRASE)
    assert checked.manifest.row_counts["users"] == 1
    settings = await backups.backup_settings(ctx.store, actor, zone=MOSCOW, now=clock.moment)
    assert [r.trigger for r in settings.runs[:4]] == ["schedule"] * 4
    assert all(r.result == "ok" and r.size > 0 for r in settings.runs[:4])
    assert settings.next_run == datetime(2026, 3, 5, 2, 30, tzinfo=MOSCOW)
    assert [name for name, _ in settings.files] == sorted(made[-2:], reverse=True)


async def test_a_failed_scheduled_backup_is_recorded_and_logged(
    ctx: AppContext, admin: Account, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "nas"
    folder.mkdir()
    actor = Actor.user(admin.id)
    await backups.set_backup_passphrase(ctx.store, actor, PASSPHRASE, PASSPHRASE)
    await backups.save_schedule(ctx.store, actor, Schedule(enabled=True, folder=str(folder)))
    folder.rmdir()  # the NAS is not mounted tonight
    clock = FakeClock(datetime(2026, 3, 1, 2, 0, tzinfo=MOSCOW))
    scheduler = BackupScheduler(ctx.store, ctx.data_dir, MOSCOW, clock)
    await scheduler.tick()
    clock.moment = datetime(2026, 3, 1, 2, 31, tzinfo=MOSCOW)
    with caplog.at_level(logging.ERROR, logger="tiketnitsa.backup"):
        assert await scheduler.tick() is True
    assert "scheduled backup failed" in caplog.text
    assert PASSPHRASE not in caplog.text
    settings = await backups.backup_settings(ctx.store, actor, zone=MOSCOW)
    (run,) = settings.runs
    assert (run.result, run.trigger, run.error_key) == (
        "failed",
        "schedule",
        "backup.folder_missing",
    )


async def test_only_admins_manage_backups_and_each_change_is_audited(
    ctx: AppContext, admin: Account, add_user, tmp_path: Path
) -> None:
    technician = add_user("technician")
    tech = Actor.user(technician.id)
    with pytest.raises(Forbidden):
        await backups.set_backup_passphrase(ctx.store, tech, PASSPHRASE, PASSPHRASE)
    with pytest.raises(Forbidden):
        await backups.backup_settings(ctx.store, tech, zone=MOSCOW)
    with pytest.raises(Forbidden):
        await backups.save_schedule(ctx.store, tech, Schedule(folder=str(tmp_path)))
    actor = Actor.user(admin.id, remote_addr="10.0.0.9")
    with pytest.raises(InvalidInput) as differ:
        await backups.set_backup_passphrase(ctx.store, actor, PASSPHRASE, PASSPHRASE + "x")
    assert differ.value.key == "backup.passphrases_differ"
    with pytest.raises(InvalidInput) as missing:
        await backups.save_schedule(
            ctx.store, actor, Schedule(enabled=True, folder=str(tmp_path / "none"))
        )
    assert missing.value.key == "backup.folder_missing"
    await backups.set_backup_passphrase(ctx.store, actor, PASSPHRASE, PASSPHRASE)
    await backups.save_schedule(ctx.store, actor, Schedule(enabled=True, folder=str(tmp_path)))
    audit = ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT action, user_id, remote_addr, detail FROM audit_log"
            " WHERE action LIKE 'backup.%' ORDER BY id"
        ).fetchall()
    )
    assert [(a, u, r) for a, u, r, _ in audit] == [
        ("backup.passphrase", admin.id, "10.0.0.9"),
        ("backup.schedule", admin.id, "10.0.0.9"),
    ]
    assert all(PASSPHRASE not in str(d) for *_, d in audit)


async def test_a_new_passphrase_in_settings_rewraps_the_backups_in_the_folder(
    ctx: AppContext, admin: Account, tmp_path: Path
) -> None:
    from appliance.backup.format import HEADER_SIZE, BackupError

    folder = tmp_path / "usb"
    folder.mkdir()
    actor = Actor.user(admin.id)
    await backups.set_backup_passphrase(ctx.store, actor, PASSPHRASE, PASSPHRASE)
    await backups.save_schedule(ctx.store, actor, Schedule(enabled=True, folder=str(folder)))
    for day in (1, 2):
        await backups.back_up_to_folder(
            ctx.store, actor, data_dir=ctx.data_dir,
            now_local=datetime(2026, 3, day, 2, 30, tzinfo=MOSCOW), trigger="manual",
        )  # fmt: skip
    # A backup made elsewhere, under another passphrase, copied into the folder: left alone.
    from appliance.backup.format import WrappingKey
    from appliance.backup.snapshot import create_backup_file

    foreign = folder / backup_name(datetime(2026, 2, 1, 2, 30))
    create_backup_file(
        ctx.store, ctx.data_dir, foreign, WrappingKey.from_passphrase("another passphrase 1")
    )
    bodies = {p.name: p.read_bytes()[HEADER_SIZE:] for p in folder.iterdir()}

    new = "a third passphrase, longer"
    rewrapped = await backups.set_backup_passphrase(ctx.store, actor, new, new)

    assert rewrapped == 2
    for path in folder.iterdir():
        assert path.read_bytes()[HEADER_SIZE:] == bodies[path.name]
        if path == foreign:
            verify_backup(path, "another passphrase 1")
            continue
        verify_backup(path, new)
        with pytest.raises(BackupError):
            verify_backup(path, PASSPHRASE)
