"""The import dialog of the client card (NiceGUI ``user`` fixture): a bad file shows every
problem with its line and column and writes nothing; a select per column changes the mapping;
a good file imports, the tab redraws, the mapping is remembered; managers have no button."""

from __future__ import annotations

from typing import Any

from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User

from appliance.context import AppContext
from appliance.store.organizations import create_organization
from tests.clients_import.files import EQUIPMENT_HEADER, csv_bytes, equipment_rows, xlsx
from tests.ui.card_support import element, rows

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def count(ctx: AppContext, table: str) -> int:
    return ctx.store.read_sync(lambda c: c.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


async def open_dialog(user: User, org: int, kind: str = "equipment") -> None:
    await user.open(f"/clients/{org}?tab={kind}")
    user.find(marker=f"import-{kind}").click()
    await user.should_see(marker="import-dialog", retries=30)


async def upload(user: User, name: str, data: bytes) -> None:
    box = element(user, "import-upload")
    assert isinstance(box, ui.upload)
    with user:
        await box.handle_uploads([SmallFileUpload(name, XLSX_TYPE, data)])
    await user.should_see(marker="import-summary", retries=50)


def problems(user: User) -> list[str]:
    found = user.find(marker="import-problems").elements
    return [e.text for box in found for e in box.descendants() if isinstance(e, ui.label)]


def summary(user: User) -> str:
    return element(user, "import-summary").text


def run_enabled(user: User) -> bool:
    return bool(element(user, "import-run").enabled)


async def test_a_bad_row_is_shown_with_line_and_column_and_nothing_is_written(
    user: User, log_in, add_user, ctx
) -> None:
    org = ctx.store.write_sync(lambda c: create_organization(c, name="ООО «Ромашка»"))
    await log_in(add_user("technician"))
    await open_dialog(user, org)
    data = equipment_rows(12)
    data[4] = (*data[4][:4], "00:11:22", *data[4][5:])  # line 6: MAC cut short
    before = (count(ctx, "equipment"), count(ctx, "audit_log"))
    await upload(user, "оборудование.csv", csv_bytes([EQUIPMENT_HEADER, *data], encoding="cp1251"))
    assert summary(user) == "оборудование.csv: строк — 12, без ошибок — 11, ошибок — 1"
    assert problems(user) == [
        "Строка 6, столбец «MAC»: «00:11:22» — не MAC-адрес (пример: 00:1a:2b:3c:4d:5e)"
    ]
    assert not run_enabled(user)
    assert (count(ctx, "equipment"), count(ctx, "audit_log")) == before


async def test_the_mapping_is_chosen_per_column_then_the_file_imports_and_is_remembered(
    user: User, log_in, admin, ctx
) -> None:
    org = ctx.store.write_sync(lambda c: create_organization(c, name="ООО «Ромашка»"))
    await log_in(admin)
    await open_dialog(user, org)
    header = ("Инв. №", "Устройство", "IP")
    await upload(user, "опись.xlsx", xlsx([header, ("INV-1", "ПК бухгалтера", "10.0.0.5")]))
    selects: list[Any] = [element(user, f"import-map-{i}") for i in range(3)]
    assert [s.value for s in selects] == ["", "name", "ip"]  # "Инв. №" is not guessed
    assert run_enabled(user)
    element(user, "import-map-0").set_value("serial")
    await user.should_see(marker="import-summary", retries=30)
    assert element(user, "import-map-0").value == "serial"
    user.find(marker="import-run").click()
    await user.should_see("Импортировано строк: 1", retries=50)
    await user.should_not_see(marker="import-dialog", retries=30)
    table = rows(user, "equipment-table")
    assert [r["name"] for r in table] == ["ПК бухгалтера"]
    serial = ctx.store.read_sync(lambda c: c.execute("SELECT serial FROM equipment").fetchone()[0])
    assert serial == "INV-1"
    # The next file of this client maps "Инв. №" by itself.
    await open_dialog(user, org)
    await upload(user, "опись2.xlsx", xlsx([("IP", "Инв. №", "Устройство"), ("", "INV-2", "МФУ")]))
    assert [element(user, f"import-map-{i}").value for i in range(3)] == ["ip", "serial", "name"]


async def test_a_required_column_left_out_blocks_the_import(user: User, log_in, admin, ctx) -> None:
    org = ctx.store.write_sync(lambda c: create_organization(c, name="Ромашка"))
    await log_in(admin)
    await open_dialog(user, org, "people")
    await upload(user, "люди.xlsx", xlsx([("ФИО", "Должность"), ("Анна", "Бухгалтер")]))
    assert run_enabled(user)
    element(user, "import-map-0").set_value("")
    await user.should_see(marker="import-problems", retries=30)
    assert problems(user) == ["Ни один столбец не выбран как «ФИО», а это поле обязательно"]
    assert not run_enabled(user)


async def test_a_file_that_is_no_spreadsheet_is_refused_plainly(
    user: User, log_in, admin, ctx
) -> None:
    org = ctx.store.write_sync(lambda c: create_organization(c, name="Ромашка"))
    await log_in(admin)
    await open_dialog(user, org, "licenses")
    box = element(user, "import-upload")
    with user:
        await box.handle_uploads([SmallFileUpload("ключи.xlsx", XLSX_TYPE, b"PK\x03\x04junk")])
    await user.should_see("Файл XLSX повреждён или это не таблица Excel", retries=30)
    await user.should_not_see(marker="import-summary")


async def test_managers_get_no_import_button(user: User, log_in, add_user, ctx) -> None:
    org = ctx.store.write_sync(lambda c: create_organization(c, name="Ромашка"))
    await log_in(add_user("manager"))
    for kind in ("people", "equipment", "credentials", "licenses"):
        await user.open(f"/clients/{org}?tab={kind}")
        await user.should_see(marker="card-title")
        await user.should_not_see(marker=f"import-{kind}")


async def test_export_downloads_what_the_import_reads_back(user: User, log_in, admin, ctx) -> None:
    org = ctx.store.write_sync(lambda c: create_organization(c, name="Ромашка"))
    await log_in(admin)
    await open_dialog(user, org)
    await upload(user, "eq.xlsx", xlsx([EQUIPMENT_HEADER, *equipment_rows(5)]))
    user.find(marker="import-run").click()
    await user.should_see("Импортировано строк: 5", retries=50)
    user.find(marker="export-equipment").click()
    user.find(marker="export-equipment-csv").click()
    response = await user.download.next(timeout=5)
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Тип;Наименование;Имя хоста;Модель;Серийный номер")
    assert "pc-00005" in text and len(text.strip().splitlines()) == 6
    (row,) = [
        r
        for r in ctx.store.read_sync(
            lambda c: c.execute(
                "SELECT action, detail FROM audit_log WHERE action LIKE '%.export'"
            ).fetchall()
        )
    ]
    assert row == ("equipment.export", "rows=5 format=csv secrets=no")
