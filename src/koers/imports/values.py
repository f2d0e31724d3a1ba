"""Reading the text of one cell as a value: dates as the Netherlands write them, numbers
with a decimal comma, and the product's choices by their key or their name in either
language. Each reader returns the value or raises CellProblem with the message to show."""

import datetime
import re
from decimal import Decimal

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
    """A number as people write it: 1.250.000,50 and 1250000,50 (Dutch), 1,250,000.50 and
    1250000.50 (English, and a spreadsheet's own number cell), 1 250 000,50, € 1.250,- and
    a sign.

    With both marks the last one is the decimal mark and the other groups thousands (in
    threes). Several of one mark group thousands. One mark is a decimal mark, unless it may
    as well group thousands: "1,250" is 1.25 to a Dutch reader and 1250 to an English one,
    and "1.250" the other way round; those are refused with both readings, never guessed."""
    plain = re.sub(r"[\s\u00a0\u202f€]", "", text)
    if re.fullmatch(r".+[.,]-", plain):  # € 1.250,- : whole euros, the decimal mark named
        plain = plain[:-1] + "00"
    sign = "-" if plain.startswith("-") else ""
    plain = plain.removeprefix("-").removeprefix("+") if plain[:1] in "+-" else plain
    not_a_number = CellProblem(_("“%(value)s” is not a number.") % {"value": text.strip()})
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", plain):
        raise not_a_number
    marks = {mark for mark in ",." if mark in plain}
    if len(marks) == 2:
        decimal_mark = "," if plain.rfind(",") > plain.rfind(".") else "."
        whole, _mark, fraction = plain.rpartition(decimal_mark)
        if not _grouped(whole, "." if decimal_mark == "," else ","):
            raise not_a_number
        whole = re.sub(r"[.,]", "", whole)
    elif marks:
        (mark,) = marks
        parts = plain.split(mark)
        if len(parts) > 2:
            if not _grouped(plain, mark):
                raise not_a_number
            whole, fraction = plain.replace(mark, ""), ""
        else:
            whole, fraction = parts
            if len(fraction) == 3 and _grouped(plain, mark):
                raise CellProblem(
                    _(
                        "“%(value)s” can mean %(decimal)s or %(whole)s. Write %(whole)s for the "
                        "whole number (without a thousands separator), or %(decimal)s for the "
                        "one with decimals."
                    )
                    % {
                        "value": text.strip(),
                        "decimal": f"{whole}{mark}{fraction.rstrip('0') or '0'}",
                        "whole": whole + fraction,
                    }
                )
    else:
        whole, fraction = plain, ""
    return Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")


def _grouped(number: str, mark: str) -> bool:
    """Thousands grouped in threes: 1.250.000 (the first group one to three digits, not 0)."""
    return bool(re.fullmatch(rf"[1-9]\d{{0,2}}(?:{re.escape(mark)}\d{{3}})+", number))


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
