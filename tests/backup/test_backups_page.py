"""Settings -> Backups in the window (NiceGUI ``user``): set the passphrase (strength shown,
typed twice), set the schedule, back up now, see the run and download the file; only admins."""

from __future__ import annotations

from pathlib import Path

from nicegui import ui
from nicegui.testing import User

from appliance.backup.restore import verify_backup
from tests.backup.support import PASSPHRASE
from tests.conftest import Account


def set_value(user: User, marker: str, value: object) -> None:
    (element,) = user.find(marker=marker).elements
    with user:
        element.value = value  # type: ignore[attr-defined]


async def test_admin_sets_up_backups_and_backs_up_now(
    user: User, log_in, admin: Account, ctx, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    await log_in(admin)
    await user.open("/settings")
    await user.should_not_see(marker="settings-backup-failed")
    user.find(marker="settings-backups").click()
    await user.should_see(marker="backup-next")
    await user.should_see("Задайте парольную фразу и папку")

    user.find(marker="pass-new").type("short")
    await user.should_see("Слишком короткая")
    user.find(marker="pass-new").clear().type(PASSPHRASE)
    await user.should_see(marker="pass-strength")
    user.find(marker="pass-repeat").type(PASSPHRASE + "!")
    user.find(marker="pass-save").click()
    await user.should_see("Парольные фразы не совпадают.")
    user.find(marker="pass-repeat").clear().type(PASSPHRASE)
    user.find(marker="pass-save").click()
    await user.should_see("Парольная фраза сохранена", retries=100)

    set_value(user, "sched-folder", str(folder))
    set_value(user, "sched-at", "03:15")
    set_value(user, "sched-enabled", True)
    user.find(marker="sched-save").click()
    await user.should_see("Расписание сохранено")
    await user.should_see("Следующая копия по расписанию")
    assert "03:15" in " ".join(
        el.text
        for el in user.find(marker="backup-next").elements  # type: ignore[attr-defined]
    )

    user.find(marker="backup-now").click()
    await user.should_see("Копия сделана", retries=200)
    (made,) = list(folder.iterdir())
    assert verify_backup(made, PASSPHRASE).manifest.row_counts["users"] == 1
    links = [el for el in user.find(marker="backup-files").elements]
    assert links
    listed = user.find(kind=ui.link).elements
    assert [el.props.get("href") for el in listed if made.name in el.text] == [  # type: ignore[attr-defined]
        f"/ui/backups/{made.name}"
    ]
    (table,) = user.find(marker="backup-runs").elements
    (run,) = table.rows  # type: ignore[attr-defined]
    assert (run["result"], run["how"], run["file"]) == ("готово", "вручную", made.name)

    answer = await user.http_client.get(f"/ui/backups/{made.name}")
    assert answer.status_code == 200
    assert answer.content == made.read_bytes()
    missing = await user.http_client.get("/ui/backups/..%2Fstore.key")
    assert missing.status_code == 404


async def test_a_failed_run_is_shown_at_the_top(
    user: User, log_in, admin: Account, ctx, tmp_path: Path, caplog
) -> None:
    from appliance.services import backup as backups
    from appliance.services.actor import Actor
    from appliance.services.backup import Schedule

    folder = tmp_path / "nas"
    folder.mkdir()
    actor = Actor.user(admin.id)
    await backups.set_backup_passphrase(ctx.store, actor, PASSPHRASE, PASSPHRASE)
    await backups.save_schedule(ctx.store, actor, Schedule(enabled=True, folder=str(folder)))
    folder.rmdir()
    await log_in(admin)
    await user.open("/settings/backups")
    user.find(marker="backup-now").click()
    await user.should_see(marker="backup-failure", retries=100)
    await user.should_see("не существует или недоступна для записи")
    # The failure is in the log too, at ERROR: expected here, so taken off the fixture's list.
    failures = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(failures) == 1 and "backup.folder_missing" in failures[0].getMessage()
    assert PASSPHRASE not in failures[0].getMessage()
    caplog.clear()
    await user.open("/settings")
    await user.should_see(marker="settings-backup-failed")


async def test_technicians_may_not_open_it(user: User, log_in, add_user) -> None:
    technician = add_user("technician")
    await log_in(technician)
    await user.open("/settings/backups")
    await user.should_not_see(marker="backup-now")
    answer = await user.http_client.get("/ui/backups/anything.tkbak")
    assert answer.status_code in (401, 403)
