"""``tiketnitsa org add/list``, ``import`` and ``export`` for scripts: exit codes, one line per
bad row, nothing written when refused, and export -> import round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appliance.context import AppContext
from tests.clients_import.files import EQUIPMENT_HEADER, csv_bytes, equipment_rows, xlsx
from tests.commands.helpers import cli, cli_process


def count(ctx: AppContext, table: str) -> int:
    return ctx.store.read_sync(lambda c: c.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_org_add_and_list(ctx: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    added = cli(capsys, "org", "add", "ООО «Ромашка»", "--short", "Ромашка")
    assert added.code == 0 and "«ООО «Ромашка»» добавлена" in added.out
    assert cli(capsys, "org", "add", "АО Стрела", "--plan", "default").code == 0
    listed = cli(capsys, "org", "list", "--json")
    assert listed.code == 0
    rows = json.loads(listed.out)
    assert [(r["name"], r["short_name"], r["active"], r["people"]) for r in rows] == [
        ("АО Стрела", "", True, 0),
        ("ООО «Ромашка»", "Ромашка", True, 0),
    ]
    text = cli(capsys, "org", "list")
    assert "ООО «Ромашка» (Ромашка)" in text.out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["org", "add", "ООО «Ромашка»"], 5, "уже есть"),  # the name is taken: conflict
        (["org", "add", "   "], 1, "Укажите название организации"),
        (["org", "add", "Новая", "--plan", "Нет такого"], 3, ""),
    ],
)
def test_org_add_refusals(
    ctx: AppContext, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    cli(capsys, "org", "add", "ООО «Ромашка»")
    before = count(ctx, "organizations")
    refused = cli(capsys, *argv)
    assert refused.code == code
    assert refused.err.startswith("tiketnitsa: ") and message in refused.err
    assert count(ctx, "organizations") == before


def test_import_refuses_a_bad_file_with_a_line_per_bad_row(
    ctx: AppContext, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cli(capsys, "org", "add", "ООО «Ромашка»", "--short", "Ромашка")
    rows = equipment_rows(10)
    rows[2] = (*rows[2][:3], "10.0.0.999", *rows[2][4:])  # line 4
    rows[6] = (*rows[6][:3], "не адрес", *rows[6][4:])  # line 8
    path = tmp_path / "оборудование.csv"
    path.write_bytes(csv_bytes([EQUIPMENT_HEADER, *rows], encoding="cp1251"))
    before = (count(ctx, "equipment"), count(ctx, "audit_log"))
    refused = cli(capsys, "import", "equipment", "--org", "Ромашка", str(path))
    assert refused.code == 1
    lines = refused.err.strip().splitlines()
    example = " (пример: 192.168.1.10)"
    assert lines[:2] == [
        "оборудование.csv: Строка 4, столбец «IP-адрес»: «10.0.0.999» — не IP-адрес" + example,
        "оборудование.csv: Строка 8, столбец «IP-адрес»: «не адрес» — не IP-адрес" + example,
    ]
    assert lines[2].startswith("tiketnitsa: Файл не импортирован: ошибок — 2")
    assert (count(ctx, "equipment"), count(ctx, "audit_log")) == before


def test_dry_run_checks_and_writes_nothing_then_the_import_writes(
    ctx: AppContext, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cli(capsys, "org", "add", "ООО «Ромашка»")
    path = tmp_path / "eq.xlsx"
    path.write_bytes(xlsx([EQUIPMENT_HEADER, *equipment_rows(25)]))
    checked = cli(capsys, "import", "equipment", "--org", "ООО «Ромашка»", str(path), "--dry-run")
    assert checked.code == 0 and "25" in checked.out
    assert count(ctx, "equipment") == 0
    done = cli(capsys, "import", "equipment", "--org", "ООО «Ромашка»", str(path))
    assert done.code == 0 and "Импортировано строк: 25" in done.out
    assert count(ctx, "equipment") == 25


def test_map_option_sets_a_column(
    ctx: AppContext, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cli(capsys, "org", "add", "Ромашка")
    path = tmp_path / "eq.xlsx"
    path.write_bytes(xlsx([("Инв. №", "Устройство"), ("INV-1", "ПК")]))
    done = cli(
        capsys, "import", "equipment", "--org", "Ромашка", str(path), "--map", "Инв. №=serial"
    )
    assert done.code == 0
    serial = ctx.store.read_sync(lambda c: c.execute("SELECT serial FROM equipment").fetchone()[0])
    assert serial == "INV-1"
    bad = cli(capsys, "import", "equipment", "--org", "Ромашка", str(path), "--map", "Нет=serial")
    assert bad.code == 1 and "нет столбца «Нет»" in bad.err


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["import", "equipment", "--org", "Нет такой", "{file}"], 3),  # unknown organisation
        (["import", "printers", "--org", "Ромашка", "{file}"], 2),  # unknown kind: usage
        (["import", "equipment", "--org", "Ромашка", "/nonexistent/file.csv"], 1),
    ],
)
def test_import_exit_codes(
    ctx: AppContext,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    argv: list[str],
    code: int,
) -> None:
    cli(capsys, "org", "add", "Ромашка")
    path = tmp_path / "eq.xlsx"
    path.write_bytes(xlsx([EQUIPMENT_HEADER, *equipment_rows(2)]))
    argv = [str(path) if a == "{file}" else a for a in argv]
    if code == 2:
        with pytest.raises(SystemExit) as usage:
            cli(capsys, *argv)
        assert usage.value.code == 2
    else:
        assert cli(capsys, *argv).code == code
    assert count(ctx, "equipment") == 0


def test_export_then_import_round_trips_through_the_command(
    ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, "org", "add", "Ромашка")
    cli(capsys, "org", "add", "Копия")
    source = tmp_path / "eq.xlsx"
    source.write_bytes(xlsx([EQUIPMENT_HEADER, *equipment_rows(40)]))
    assert cli(capsys, "import", "equipment", "--org", "Ромашка", str(source)).code == 0
    for fmt in ("xlsx", "csv"):
        out = tmp_path / f"export.{fmt}"
        exported = cli(capsys, "export", "equipment", "--org", "Ромашка", "--out", str(out))
        assert exported.code == 0 and "40" in exported.out
    copied = cli(capsys, "import", "equipment", "--org", "Копия", str(tmp_path / "export.csv"))
    assert copied.code == 0

    def held(name: str) -> list[tuple]:
        return ctx.store.read_sync(
            lambda c: c.execute(
                "SELECT kind, e.name, hostname, model, serial, ip, mac, location, e.notes"
                " FROM equipment AS e JOIN organizations AS o ON o.id = e.org_id"
                " WHERE o.name = ? ORDER BY hostname",
                (name,),
            ).fetchall()
        )

    assert held("Копия") == held("Ромашка") and len(held("Копия")) == 40
    wrong = cli(capsys, "export", "equipment", "--org", "Ромашка", "--out", str(tmp_path / "x.pdf"))
    assert wrong.code == 1 and ".xlsx" in wrong.err


def test_a_refused_import_as_a_real_process(ctx: AppContext, tmp_path: Path) -> None:
    """The exit code and the lines a script sees, with no traceback."""
    assert cli_process("org", "add", "Ромашка").code == 0
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([("ФИО", "Ключевой"), ("Анна", "да"), ("", "нет")], bom=True))
    done = cli_process("import", "people", "--org", "Ромашка", str(path))
    assert done.code == 1
    assert "people.csv: Строка 3, столбец «ФИО»: поле «ФИО» не заполнено" in done.err
    assert "Traceback" not in done.err
    assert count(ctx, "persons") == 0
