"""CSV and XLSX writing with real types and without formula injection."""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .xlsx import write_xlsx

# A cell whose first meaningful character is one of these is run as a formula (or, for "|",
# as a DDE command) by some spreadsheet program; the fullwidth and small forms count too,
# since some programs fold them to their ASCII twins.
FORMULA_START = frozenset("=+-@|\uff1d\uff0b\uff0d\uff20\uff5c\ufe66\ufe62\ufe63\ufe6b")
# Characters that programs skip before reading a formula: control characters, spaces and
# invisible format characters (zero-width space and joiners, word joiner, BOM, bidi marks).
IGNORED_FIRST = re.compile(
    "[\x00-\x20\x7f-\xa0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]*"
)


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet could read as a formula gets a leading apostrophe."""
    if not isinstance(value, str):
        return value
    start = IGNORED_FIRST.match(value).end()
    if value[:1] in ("\t", "\r", "\n") or value[start : start + 1] in FORMULA_START:
        return "'" + value
    return value


Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, language: str) -> bytes:
    """CSV as the spreadsheet program of the language's users reads it: Dutch Excel splits
    columns on semicolons and reads decimal commas (a comma-separated file lands in one
    column there); English uses commas and decimal points. Dates stay ISO, which both read."""
    dutch = language.startswith("nl")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if dutch else ",")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_value(v, decimal="," if dutch else ".") for v in row])
    # A BOM so that spreadsheet programs read UTF-8 correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(value: Any, *, decimal: str) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return repr(value).replace(".", decimal)
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
