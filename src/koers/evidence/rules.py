"""What makes an evidence record valid, in one place for forms, services and the API. Each
check collects its problems per field, so the user sees every one at once, in their language.
Plain functions of the values and today's date: tested without a database."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A date before this is a typing error, not a step of a data project.
EARLIEST = datetime.date(2000, 1, 1)
# Steps are short: a start or a planned end more than a year ahead is a wrong year.
MAX_DAYS_AHEAD = 366
MAX_PARTICIPANTS = 10_000


def _date_problem(day: datetime.date | None, today: datetime.date) -> str | None:
    if day is None:
        return None
    if day < EARLIEST:
        return _("Choose a date from 1 January 2000 on.")
    if day > today + datetime.timedelta(days=MAX_DAYS_AHEAD):
        return _("That date is more than a year ahead: check the year.")
    return None


def step_problems(
    *,
    started_on: datetime.date | None,
    planned_end: datetime.date | None,
    ended_on: datetime.date | None,
    result: str,
    note: str,
    today: datetime.date,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    for field, day in (("started_on", started_on), ("planned_end", planned_end)):
        problem = _date_problem(day, today)
        if problem:
            problems[field] = problem
    if started_on and planned_end and planned_end < started_on:
        problems.setdefault("planned_end", _("The planned end cannot be before the start."))
    if ended_on is not None:
        if ended_on > today:
            problems["ended_on"] = _(
                "A finished step cannot end in the future: choose today or an earlier date."
            )
        elif started_on and ended_on < started_on:
            problems["ended_on"] = _("A step cannot finish before it started.")
        elif ended_on < EARLIEST:
            problems["ended_on"] = _("Choose a date from 1 January 2000 on.")
        if not result:
            problems["result"] = _("Choose how the finished step went.")
    elif result:
        problems["ended_on"] = _("Say on which day the step finished.")
    if result == "redo" and not note.strip():
        problems["note"] = _(
            "A redo needs a note: what did not work, and what will the next try do differently?"
        )
    return problems


def check_step(**values: object) -> None:
    problems = step_problems(**values)  # type: ignore[arg-type]
    if problems:
        raise ValidationError(problems)


def held_problems(
    *, held_on: datetime.date | None, participants: int | None, today: datetime.date
) -> dict[str, str]:
    """A session or learning event is recorded once it took place."""
    problems: dict[str, str] = {}
    if held_on is not None:
        if held_on > today:
            problems["held_on"] = _(
                "Record this once it has taken place: choose today or an earlier date."
            )
        elif held_on < EARLIEST:
            problems["held_on"] = _("Choose a date from 1 January 2000 on.")
    if participants is not None:
        if participants < 0:
            problems["participants"] = _("The number of participants cannot be negative.")
        elif participants == 0:
            problems["participants"] = _("At least one end user took part in a session.")
        elif participants > MAX_PARTICIPANTS:
            problems["participants"] = _("At most %(n)d participants, please.") % {
                "n": MAX_PARTICIPANTS
            }
    return problems


def check_held(**values: object) -> None:
    problems = held_problems(**values)  # type: ignore[arg-type]
    if problems:
        raise ValidationError(problems)
