"""CSV and XLSX writing with real types and without formula injection."""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from .xlsx import write_xlsx

# A cell that starts with one of these is run as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    # A BOM so that spreadsheet programs read UTF-8 correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return neutralise(value)


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    return write_xlsx(
        [
            (title, headers, ([neutralise(v) for v in row] for row in rows))
            for title, headers, rows in sheets
        ]
    )
