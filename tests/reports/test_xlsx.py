"""The streaming XLSX writer: what a spreadsheet program reads back is what was written."""

import datetime
import io
import zipfile
from decimal import Decimal

from openpyxl import load_workbook

from koers.reports.spreadsheets import to_xlsx
from koers.reports.xlsx import _column, write_xlsx


def read(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_values_keep_their_types_and_text_survives_markup():
    moment = datetime.datetime(2025, 3, 4, 13, 30, tzinfo=datetime.UTC)
    rows = [
        [1, 2.5, Decimal("3.25"), True, datetime.date(2024, 2, 29), moment],
        ["<b>&amp; \"quotes\" 'x'</b>", None, "tab\there\x01bell", "ünïcode — ✓", False, ""],
    ]
    book = read(write_xlsx([('Scores & <more> "x"', ["a", "b", "c", "d", "e", "f"], rows)]))
    (sheet,) = book.worksheets
    assert sheet.title == 'Scores & <more> "x"'
    assert [c.value for c in sheet[1]] == ["a", "b", "c", "d", "e", "f"]
    assert sheet["A1"].font.bold and not sheet["A2"].font.bold
    first = [c.value for c in sheet[2]]
    assert first[:4] == [1, 2.5, 3.25, True]
    assert first[4] == datetime.datetime(2024, 2, 29) and sheet["E2"].is_date
    assert first[5] == datetime.datetime(2025, 3, 4, 13, 30)
    second = [c.value for c in sheet[3]]
    assert second[0] == "<b>&amp; \"quotes\" 'x'</b>"
    assert second[1] is None
    assert second[2] == "tab\therebell"  # a control character XML cannot carry is dropped
    assert second[3] == "ünïcode — ✓" and second[4] is False


def test_several_sheets_and_formulas_neutralised():
    data = to_xlsx(
        [
            ("Een", ["x"], [["=1+1"], ["@SUM(A1)"], ["-2"]]),
            ("Twee", ["y", "z"], [[1, 2]]),
        ]
    )
    book = read(data)
    assert book.sheetnames == ["Een", "Twee"]
    assert [r[0].value for r in book["Een"].iter_rows(min_row=2)] == ["'=1+1", "'@SUM(A1)", "'-2"]
    assert all(r[0].data_type == "s" for r in book["Een"].iter_rows(min_row=2))
    assert [c.value for c in book["Twee"][2]] == [1, 2]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_column_names():
    assert [_column(i) for i in (0, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
