"""Reading evidence, scoped through the project's visibility (`koers.projects.access`): a
record of a project the user may not see is a 404, as the project itself is."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from koers.projects.access import visible_projects_q
from koers.projects.models import Project, Visibility

from . import figures
from .models import EndUserSession, LearningEvent, Step


def _visible(user: Any) -> QuerySet[Project]:
    return Project.objects.filter(visible_projects_q(user)).values("pk")


def steps_of(*, project: Project) -> QuerySet[Step]:
    """The project's steps, the latest start first; each try knows its previous one."""
    return Step.objects.filter(project=project).select_related("previous_try", "created_by")


def end_user_sessions_of(*, project: Project) -> QuerySet[EndUserSession]:
    return EndUserSession.objects.filter(project=project).select_related("created_by")


def learning_events_of(*, project: Project) -> QuerySet[LearningEvent]:
    return LearningEvent.objects.filter(project=project).select_related("created_by")


def step_get(*, user: Any, pk: Any) -> Step:
    return get_object_or_404(
        Step.objects.filter(project__in=_visible(user)).select_related("project"), pk=pk
    )


def end_user_session_get(*, user: Any, pk: Any) -> EndUserSession:
    return get_object_or_404(
        EndUserSession.objects.filter(project__in=_visible(user)).select_related("project"),
        pk=pk,
    )


def learning_event_get(*, user: Any, pk: Any) -> LearningEvent:
    return get_object_or_404(
        LearningEvent.objects.filter(project__in=_visible(user)).select_related("project"),
        pk=pk,
    )


@dataclass(frozen=True)
class EvidenceDates:
    """The latest dated evidence of one project; None where there is none."""

    last_finished_step: datetime.date | None = None
    last_end_user_session: datetime.date | None = None
    last_learning_event: datetime.date | None = None


def evidence_dates(project_ids: Iterable[int] | QuerySet[Any]) -> dict[int, EvidenceDates]:
    """For each project id, its last finished step, end-user session and learning event, in
    three queries however many projects. `project_ids` may be a list or a values("pk")
    queryset; the caller has scoped it to what the user may see. Projects without any
    evidence are absent: use `.get(pk, EvidenceDates())`."""
    ids = project_ids if isinstance(project_ids, QuerySet) else list(project_ids)
    found: dict[int, dict[str, datetime.date]] = {}
    for field, model, date_field, extra in (
        ("last_finished_step", Step, "ended_on", Q(result__gt="")),
        ("last_end_user_session", EndUserSession, "held_on", Q()),
        ("last_learning_event", LearningEvent, "held_on", Q()),
    ):
        rows = (
            model.objects.filter(extra, project__in=ids)
            .values("project_id")
            .annotate(last=Max(date_field))
            .values_list("project_id", "last")
            .order_by()
        )
        for project_id, last in rows:
            if last is not None:
                found.setdefault(project_id, {})[field] = last
    return {pk: EvidenceDates(**values) for pk, values in found.items()}


@dataclass(frozen=True)
class ProjectEvidence:
    """What the project page shows of a project's evidence."""

    steps: list[Step]
    step_figures: figures.StepFigures
    sessions: list[EndUserSession]
    learning: list[LearningEvent]
    learning_cadence: figures.Cadence
    session_cadence: figures.Cadence


def project_evidence(*, project: Project, today: datetime.date) -> ProjectEvidence:
    """A project's steps, sessions and learning events with their figures, in three queries.
    The caller has checked that the user may see the project."""
    steps = list(steps_of(project=project))
    sessions = list(end_user_sessions_of(project=project))
    learning = list(learning_events_of(project=project))
    return ProjectEvidence(
        steps=steps,
        step_figures=figures.step_figures(
            ((s.started_on, s.ended_on, s.result) for s in steps), today=today
        ),
        sessions=sessions,
        learning=learning,
        learning_cadence=figures.cadence(e.held_on for e in learning),
        session_cadence=figures.cadence(s.held_on for s in sessions),
    )


def lessons_search(
    *, user: Any, query: str = "", organisation_ids: Iterable[int] | None = None
) -> QuerySet[LearningEvent]:
    """Learning events with a lesson, of every project the user may see, newest first;
    `query` matches the lesson, who took part and the project's title (each word);
    `organisation_ids` narrows to the projects of those organisations."""
    events = LearningEvent.objects.filter(project__in=_visible(user)).exclude(lesson="")
    if organisation_ids is not None:
        events = events.filter(project__owner_id__in=list(organisation_ids))
    for word in query.split()[:8]:
        events = events.filter(
            Q(lesson__icontains=word)
            | Q(participants__icontains=word)
            | Q(project__title__icontains=word)
        )
    return events.select_related("project", "project__owner").order_by("-held_on", "-id")


def shared_lessons_of(*, project: Project) -> QuerySet[LearningEvent]:
    """The lessons the library shows with a shared project (network or public visibility)."""
    if project.visibility not in (Visibility.NETWORK, Visibility.PUBLIC):
        return LearningEvent.objects.none()
    return (
        LearningEvent.objects.filter(project=project).exclude(lesson="").order_by("-held_on", "-id")
    )
