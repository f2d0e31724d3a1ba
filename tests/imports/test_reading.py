"""Reading an uploaded list: the type from the content, CSV dialects and encodings, XLSX
cells as text, and every kind of bad file refused with a message that says what to do."""

import io
import zipfile

import pytest

from koers.imports import limits
from koers.imports.reading import ImportRefused, read_table

from .files import HEADERS_NL, csv_bytes, entity_bomb, pdf_bytes, project_row, xlsx_bytes, zip_bomb


def refusal(raw: bytes) -> str:
    with pytest.raises(ImportRefused) as caught:
        read_table(raw)
    return str(caught.value)


@pytest.mark.parametrize("sep", [";", ","])
@pytest.mark.parametrize("bom", [False, True])
def test_csv_with_either_separator_and_with_or_without_bom(sep, bom):
    raw = csv_bytes([project_row(1, Titel="Wijkaanpak, fase 2"), project_row(2)], sep=sep, bom=bom)
    table = read_table(raw)
    assert table.kind == "csv"
    assert table.headers == HEADERS_NL  # no BOM glued to the first header
    assert [number for number, _cells in table.rows] == [2, 3]
    assert table.rows[0][1][1] == "Wijkaanpak, fase 2"


def test_empty_rows_are_skipped_and_row_numbers_stay_those_of_the_sheet():
    raw = csv_bytes([project_row(1), [""] * len(HEADERS_NL), project_row(3)])
    assert [number for number, _cells in read_table(raw).rows] == [2, 4]


def test_windows_1252_is_read_as_such():
    raw = csv_bytes([project_row(1, Titel="Café-overlast in België")], encoding="cp1252")
    table = read_table(raw)
    assert table.encoding == "windows-1252"
    assert table.rows[0][1][1] == "Café-overlast in België"


def test_utf16_is_refused_with_what_to_do():
    raw = csv_bytes([project_row(1)], encoding="utf-16")
    assert "CSV UTF-8" in refusal(raw)


def test_bytes_neither_utf8_nor_windows_1252_are_refused():
    # 0x81 and 0x8d are undefined in Windows-1252 and invalid alone in UTF-8
    raw = csv_bytes([project_row(1)]) + b"P-9;Titel \x81\x8d;x;Sociaal domein\r\n"
    assert "encoding we cannot read" in refusal(raw)


def test_xlsx_cells_become_text_dates_included():
    import datetime

    raw = xlsx_bytes([project_row(1)[:5] + [datetime.datetime(2025, 1, 15)] + project_row(1)[6:]])
    table = read_table(raw)
    assert table.kind == "xlsx"
    assert table.rows[0][1][5] == "2025-01-15"


def test_xlsx_formulas_arrive_as_their_text_never_computed():
    raw = xlsx_bytes([["=1+1", '=HYPERLINK("http://x")'] + project_row(1)[2:]])
    table = read_table(raw)
    assert table.rows[0][1][:2] == ["=1+1", '=HYPERLINK("http://x")']


def test_the_projects_sheet_is_chosen_by_its_name():
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Toelichting"
    workbook.active.append(["nothing", "here"])
    sheet = workbook.create_sheet("Projects")
    sheet.append(HEADERS_NL)
    sheet.append(project_row(7))
    out = io.BytesIO()
    workbook.save(out)
    assert read_table(out.getvalue()).rows[0][1][0] == "P-00007"


def test_empty_file():
    assert refusal(b"") == "The file is empty."
    assert refusal(b" \r\n ") == "The file is empty."


def test_header_only():
    assert "no rows" in refusal(csv_bytes([]))


def test_pdf_renamed_to_xlsx_is_a_pdf():
    assert "PDF" in refusal(pdf_bytes())


def test_old_excel_format():
    assert ".xls" in refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)


def test_a_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not an Excel workbook" in refusal(out.getvalue())


def test_a_broken_zip():
    assert "not an Excel workbook" in refusal(b"PK\x03\x04" + b"\x00" * 100)


def test_zip_bomb_is_refused_from_its_directory():
    raw = zip_bomb()
    assert len(raw) < limits.MAX_FILE_BYTES
    assert "unpack to more than 100 MB" in refusal(raw)


def test_entity_bomb_is_refused_before_openpyxl_parses_it():
    assert "not an Excel workbook" in refusal(entity_bomb())


def test_fifty_megabytes_is_refused():
    raw = csv_bytes([project_row(1)]) + b"x" * (50 * 1024 * 1024)
    assert "at most 10 MB" in refusal(raw)


def test_too_many_rows():
    raw = csv_bytes([["P", "T"]] * (limits.MAX_ROWS + 1), headers=["Kenmerk", "Titel"])
    assert f"more than {limits.MAX_ROWS} rows" in refusal(raw)


def test_too_many_columns():
    raw = csv_bytes([["x"] * 60], headers=[f"c{i}" for i in range(60)])
    assert "at most 50" in refusal(raw)
    fifty = csv_bytes([["x"] * limits.MAX_COLUMNS], headers=[f"c{i}" for i in range(50)])
    assert len(read_table(fifty).headers) == limits.MAX_COLUMNS


def test_a_cell_longer_than_the_limit_is_a_row_problem(db):
    """Every cell, whatever its column: here one that is no text field (the leader's e-mail)."""
    from koers.imports.columns import recognise
    from koers.imports.plan import build_plan, load_context
    from tests.factories import OrganisationFactory

    raw = csv_bytes(
        [
            project_row(1, **{"E-mail projectleider": "a" * (limits.MAX_CELL_CHARS + 1)}),
            project_row(2, Probleem="b" * limits.MAX_CELL_CHARS),
        ]
    )
    table = read_table(raw)
    plan = build_plan(table, recognise(table.headers), load_context(OrganisationFactory()))
    first, second = plan.rows
    assert first.problems[0].column == "E-mail projectleider (K)"
    assert "A cell holds at most 5000 characters (this one has 5001)" in first.problems[0].message
    assert second.ok  # exactly the limit is fine


def test_unclosed_quote_with_a_huge_cell():
    raw = b'Kenmerk;Titel\r\nP-1;"' + b"a" * 200_000 + b"\r\n"
    assert "cannot be read past row" in refusal(raw)
