"""Reading spreadsheets as offices export them, and guessing which column is which field."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from appliance.clients_import.cells import day, text, whole_number
from appliance.clients_import.kinds import KINDS, fields_of
from appliance.clients_import.mapping import guess_mapping
from appliance.clients_import.reading import MAX_ROWS, read_table, sniff_delimiter
from appliance.clients_import.sheet import column_letter, find_sheet
from appliance.clients_import.writing import write_csv
from appliance.domain.errors import InvalidInput
from appliance.i18n import LANGUAGES, t
from tests.clients_import.files import csv_bytes, xlsx


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_exports_headers_map_to_their_fields(kind: str, lang: str) -> None:
    fields = fields_of(kind)
    headers = [t(f.label_key, lang) for f in fields]
    assert guess_mapping(kind, headers) == tuple(f.name for f in fields)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["ФИО", "Тел.", "Эл. почта", "Учётная запись"], ("full_name", "phone", "email", "logins")),
        (
            ["Full name", "E-mail", "Username", "Key person"],
            ("full_name", "email", "logins", "key_person"),
        ),
        (["№ п/п", "Сотрудник", "Должность"], (None, "full_name", "position")),
    ],
)
def test_headers_as_people_write_them_are_guessed(headers: list[str], expected: tuple) -> None:
    assert guess_mapping("people", headers) == expected


def test_the_header_is_found_below_a_title_and_lines_are_the_files_own() -> None:
    data = csv_bytes(
        [("ФИО", "Примечания"), ("Анна", "строка один\nстрока два"), ("Олег", "")],
        title=["Сотрудники ООО «Ромашка»"],
    )
    sheet = find_sheet("people", read_table(data, "p.csv"))
    assert sheet.header_line == 3
    # A quoted cell over two lines: the next row starts on line 6, as an editor shows it.
    assert [row.line for row in sheet.rows] == [4, 6]
    assert sheet.rows[0].cells[1] == "строка один\nстрока два"


def test_xlsx_cells_keep_their_types() -> None:
    data = xlsx([("Продукт", "Мест", "Действует до"), ("Office", 5.0, datetime(2027, 1, 31))])
    sheet = find_sheet("licenses", read_table(data, "l.xlsx"))
    (row,) = sheet.rows
    assert whole_number(row.cells[1]) == 5
    assert day(row.cells[2]) == date(2027, 1, 31)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(123456789.0, "123456789"), (1.5, "1.5"), (datetime(2026, 3, 1), "2026-03-01"), (None, "")],
)
def test_cells_as_text(cell: object, expected: str) -> None:
    assert text(cell) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("31.12.2026", date(2026, 12, 31)),
        ("2026-12-31", date(2026, 12, 31)),
        ("31.12.26", date(2026, 12, 31)),
        ("", None),
    ],
)
def test_text_dates(value: str, expected: date | None) -> None:
    assert day(value) == expected


def test_separators_are_sniffed() -> None:
    assert sniff_delimiter("ФИО;Должность\nАнна;Бухгалтер, главный\n") == ";"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"


def test_formula_like_text_survives_an_export_and_import() -> None:
    data = write_csv(["Примечания"], [['=HYPERLINK("x")'], ["-не трогать"]])
    assert b"'=HYPERLINK" in data  # a spreadsheet shows it as text, never runs it
    rows = read_table(data, "x.csv").rows
    assert [row.cells[0] for row in rows[1:]] == ['=HYPERLINK("x")', "-не трогать"]


def test_too_many_rows_are_refused_not_cut() -> None:
    data = ("ФИО\n" + "Анна\n" * (MAX_ROWS + 1)).encode()
    with pytest.raises(InvalidInput) as refused:
        read_table(data, "big.csv")
    assert refused.value.key == "import.error.too_many_rows"


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
