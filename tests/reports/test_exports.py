"""The exports read back by other programs: the PDF through ``pdftotext`` (Cyrillic names and
totals intact), the XLSX through openpyxl (real number and date cells, frozen header, auto
filter, red fill on exactly the additional-work rows) and through LibreOffice (converted
headless without error), the CSV as Excel reads it (BOM, ``;`` and decimal commas)."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import subprocess
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from appliance.reports import export_csv, export_pdf, export_xlsx
from appliance.reports.document import Document
from appliance.services.actor import Actor
from appliance.services.reports import ReportQuery, report_document
from appliance.store import Store
from tests.reports.world import INTERNAL_NOTE, INTERNAL_WORK, MAY, NOW, ReportWorld

ADDITIONAL_TEXTS = {"Подключили второй монитор по просьбе", "Заменили картридж дополнительно"}


def work_doc(store: Store, world: ReportWorld, lang: str = "ru") -> Document:
    return asyncio.run(
        report_document(
            store,
            Actor.cli(),
            ReportQuery("work", MAY, org_id=world.romashka),
            lang=lang,
            time_zone="Europe/Moscow",
            now=NOW,
        )
    )


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def test_pdf_keeps_cyrillic_names_and_totals(store: Store, world: ReportWorld, tmp_path) -> None:
    text = pdf_text(export_pdf.render(work_doc(store, world)), tmp_path)
    for expected in (
        "Отчёт о выполненных работах",
        "Организация: ООО Ромашка",
        "Ирина Петрова",
        "Анна Иванова",
        "Борис Петров",
        "Подключили второй монитор по просьбе",
        "Всего работ за период",
        "3 ч 20 мин",  # 200 minutes
        "Дополнительные работы по просьбе пользователя",
        "1 ч 30 мин",  # 90 minutes of additional work
        "2 ч 35 мин",  # Anna's 155
        "Итого по заявке",
    ):
        assert expected in text, expected
    assert INTERNAL_NOTE not in text and INTERNAL_WORK not in text


def test_every_pdf_page_is_numbered_of_the_total(
    store: Store, world: ReportWorld, tmp_path: Path
) -> None:
    # Enough rows for several pages: the footer is written once the page count is known.
    report = work_doc(store, world)
    (actions,) = [table for table in report.tables if table.in_pdf and len(table.rows) > 3]
    long = replace(report, tables=(replace(actions, rows=actions.rows * 40),))
    path = tmp_path / "long.pdf"
    path.write_bytes(export_pdf.render(long))
    pages = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, check=True, timeout=60, text=True
    ).stdout
    total = int(next(line for line in pages.splitlines() if line.startswith("Pages:")).split()[1])
    assert total >= 3
    for number in (1, 2, total):
        page = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            check=True,
            timeout=60,
            text=True,
        ).stdout
        footer = rf"Тикетница — Отчёт о выполненных работах\s+{number}/{total}\s*$"
        assert re.search(footer, page.strip()), page[-200:]


@pytest.mark.parametrize("kind", ["categories", "efficiency", "sla"])
def test_every_report_makes_a_readable_pdf(
    store: Store, world: ReportWorld, tmp_path, kind
) -> None:
    report = asyncio.run(
        report_document(
            store,
            Actor.cli(),
            ReportQuery(kind, MAY),
            lang="ru",
            time_zone="Europe/Moscow",
            now=NOW,
        )
    )
    text = pdf_text(export_pdf.render(report), tmp_path)
    assert report.title in text
    assert report.tables[0].title in text
    if kind == "sla":
        assert "ООО Ромашка" in text and "76 ч" not in text  # durations read "3 д 4 ч"-style
        assert "3 д 4 ч" in text  # T3: 76.5 business hours overdue = 3 d 4 h (and 30 min)


def test_xlsx_has_real_cells_frozen_header_filter_and_red_fill(
    store: Store, world: ReportWorld, tmp_path
) -> None:
    report = work_doc(store, world)
    book = load_workbook(io.BytesIO(export_xlsx.render(report)))
    assert book.sheetnames[0] == "Отчёт"
    actions = book["Выполненные работы"]
    assert actions.freeze_panes == "A2"
    assert actions.auto_filter.ref == f"A1:G{actions.max_row}"
    header = [c.value for c in actions[1]]
    assert header[0] == "№" and header[5] == "Время, мин"
    body = list(actions.iter_rows(min_row=2))
    assert len(body) == 6  # the six pieces of work, no subtotal lines
    red = [row for row in body if row[0].fill.fgColor.rgb.endswith("FFC7CE")]
    assert {row[4].value for row in red} == ADDITIONAL_TEXTS
    assert len(red) == 2
    for row in body:
        assert isinstance(row[0].value, int)  # the ticket number is a number
        assert isinstance(row[1].value, datetime)  # the moment is a date-time cell ...
        assert row[1].number_format == "DD.MM.YYYY HH:MM"
        assert isinstance(row[5].value, int)  # ... and minutes are numbers
    assert body[0][1].value == datetime(2024, 5, 14, 10, 30)  # local (Moscow) time
    # Nothing else in the workbook is filled red.
    others = [
        cell
        for sheet in book.worksheets
        if sheet.title != "Выполненные работы"
        for row in sheet.iter_rows()
        for cell in row
        if cell.fill.fgColor.rgb and cell.fill.fgColor.rgb.endswith("FFC7CE")
    ]
    assert others == []
    totals = book["Итоги за период"]
    assert [c.value for c in totals[2]] == ["Всего работ за период", 200]
    assert INTERNAL_NOTE not in repr([c.value for s in book for r in s.iter_rows() for c in r])


def test_xlsx_durations_are_time_cells(store: Store, world: ReportWorld) -> None:
    report = asyncio.run(
        report_document(
            store,
            Actor.cli(),
            ReportQuery("efficiency", MAY),
            lang="ru",
            time_zone="Europe/Moscow",
            now=NOW,
        )
    )
    book = load_workbook(io.BytesIO(export_xlsx.render(report)))
    team = book["Команда"]
    median = team.cell(row=2, column=3)
    assert median.number_format == "[h]:mm"
    assert median.value == timedelta(seconds=4950)  # read back as a duration, not text
    assert team.cell(row=2, column=5).number_format == "0%"


def test_csv_for_russian_excel(store: Store, world: ReportWorld) -> None:
    data = export_csv.render(work_doc(store, world))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Отчёт о выполненных работах"]
    header = rows.index(
        ["№", "Когда", "Кто", "Вид работ", "Что сделано", "Время (мин)", "Доп. работа"]
    )
    actions = rows[header + 1 : header + 7]
    assert [r[5] for r in actions] == ["30", "45", "60", "20", "15", "30"]
    assert actions[0][1] == "14.05.2024 10:30"
    assert {r[4] for r in actions if r[6] == "Да"} == ADDITIONAL_TEXTS
    assert INTERNAL_NOTE not in data.decode("utf-8-sig")


def test_csv_separator_and_decimals_as_chosen(store: Store, world: ReportWorld) -> None:
    report = asyncio.run(
        report_document(
            store,
            Actor.cli(),
            ReportQuery("efficiency", MAY),
            lang="ru",
            time_zone="Europe/Moscow",
            now=NOW,
        )
    )
    semicolon = export_csv.render(report).decode("utf-8-sig")
    comma = export_csv.render(report, ",").decode("utf-8-sig")
    team_ru = next(
        r for r in csv.reader(io.StringIO(semicolon), delimiter=";") if r[:1] == ["Вся команда"]
    )
    team_en = next(r for r in csv.reader(io.StringIO(comma)) if r[:1] == ["Вся команда"])
    assert team_ru[2] == "1,38"  # 4950 s in hours, decimal comma
    assert team_en[2] == "1.38"
    assert team_ru[4] == "66,7"  # per cent
    with pytest.raises(ValueError):
        export_csv.render(report, "|")


def test_libreoffice_converts_the_xlsx(store: Store, world: ReportWorld, tmp_path: Path) -> None:
    source = tmp_path / "work.xlsx"
    source.write_bytes(export_xlsx.render(work_doc(store, world)))
    home = tmp_path / "lo-home"
    home.mkdir()
    out = tmp_path / "out"
    # Its own profile and HOME, so that parallel runs never share a LibreOffice user directory.
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{home}/profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Error" not in done.stderr
    converted = sorted(out.glob("*.csv"))
    assert converted, done.stdout.decode(errors="replace")
    text = "\n".join(p.read_text(encoding="utf-8") for p in converted)
    assert "Подключили второй монитор по просьбе" in text
