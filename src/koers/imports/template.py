"""The list to fill in: the headers in Dutch or English, and a sheet that says per column
what may go in it (the names of the choices and the vocabulary in that language, the date
formats, the limits). CSV files carry the byte order mark so that Excel reads them as UTF-8,
with semicolons in Dutch (what Excel expects under Dutch settings) and commas in English."""

import csv
import io

from django.utils import translation
from django.utils.translation import gettext as _

from koers.projects.models import Technique, Theme
from koers.reports.xlsx import write_xlsx

from . import limits
from .columns import COLUMNS
from .values import choice_names

SHEET_TITLES = {"nl": "Projecten", "en": "Projects"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headers(language: str) -> list[str]:
    return [c.header_nl if language == "nl" else c.header_en for c in COLUMNS]


def _explanations() -> dict[str, str]:
    themes = ", ".join(str(t.name) for t in Theme.objects.all())
    techniques = ", ".join(str(t.name) for t in Technique.objects.all())
    several = _("Several: separate them with semicolons.")
    date = _("A date: 31-12-2025, 31/12/2025 or 2025-12-31.")
    return {
        "reference": _(
            "Your own number or code for the project, unique within your organisation. "
            "Importing the list again updates the project with this reference."
        ),
        "title": _("At most 200 characters, on one line."),
        "problem": _(
            "Which question or problem does the project answer? At most 5,000 characters."
        ),
        "domain": choice_names("domain"),
        "stage": _("Empty: Idea. One of: %(names)s.") % {"names": choice_names("stage")},
        "started_on": date + " " + _("Empty: the day of the import. New projects only."),
        "stage_since": date + " " + _("When the project reached its stage. Empty: the start date."),
        "visibility": _("Empty: own organisation. One of: %(names)s.")
        % {"names": choice_names("visibility")},
        "themes": f"{several} {themes}",
        "techniques": f"{several} {techniques}",
        "data_sources": _("At most 2,000 characters."),
        "leader_email": _(
            "The e-mail address of a member of your organisation. Empty: you become the "
            "project leader."
        ),
    }


def _explanation_rows() -> list[list[str]]:
    texts = _explanations()
    rows = [
        [
            str(c.label),
            _("yes, for a new project") if c.required else _("no"),
            texts[c.key],
        ]
        for c in COLUMNS
    ]
    rows.append(["", "", ""])
    rows.append(
        [
            _("Limits"),
            "",
            _(
                "At most %(rows)s rows, %(mb)s MB and %(chars)s characters per cell. Formulas "
                "are not read: a cell that starts with = is refused."
            )
            % {
                "rows": f"{limits.MAX_ROWS:,}",
                "mb": limits.MAX_FILE_BYTES // (1024 * 1024),
                "chars": f"{limits.MAX_CELL_CHARS:,}",
            },
        ]
    )
    rows.append(
        [
            _("Empty cells"),
            "",
            _("For a project that exists already, an empty cell changes nothing."),
        ]
    )
    return rows


def template_file(language: str, kind: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the template in that language."""
    with translation.override(language):
        names = headers(language)
        base = _("koers-projects-template")
        if kind == "csv":
            out = io.StringIO()
            csv.writer(out, delimiter=";" if language == "nl" else ",").writerow(names)
            content = ("\ufeff" + out.getvalue()).encode("utf-8")
            return content, "text/csv; charset=utf-8", f"{base}-{language}.csv"
        sheets = [
            (SHEET_TITLES[language], names, []),
            (
                _("Explanation"),
                [_("Column"), _("Required"), _("What goes in it")],
                _explanation_rows(),
            ),
        ]
        return write_xlsx(sheets), XLSX_TYPE, f"{base}-{language}.xlsx"
