"""Reading an uploaded list into a table of text cells, or refusing it with a clear reason.

Only the file is judged here (its type, size, encoding, shape); what the cells mean is for
`columns` and `plan`. The type is taken from the content, never from the name: a PDF
renamed .xlsx is a PDF. An XLSX is a zip, so before openpyxl opens it the zip's directory
is checked (how many parts, what they unpack to) and its XML parts are read, bounded by those
sizes, for document type declarations, which no spreadsheet program writes and which are the
way to an entity expansion bomb. Formulas are never evaluated: openpyxl does not compute
them, and a cell holding one arrives here as its text ("=SUM(A1:A3)"), which the plan
refuses."""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import limits


class ImportRefused(Exception):
    """The file cannot be read as a project list; the message says why, in the user's words."""


@dataclass
class Table:
    kind: str  # "csv" or "xlsx"
    headers: list[str]
    # (row number as the spreadsheet shows it, cells as text); empty rows left out
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    encoding: str = "utf-8"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def read_table(raw: bytes, *, name: str = "", max_rows: int = limits.MAX_ROWS) -> Table:
    if not raw or not raw.strip():
        raise ImportRefused(_("The file is empty."))
    if len(raw) > limits.MAX_FILE_BYTES:
        raise ImportRefused(
            _("The file is %(size)s MB; an import takes at most %(limit)s MB.")
            % {"size": _mb(len(raw)), "limit": _mb(limits.MAX_FILE_BYTES)}
        )
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        table = _read_xlsx(raw, max_rows)
    elif raw.startswith(b"%PDF"):
        raise ImportRefused(
            _("This file is a PDF, not a spreadsheet. Upload the list as XLSX or CSV.")
        )
    elif raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(
            _(
                "This is an old Excel file (.xls) or another Office document. Save it as "
                "Excel workbook (.xlsx) or as CSV UTF-8, and upload that."
            )
        )
    else:
        table = _read_csv(raw, max_rows)
    _check_shape(table)
    return table


def _check_shape(table: Table) -> None:
    if not any(table.headers):
        raise ImportRefused(
            _("The first row holds no column names. Put the column names in the first row.")
        )
    if len(table.headers) > limits.MAX_COLUMNS:
        raise ImportRefused(
            _("The list has %(count)d columns; an import reads at most %(limit)d.")
            % {"count": len(table.headers), "limit": limits.MAX_COLUMNS}
        )
    if not table.rows:
        raise ImportRefused(_("The list has column names but no rows below them."))


def _decode(raw: bytes) -> tuple[str, str]:
    """UTF-8 (with or without the byte order mark Excel writes), or else Windows-1252: what
    Excel's plain "CSV" writes on Dutch Windows, so the most common list there is; the dry run
    shows the titles, so a wrong guess is seen before anything is saved."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise ImportRefused(
            _(
                "This file is not text we can read (it looks like UTF-16, Excel's “Unicode "
                "text”, or a binary file). Save the list as “CSV UTF-8” or as XLSX."
            )
        )
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        raise ImportRefused(
            _(
                "The characters of this file are in an encoding we cannot read (not UTF-8 "
                "and not Windows-1252). Save the list as “CSV UTF-8” or as XLSX."
            )
        ) from None


def _delimiter(text: str) -> str:
    """The separator of the header line: Dutch spreadsheet settings write semicolons."""
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_csv(raw: bytes, max_rows: int) -> Table:
    text, encoding = _decode(raw)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if not _add_row(number, [c.strip() for c in cells], rows, headers, max_rows):
                headers = [c.strip() for c in cells]
    except csv.Error:
        raise ImportRefused(
            _(
                "The CSV file cannot be read past row %(row)d (a quote that is never closed, "
                "or a cell far longer than %(limit)d characters)."
            )
            % {"row": reader.line_num, "limit": limits.MAX_CELL_CHARS}
        ) from None
    return Table(kind="csv", headers=_trimmed(headers or []), rows=rows, encoding=encoding)


def _add_row(
    number: int,
    cells: list[str],
    rows: list[tuple[int, list[str]]],
    headers: list[str] | None,
    max_rows: int,
) -> bool:
    """Keep a data row (False: this is the header row still to come); empty rows are skipped
    before the header as well as after it."""
    if not any(cells):
        return True
    if headers is None:
        return False
    if len(rows) >= max_rows:
        raise ImportRefused(
            _("The list has more than %(limit)d rows; import it in parts.") % {"limit": max_rows}
        )
    rows.append((number, cells))
    return True


def _trimmed(headers: list[str]) -> list[str]:
    while headers and not headers[-1]:
        headers.pop()
    return headers


def _check_zip(raw: bytes) -> zipfile.ZipFile:
    not_xlsx = ImportRefused(
        _("This file is not an Excel workbook (.xlsx) we can read. Upload XLSX or CSV.")
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise not_xlsx from None
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise not_xlsx
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > limits.MAX_ZIP_PARTS or unpacked > limits.MAX_UNPACKED_BYTES:
        raise ImportRefused(
            _(
                "This workbook would unpack to more than %(limit)s MB. That is far more than "
                "a project list needs; it is refused so that it cannot fill the server."
            )
            % {"limit": _mb(limits.MAX_UNPACKED_BYTES)}
        )
    if any(part.flag_bits & 0x1 for part in parts):
        raise ImportRefused(_("This workbook is protected with a password. Remove it first."))
    try:
        for part in parts:
            if part.filename.endswith((".xml", ".rels")) and _declares_doctype(archive, part):
                raise not_xlsx
    except (zipfile.BadZipFile, OSError, EOFError):
        # zipfile stops at the size the directory states and checks the CRC, so a part
        # that unpacks to more than it says ends here
        raise not_xlsx from None
    return archive


def _declares_doctype(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1024 * 1024):
            if b"<!DOCTYPE" in tail + chunk or b"<!ENTITY" in tail + chunk:
                return True
            tail = chunk[-16:]
    return False


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        # A number cell holds the number itself: written so that values.parse_decimal
        # cannot take its decimal point for a thousands separator (1.250 is 1.25 here).
        text = repr(value)
        return text + "0" if re.fullmatch(r"-?[1-9]\d{0,2}\.\d{3}", text) else text
    text = getattr(value, "text", None)  # an array formula keeps its text here
    return (text if isinstance(text, str) else str(value)).strip()


def _read_xlsx(raw: bytes, max_rows: int) -> Table:
    import openpyxl

    archive = _check_zip(raw)
    archive.close()
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for a damaged workbook; all mean the same
        raise ImportRefused(
            _("This workbook is damaged or not an Excel workbook (.xlsx) we can read.")
        ) from None
    try:
        sheet = _project_sheet(workbook)
        headers: list[str] | None = None
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values[: limits.MAX_COLUMNS + 1]]
            if not _add_row(number, cells, rows, headers, max_rows):
                headers = cells
    except ImportRefused:
        raise
    except Exception:
        raise ImportRefused(
            _("This workbook is damaged or not an Excel workbook (.xlsx) we can read.")
        ) from None
    finally:
        workbook.close()
    return Table(kind="xlsx", headers=_trimmed(headers or []), rows=rows)


SHEET_NAMES = ("projecten", "projects")


def _project_sheet(workbook: object) -> object:
    """The sheet named Projecten or Projects (the template's), else the first."""
    for sheet in workbook.worksheets:  # type: ignore[attr-defined]
        if sheet.title.strip().lower() in SHEET_NAMES:
            return sheet
    return workbook.worksheets[0]  # type: ignore[attr-defined]
