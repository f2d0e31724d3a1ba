"""Reading a list of people to invite: pasted addresses or a CSV file (name, e-mail, role).

Parsing only: every row comes back with what was read and what is wrong with it, so that the
page can show a report per row before anything is sent."""

import contextlib
import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from koers.organisations.models import Role

# Role names people may type in a CSV: the codes and the labels in both languages.
ROLE_WORDS = {
    "viewer": Role.VIEWER,
    "kijker": Role.VIEWER,
    "member": Role.MEMBER,
    "lid": Role.MEMBER,
    "coordinator": Role.COORDINATOR,
    "coördinator": Role.COORDINATOR,
    "administrator": Role.ADMINISTRATOR,
    "beheerder": Role.ADMINISTRATOR,
    "admin": Role.ADMINISTRATOR,
}
HEADER_WORDS = {"email", "e-mail", "mail", "e-mailadres", "emailadres", "address", "adres"}
MAX_ROWS = 500


@dataclass
class Row:
    line: int
    email: str
    name: str = ""
    role: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role in Role.values else self.role


def _check_email(row: Row) -> None:
    if not row.email:
        row.errors.append(_("No e-mail address."))
        return
    try:
        validate_email(row.email)
    except ValidationError:
        row.errors.append(_("“%(email)s” is not a valid e-mail address.") % {"email": row.email})


def parse_pasted(text: str, *, default_role: str) -> list[Row]:
    """Addresses separated by new lines, commas, semicolons or spaces; "Name <address>" too."""
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for part in re.split(r"[,;]", line):
            part = part.strip()
            named = re.fullmatch(r"(.*?)\s*<([^>]*)>", part)
            if named:
                entries = [(named.group(1).strip(' "'), named.group(2))]
            else:
                entries = [("", word) for word in part.split()]
            for name, email in entries:
                row = Row(line=number, email=email.strip().lower(), name=name, role=default_role)
                _check_email(row)
                rows.append(row)
    return rows


def parse_csv(raw: bytes, *, default_role: str) -> list[Row]:
    """Columns name, e-mail, role (role optional); a header row is recognised and skipped."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    dialect = csv.excel
    # Spreadsheets in Dutch settings write semicolons; an undetectable dialect stays commas.
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")  # type: ignore[assignment]
    rows: list[Row] = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if number == 1 and any(c.lower() in HEADER_WORDS for c in cells):
            continue
        name = cells[0] if cells else ""
        email = (cells[1] if len(cells) > 1 else "").lower()
        role_word = (cells[2] if len(cells) > 2 else "").lower()
        row = Row(line=number, email=email, name=name, role=default_role)
        _check_email(row)
        if role_word:
            if role_word in ROLE_WORDS:
                row.role = ROLE_WORDS[role_word]
            else:
                row.errors.append(_("Unknown role “%(role)s”.") % {"role": cells[2]})
        if len(cells) > 3 and any(cells[3:]):
            row.errors.append(_("Too many columns: expected name, e-mail, role."))
        rows.append(row)
    return rows


def mark_duplicates(rows: list[Row]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if row.email in seen:
            row.errors.append(
                _("This address is already on line %(line)s.") % {"line": seen[row.email]}
            )
        elif row.email:
            seen[row.email] = row.line
