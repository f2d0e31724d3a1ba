"""The portfolio workbook's evidence sheets: steps, end-user sessions and learning events of
the projects in the portfolio (`koers.reports.exports` adds them to its kinds)."""

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.insights.selectors import DashboardFilter, portfolio_projects
from koers.organisations.models import Organisation
from koers.reports.spreadsheets import Sheet

from .models import EndUserSession, LearningEvent, LearningKind, SessionKind, Step, StepResult

KINDS = ("steps", "end_user_sessions", "learning")


def export_kinds() -> list[tuple[str, str]]:
    return [
        ("steps", _("Steps")),
        ("end_user_sessions", _("End-user sessions")),
        ("learning", _("Learning events")),
    ]


def _sheet(
    organisation: Organisation,
    filters: DashboardFilter,
    *,
    model: type[models.Model],
    title: str,
    headers: Sequence[str],
    day: str,
    values: Callable[[Any], list[Any]],
) -> Sheet:
    """One row per record of the portfolio's projects, by project and date: the record's id,
    its project, `values(record)` under `headers`, and when it last changed."""
    ids = portfolio_projects(organisation=organisation, filters=filters).values("id")

    def rows() -> Iterator[list[Any]]:
        for r in (
            model.objects.filter(project__in=ids)  # type: ignore[attr-defined]
            .select_related("project")
            .order_by("project__title", "project_id", day, "id")
            .iterator(chunk_size=1000)
        ):
            yield [
                r.pk,
                r.project_id,
                r.project.title,
                *values(r),
                timezone.localtime(r.updated_at),
            ]

    return (
        title,
        [*headers[:1], _("Project id"), _("Project"), *headers[1:], _("Last change")],
        rows(),
    )


def steps_sheet(organisation: Organisation, filters: DashboardFilter) -> Sheet:
    labels = dict(StepResult.choices)
    return _sheet(
        organisation,
        filters,
        model=Step,
        title=_("Steps"),
        headers=[
            _("Step id"),
            _("Goal"),
            _("Try"),
            _("Previous try id"),
            _("Start"),
            _("Planned end"),
            _("Finished on"),
            _("Result"),
            _("Days"),
            _("Note"),
        ],
        day="started_on",
        values=lambda s: [
            s.goal,
            s.try_number,
            s.previous_try_id,
            s.started_on,
            s.planned_end,
            s.ended_on,
            str(labels[s.result]) if s.result else _("Still running"),
            (s.ended_on - s.started_on).days if s.ended_on else None,
            s.note,
        ],
    )


def sessions_sheet(organisation: Organisation, filters: DashboardFilter) -> Sheet:
    labels = dict(SessionKind.choices)
    return _sheet(
        organisation,
        filters,
        model=EndUserSession,
        title=_("End-user sessions"),
        headers=[
            _("Session id"),
            _("Kind"),
            _("Date"),
            _("Participants"),
            _("Who took part"),
            _("What changed because of it"),
        ],
        day="held_on",
        values=lambda s: [
            str(labels[s.kind]),
            s.held_on,
            s.participants,
            s.audience,
            s.outcome,
        ],
    )


def learning_sheet(organisation: Organisation, filters: DashboardFilter) -> Sheet:
    labels = dict(LearningKind.choices)
    return _sheet(
        organisation,
        filters,
        model=LearningEvent,
        title=_("Learning events"),
        headers=[
            _("Learning event id"),
            _("Kind"),
            _("Date"),
            _("Who took part"),
            _("Lesson"),
        ],
        day="held_on",
        values=lambda e: [str(labels[e.kind]), e.held_on, e.participants, e.lesson],
    )


SHEETS = {"steps": steps_sheet, "end_user_sessions": sessions_sheet, "learning": learning_sheet}
