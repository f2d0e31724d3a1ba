"""Reading the text of one cell as a value: dates as the Netherlands write them, numbers
with a decimal comma, and the product's choices by their key or their name in either
language. Each reader returns the value or raises CellProblem with the message to show."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from koers.projects import lifecycle
from koers.projects.models import Domain, Visibility

from .columns import normalised


class CellProblem(ValueError):
    """What is wrong with a cell, in the user's language."""


DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+)?")


def parse_date(text: str) -> datetime.date:
    """31-12-2025, 31/12/2025, 31.12.2025 or 2025-12-31 (a spreadsheet's own date cell
    arrives as the latter). Two-digit years are refused: 01-02-03 is anyone's guess."""
    text = text.strip()
    if match := DAY_FIRST.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise CellProblem(
            _("“%(value)s” is not a date we can read: write it as 31-12-2025 or 2025-12-31.")
            % {"value": text}
        )
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellProblem(_("“%(value)s” is not an existing date.") % {"value": text}) from None


def parse_decimal(text: str) -> Decimal:
    """1.234,56 and 1234,56 as Dutch write them, 1234.56 as a spreadsheet's number cell
    arrives. With both marks the last one is the decimal mark; a single comma is a decimal
    comma; several of one mark group thousands."""
    plain = text.strip().replace(" ", "").replace("\u00a0", "").replace("€", "")
    if "," in plain and "." in plain:
        decimal_mark = "," if plain.rfind(",") > plain.rfind(".") else "."
    elif plain.count(",") == 1:
        decimal_mark = ","
    elif plain.count(".") == 1:
        decimal_mark = "."
    else:
        decimal_mark = ""
    thousands = {",": ".", ".": ","}.get(decimal_mark, ",.")
    for mark in thousands:
        plain = plain.replace(mark, "")
    plain = plain.replace(",", ".")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise CellProblem(_("“%(value)s” is not a number.") % {"value": text})
    return value


# Short words people write for a choice, besides its key and its full names.
EXTRA_WORDS = {
    "domain": {
        "fysiek": Domain.PHYSICAL,
        "sociaal": Domain.SOCIAL,
        "veiligheid": Domain.SAFETY,
        "bedrijfsvoering": Domain.OPERATIONS,
        "overig": Domain.OTHER,
    },
    "visibility": {
        "team": Visibility.TEAM,
        "organisatie": Visibility.ORGANISATION,
        "netwerk": Visibility.NETWORK,
        "openbaar": Visibility.PUBLIC,
        "publiek": Visibility.PUBLIC,
    },
    "stage": {"pilot": lifecycle.EXPERIMENT, "ontwikkeling": lifecycle.DEVELOPMENT},
}


def _labels(pairs: list[tuple[str, object]]) -> dict[str, str]:
    words: dict[str, str] = {}
    for language in ("nl", "en"):
        with translation.override(language):
            words.update({normalised(str(label)): key for key, label in pairs})
    words.update({normalised(key): key for key, _label in pairs})
    return words


def choice_words(kind: str) -> dict[str, str]:
    pairs = {
        "domain": list(Domain.choices),
        "visibility": list(Visibility.choices),
        "stage": list(lifecycle.STAGE_LABELS.items()),
    }[kind]
    words = _labels(pairs)
    words.update(EXTRA_WORDS[kind])
    return words


def choice_names(kind: str) -> str:
    """The names the list may use, for the message when a cell holds another."""
    pairs = {
        "domain": list(Domain.choices),
        "visibility": list(Visibility.choices),
        "stage": list(lifecycle.STAGE_LABELS.items()),
    }[kind]
    return ", ".join(f"“{label}”" for _key, label in pairs)


def split_list(text: str) -> list[str]:
    """Several names in one cell: separated by semicolons, commas or new lines."""
    return [part.strip() for part in re.split(r"[;,\n]", text) if part.strip()]
