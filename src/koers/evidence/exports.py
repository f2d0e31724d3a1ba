"""The portfolio workbook's evidence sheets: steps, end-user sessions and learning events of
the projects in the portfolio (`koers.reports.exports` adds them to its kinds)."""

from collections.abc import Iterator
from typing import Any

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


def _changed(record: Any) -> Any:
    return timezone.localtime(record.updated_at)


def steps_sheet(organisation: Organisation, filters: DashboardFilter) -> Sheet:
    ids = portfolio_projects(organisation=organisation, filters=filters).values("id")
    headers = [
        _("Step id"),
        _("Project id"),
        _("Project"),
        _("Goal"),
        _("Try"),
        _("Previous try id"),
        _("Start"),
        _("Planned end"),
        _("Finished on"),
        _("Result"),
        _("Days"),
        _("Note"),
        _("Last change"),
    ]
    labels = dict(StepResult.choices)

    def rows() -> Iterator[list[Any]]:
        for s in (
            Step.objects.filter(project__in=ids)
            .select_related("project")
            .order_by("project__title", "project_id", "started_on", "id")
            .iterator(chunk_size=1000)
        ):
            yield [
                s.pk,
                s.project_id,
                s.project.title,
                s.goal,
                s.try_number,
                s.previous_try_id,
                s.started_on,
                s.planned_end,
                s.ended_on,
                str(labels[s.result]) if s.result else _("Still running"),
                (s.ended_on - s.started_on).days if s.ended_on else None,
                s.note,
                _changed(s),
            ]

    return _("Steps"), headers, rows()


def sessions_sheet(organisation: Organisation, filters: DashboardFilter) -> Sheet:
    ids = portfolio_projects(organisation=organisation, filters=filters).values("id")
    headers = [
        _("Session id"),
        _("Project id"),
        _("Project"),
        _("Kind"),
        _("Date"),
        _("Participants"),
        _("Who took part"),
        _("What changed because of it"),
        _("Last change"),
    ]
    labels = dict(SessionKind.choices)

    def rows() -> Iterator[list[Any]]:
        for s in (
            EndUserSession.objects.filter(project__in=ids)
            .select_related("project")
            .order_by("project__title", "project_id", "held_on", "id")
            .iterator(chunk_size=1000)
        ):
            yield [
                s.pk,
                s.project_id,
                s.project.title,
                str(labels[s.kind]),
                s.held_on,
                s.participants,
                s.audience,
                s.outcome,
                _changed(s),
            ]

    return _("End-user sessions"), headers, rows()


def learning_sheet(organisation: Organisation, filters: DashboardFilter) -> Sheet:
    ids = portfolio_projects(organisation=organisation, filters=filters).values("id")
    headers = [
        _("Learning event id"),
        _("Project id"),
        _("Project"),
        _("Kind"),
        _("Date"),
        _("Who took part"),
        _("Lesson"),
        _("Last change"),
    ]
    labels = dict(LearningKind.choices)

    def rows() -> Iterator[list[Any]]:
        for e in (
            LearningEvent.objects.filter(project__in=ids)
            .select_related("project")
            .order_by("project__title", "project_id", "held_on", "id")
            .iterator(chunk_size=1000)
        ):
            yield [
                e.pk,
                e.project_id,
                e.project.title,
                str(labels[e.kind]),
                e.held_on,
                e.participants,
                e.lesson,
                _changed(e),
            ]

    return _("Learning events"), headers, rows()


SHEETS = {"steps": steps_sheet, "end_user_sessions": sessions_sheet, "learning": learning_sheet}
