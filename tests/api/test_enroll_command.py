"""``tiketnitsa enroll-code create|list|revoke``, ``tiketnitsa device list|revoke`` and the code
rules behind them. The test installation speaks Russian, so the commands do too."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from appliance.cli import main
from appliance.domain.clock import utc_now
from appliance.store.devices import (
    EnrollmentRefused,
    code_hash,
    enroll,
    list_codes,
    new_code,
    normalise_code,
)
from tests.api.support import add_org

CODE = re.compile(r"Код подключения: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")


@pytest.fixture
def org(ctx):
    return ctx.store.write_sync(lambda conn: add_org(conn, "Acme Ltd", login="a", hostname="h"))


def test_create_prints_the_code_once_and_keeps_only_its_hash(ctx, org, capsys) -> None:
    assert main(["enroll-code", "create", "--org", "acme ltd", "--uses", "3", "--days", "2"]) == 0
    out = capsys.readouterr().out
    code = CODE.search(out).group(1)
    assert "Для: Acme Ltd; подключит до 3 компьютер(ов)" in out
    assert "больше он показан не будет" in out
    rows = ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT code_hash, code_prefix, max_uses, org_id FROM enrollment_codes"
        ).fetchall()
    )
    assert rows == [(code_hash(code), code[:4], 3, org.id)]
    dump = ctx.store.read_sync(
        lambda conn: (
            repr(conn.execute("SELECT * FROM enrollment_codes").fetchall())
            + repr(conn.execute("SELECT * FROM audit_log").fetchall())
        )
    )
    assert normalise_code(code) not in dump
    assert code not in dump
    listed = ctx.store.read_sync(list_codes)[0]
    assert listed.expires_at - listed.created_at == timedelta(days=2)
    audit = ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT action, object_id FROM audit_log WHERE action LIKE 'enrollment_code.%'"
        ).fetchall()
    )
    assert audit == [("enrollment_code.create", listed.id)]


def test_list_shows_prefix_and_state_and_revoke_stops_the_code(ctx, org, capsys) -> None:
    main(["enroll-code", "create", "--org", "Acme Ltd"])
    code = CODE.search(capsys.readouterr().out).group(1)
    assert main(["enroll-code", "list"]) == 0
    listing = capsys.readouterr().out
    assert f"{code[:4]}-…  Acme Ltd  использован 0/1" in listing
    assert "Действует" in listing
    assert code not in listing
    code_id = ctx.store.read_sync(list_codes)[0].id
    assert main(["enroll-code", "revoke", str(code_id)]) == 0
    assert f"Код {code_id} отозван." in capsys.readouterr().out
    assert main(["enroll-code", "revoke", str(code_id)]) == 0
    assert "уже был отозван" in capsys.readouterr().out
    main(["enroll-code", "list"])
    assert "Отозван" in capsys.readouterr().out
    with pytest.raises(EnrollmentRefused) as refused:
        ctx.store.write_sync(
            lambda conn: enroll(conn, code=code, hostname="", os_user="", now=utc_now())
        )
    assert refused.value.reason == "revoked"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["create", "--org", "Nobody"], "нет организации с названием «Nobody»"),
        (["create", "--org", "Acme Ltd", "--uses", "0"], "--uses должно быть от 1 до 1000"),
        (["create", "--org", "Acme Ltd", "--days", "400"], "--days должно быть от 1 до 365"),
        (["revoke", "99"], "нет кода подключения с id 99"),
    ],
)
def test_mistakes_are_one_sentence_and_change_nothing(ctx, org, capsys, argv, message) -> None:
    assert main(["enroll-code", *argv]) == 1
    assert capsys.readouterr().err.strip() == f"tiketnitsa: {message}"
    assert ctx.store.read_sync(list_codes) == []


def test_codes_are_random_grouped_and_forgiving_when_typed() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(
            r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code
        )
    assert normalise_code(" ab1o-il12 -zz0o ") == "AB101112ZZ00"
    assert code_hash("AB10-1112-ZZ00") == code_hash("ab1o il12 zzoo")


def test_enrolment_checks_revoked_then_used_up_then_expiry(ctx, org) -> None:
    from appliance.store.devices import create_code

    now = utc_now()
    created = ctx.store.write_sync(
        lambda conn: create_code(conn, org_id=org.id, max_uses=1, days=1, now=now)
    )

    def attempt(moment):
        return ctx.store.write_sync(
            lambda conn: enroll(conn, code=created.code, hostname="", os_user="", now=moment)
        )

    with pytest.raises(EnrollmentRefused) as late:
        attempt(now + timedelta(days=1, seconds=1))
    assert late.value.reason == "expired"
    assert attempt(now).org_name == "Acme Ltd"
    with pytest.raises(EnrollmentRefused) as again:
        attempt(now)
    assert again.value.reason == "used_up"


def test_device_list_and_revoke_stop_the_token_and_are_audited(ctx, org, capsys) -> None:
    from appliance.store.devices import create_code, token_owner

    created = ctx.store.write_sync(
        lambda conn: create_code(conn, org_id=org.id, max_uses=1, days=1, now=utc_now())
    )
    device = ctx.store.write_sync(
        lambda conn: enroll(
            conn, code=created.code, hostname="ACC-01", os_user="anna", now=utc_now()
        )
    )
    assert main(["device", "list"]) == 0
    listing = capsys.readouterr().out
    assert f"{device.device_id:>5}  Acme Ltd  ACC-01  anna" in listing
    assert "действует" in listing and "никогда" in listing

    assert main(["device", "revoke", str(device.device_id)]) == 0
    assert "больше не принимается" in capsys.readouterr().out
    owner = ctx.store.read_sync(lambda conn: token_owner(conn, device.token))
    assert owner is not None and owner.revoked  # the API answers this token 401
    assert main(["device", "revoke", str(device.device_id)]) == 0
    assert "уже был отключён" in capsys.readouterr().out
    audit = ctx.store.read_sync(
        lambda conn: conn.execute(
            "SELECT action, object_id, detail FROM audit_log WHERE action = 'device.revoke'"
        ).fetchall()
    )
    assert audit == [("device.revoke", device.device_id, "via=cli")]
    main(["device", "list"])
    assert "отозван" in capsys.readouterr().out


def test_revoking_an_unknown_device_is_one_sentence(ctx, org, capsys) -> None:
    assert main(["device", "revoke", "42"]) == 1
    assert capsys.readouterr().err.strip() == "tiketnitsa: нет подключённого компьютера с id 42"


def test_device_list_into_a_reader_that_has_gone_gets_no_traceback(ctx, org, data_dir) -> None:
    """``tiketnitsa device list | head``: the reader may leave before the listing is written."""
    import subprocess
    import sys

    from appliance.store.devices import create_code
    from tests.commands.helpers import REPO

    created = ctx.store.write_sync(
        lambda conn: create_code(conn, org_id=org.id, max_uses=1, days=1, now=utc_now())
    )
    ctx.store.write_sync(
        lambda conn: enroll(conn, code=created.code, hostname="ACC-01", os_user="a", now=utc_now())
    )
    lister = subprocess.Popen(
        [sys.executable, "-m", "appliance.cli", "device", "list", "--data-dir", str(data_dir.path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert lister.stdout is not None and lister.stderr is not None
    lister.stdout.close()  # gone before the command prints anything
    code = lister.wait(timeout=60)
    assert (code, lister.stderr.read()) == (0, b"")
