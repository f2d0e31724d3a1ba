"""The columns an import knows: each field's header in Dutch and English, the other words
people use for it, and the mapping from a file's columns to fields."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    header_nl: str  # the template's header, and the first word recognised
    header_en: str
    label: Promise  # in the user's language, on the pages
    aliases: tuple[str, ...] = ()
    required: bool = False  # for a new project


COLUMNS = (
    Column(
        "reference",
        "Kenmerk",
        "Reference",
        _("Reference"),
        ("referentie", "extern kenmerk", "projectnummer", "project number", "code", "id"),
        required=True,
    ),
    Column(
        "title",
        "Titel",
        "Title",
        _("Title"),
        ("naam", "projectnaam", "name", "project name", "project"),
        required=True,
    ),
    Column(
        "problem",
        "Probleem",
        "Problem",
        _("Problem"),
        (
            "vraagstuk",
            "probleemstelling",
            "problem statement",
            "omschrijving",
            "beschrijving",
            "description",
        ),
        required=True,
    ),
    Column("domain", "Domein", "Domain", _("Domain"), required=True),
    Column("stage", "Fase", "Stage", _("Stage"), ("phase", "status")),
    Column(
        "started_on",
        "Gestart op",
        "Started on",
        _("Started on"),
        ("startdatum", "start", "start date", "begonnen op"),
    ),
    Column(
        "stage_since",
        "In fase sinds",
        "In stage since",
        _("In this stage since"),
        ("fase sinds", "stage since"),
    ),
    Column(
        "visibility",
        "Zichtbaarheid",
        "Visibility",
        _("Visibility"),
        ("zichtbaar voor", "visible to"),
    ),
    Column("themes", "Thema's", "Themes", _("Themes"), ("themas", "thema", "theme")),
    Column(
        "techniques",
        "Technieken",
        "Techniques",
        _("Techniques"),
        ("techniek", "technique", "technologie", "technology"),
    ),
    Column(
        "data_sources",
        "Databronnen",
        "Data sources",
        _("Data sources"),
        ("gegevensbronnen", "bronnen", "sources"),
    ),
    Column(
        "leader_email",
        "E-mail projectleider",
        "Project leader e-mail",
        _("Project leader e-mail"),
        (
            "projectleider",
            "project leader",
            "e-mail",
            "email",
            "leader e-mail",
            "projectleider e-mail",
        ),
    ),
)
BY_KEY = {c.key: c for c in COLUMNS}
IGNORE = ""  # the mapping's value for a column left out


def normalised(header: str) -> str:
    """Lower case, accents and punctuation away: "Thema’s" and "themas" are one word."""
    plain = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", plain.lower()).strip()


WORDS = {
    normalised(word): c.key
    for c in COLUMNS
    for word in (c.header_nl, c.header_en, c.key, *c.aliases)
}


def recognise(headers: list[str]) -> dict[int, str]:
    """Column index -> field key for the headers we know; each field at most once (the first
    column that names it), unknown headers left out."""
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = WORDS.get(normalised(header))
        if key and key not in mapping.values():
            mapping[index] = key
    return mapping


def unrecognised(headers: list[str], mapping: dict[int, str]) -> list[int]:
    return [i for i, h in enumerate(headers) if h and i not in mapping]


class MappingRefused(ValueError):
    """A column choice that names no column of the file, or no field; the message says which."""


def field_of(word: str) -> str | None:
    """The field a word names: its key, its Dutch or English header, or another word for it;
    "" (or "-") leaves a column out; None: no field."""
    if word.strip() in ("", "-"):
        return IGNORE
    return WORDS.get(normalised(word))


def mapping_with(headers: list[str], mapping: dict[int, str], choices: list[str]) -> dict[int, str]:
    """The recognised mapping with the command line's choices ("Naam project=title") put
    over it, as the page's column step does: a chosen field comes from that column only;
    "Opmerking=" leaves a column out."""
    chosen: dict[int, str] = {}
    for choice in choices:
        column, sep, word = choice.rpartition("=")
        if not sep or not column.strip():
            raise MappingRefused(
                gettext("Write a column choice as “column name=field”, like “Naam project=title”.")
            )
        index = _column_index(headers, column)
        key = field_of(word)
        if key is None:
            raise MappingRefused(
                gettext("“%(word)s” is not a field. The fields: %(fields)s.")
                % {"word": word.strip(), "fields": ", ".join(c.key for c in COLUMNS)}
            )
        if key and key in chosen.values():
            raise MappingRefused(
                gettext("Two columns fill the field “%(field)s”. Choose one.") % {"field": key}
            )
        chosen[index] = key
    result = {i: k for i, k in mapping.items() if i not in chosen and k not in chosen.values()}
    result.update({i: k for i, k in chosen.items() if k})
    return dict(sorted(result.items()))


def _column_index(headers: list[str], column: str) -> int:
    for wanted in (column.strip(), normalised(column)):
        for index, header in enumerate(headers):
            if header and (header == wanted or normalised(header) == wanted):
                return index
    raise MappingRefused(
        gettext("The file has no column “%(column)s”. Its columns: %(headers)s.")
        % {"column": column.strip(), "headers": ", ".join(f"“{h}”" for h in headers if h)}
    )
