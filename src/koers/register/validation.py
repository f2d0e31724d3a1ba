"""Checking a register record's fields one by one, with messages in the user's language.
The service calls this before it saves, so forms, the command line and any later API refuse
alike; disallowed HTML is removed, not refused."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from koers.guards.text import TextLimit, text_problem, tidy

from . import standard

ONE_LINE = {
    "name": standard.NAME_CHARS,
    "organisation_name": standard.ORGANISATION_CHARS,
    "provider": standard.PROVIDER_CHARS,
}
URL_FIELDS = ("website", "process_index_url", "publiccode")
LINK_FIELDS = ("lawful_basis_links", "impact_assessments", "source_data_links")
CHOICE_FIELDS = {
    "status_override": standard.STATUS_VALUES,
    "publication_category": standard.PUBLICATION_CATEGORY_VALUES,
    "algorithm_type": standard.TYPE_VALUES,
}
TEXT_FIELDS = (
    *ONE_LINE,
    "description_short",
    *standard.HTML_FIELDS,
    "begin_date",
    "end_date",
    "contact_email",
    *URL_FIELDS,
    *CHOICE_FIELDS,
)
RECORD_FIELDS = (*TEXT_FIELDS, "category", *LINK_FIELDS)


def _links(value: Any, *, title_chars: int) -> tuple[list[dict[str, str]], str | None]:
    if not isinstance(value, list):
        return [], _("Give a list of links.")
    links = []
    for number, item in enumerate(value, start=1):
        title = tidy(str(item.get("title", "") if isinstance(item, dict) else "")).strip()
        link = str(item.get("link", "") if isinstance(item, dict) else "").strip()
        if not title or "\n" in title:
            return [], _("Link %(n)d needs a title on one line.") % {"n": number}
        if len(title) > title_chars:
            return [], _("The title of link %(n)d is longer than %(limit)d characters.") % {
                "n": number,
                "limit": title_chars,
            }
        problem = standard.url_problem(link)
        if problem:
            return [], _("Link %(n)d: %(problem)s") % {"n": number, "problem": problem}
        links.append({"title": title, "link": link})
    return links, None


def clean_record_fields(fields: dict[str, Any], *, stage: str) -> dict[str, Any]:
    """The fields tidied and sanitised; a ValidationError naming every field that is wrong.
    `fields` may hold only some of RECORD_FIELDS (the others are left as they are), but month
    rules read begin, end and status together, so callers pass all three."""
    unknown = set(fields) - set(RECORD_FIELDS)
    if unknown:
        raise ValueError(f"Not a register field: {', '.join(sorted(unknown))}")
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if name in TEXT_FIELDS:
            value = tidy(str(value or "")).strip()
        if name in ONE_LINE:
            problem = text_problem(value, TextLimit(chars=ONE_LINE[name], lines=1))
        elif name == "description_short":
            problem = text_problem(
                value, TextLimit(chars=standard.SHORT_DESCRIPTION_CHARS, lines=10)
            )
        elif name in standard.HTML_FIELDS:
            value = standard.sanitise_html(value)
            problem = text_problem(value, TextLimit(chars=standard.HTML_LIMITS[name], lines=200))
        elif name in ("begin_date", "end_date"):
            problem = standard.month_problem(value) if value else None
        elif name == "contact_email":
            problem = None
            if value:
                try:
                    validate_email(value)
                except ValidationError:
                    problem = _("Give an e-mail address such as algoritmes@gemeente.nl.")
        elif name in URL_FIELDS:
            problem = standard.url_problem(value) if value else None
        elif name in CHOICE_FIELDS:
            problem = None if value in ("", *CHOICE_FIELDS[name]) else _("Choose one of the list.")
        elif name == "category":
            value = list(value or [])
            problem = None
            if any(key not in standard.CATEGORY_VALUES for key in value):
                problem = _("Choose themes from the list.")
            elif len(set(value)) > standard.MAX_CATEGORIES:
                problem = _("Choose at most %(n)d themes.") % {"n": standard.MAX_CATEGORIES}
            value = [key for key in standard.CATEGORY_VALUES if key in value]
        else:  # link lists
            value, problem = _links(value, title_chars=standard.LINK_TITLE_CHARS[name])
        if problem:
            errors[name] = problem
        cleaned[name] = value
    _check_months(cleaned, errors, stage=stage)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_months(cleaned: dict[str, Any], errors: dict[str, str], *, stage: str) -> None:
    begin, end = cleaned.get("begin_date", ""), cleaned.get("end_date", "")
    if "begin_date" in errors or "end_date" in errors or not end:
        return
    if begin and end < begin:  # YYYY-MM compares as text
        errors["end_date"] = _("The end month lies before the begin month (%(begin)s).") % {
            "begin": begin
        }
        return
    status = cleaned.get("status_override") or standard.status_for_stage(stage)
    if status != "out_of_use":
        errors["end_date"] = _(
            "Leave the end month empty while the algorithm is not out of use; the register "
            "shows an end month only for algorithms out of use."
        )
