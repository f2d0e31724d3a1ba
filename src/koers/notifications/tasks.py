"""My tasks: what waits for the signed-in person now, read live (the notices tell the same
facts once, at the moment they arise). Every list is scoped through the projects'
visibility rule and bounded, so the page costs the same number of queries for any data."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from koers.accounts.models import Invitation
from koers.accounts.selectors import invitations_pending_sent_by
from koers.actions.models import Action, ActionStatus
from koers.assessments.models import Response
from koers.insights.stalls import last_activity, stalled_projects
from koers.projects.models import Project, ProjectMember
from koers.projects.selectors import projects_visible_to
from koers.questions.models import Question
from koers.questions.selectors import awaiting_triage

from .collect import DUE_SOON_DAYS

SHOWN = 50


@dataclass
class MyTasks:
    scans: list[Response]
    actions: list[Action]
    later_actions: int
    stalled: list[Project]
    invitations: list[Invitation]
    today: datetime.date
    # A coordinator's: the questions of their organisations waiting for a decision.
    triage: list[Question]
    triage_total: int

    @property
    def empty(self) -> bool:
        return not (self.scans or self.actions or self.stalled or self.invitations or self.triage)


def _my_projects(user: Any) -> QuerySet[Project]:
    on_team = Exists(ProjectMember.objects.filter(project=OuterRef("pk"), user=user))
    return projects_visible_to(user).filter(on_team)


def my_tasks(*, user: Any, today: datetime.date) -> MyTasks:
    visible = projects_visible_to(user).values("pk")
    scans = list(
        Response.objects.filter(
            respondent=user,
            submitted_at__isnull=True,
            scan__closed_at__isnull=True,
            scan__project__in=visible,
        )
        .select_related("scan__project")
        .order_by("scan__opened_on", "id")[:SHOWN]
    )
    open_actions = Action.objects.filter(
        owner=user,
        status__in=[ActionStatus.PLANNED, ActionStatus.DOING],
        project__in=visible,
    )
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    actions = list(
        open_actions.filter(due_date__lte=soon)
        .select_related("project")
        .order_by("due_date", "id")[:SHOWN]
    )
    later = open_actions.exclude(due_date__lte=soon).count()
    stalled = list(stalled_projects(_my_projects(user), today=today)[:SHOWN])
    for project in stalled:
        project.last_activity = last_activity(project)
    for action in actions:
        action.overdue = action.due_date < today
        action.days_left = (action.due_date - today).days
    invitations = list(invitations_pending_sent_by(user=user).order_by("expires_at", "id")[:SHOWN])
    triage, triage_total = awaiting_triage(user=user, limit=SHOWN)
    for question in triage:
        question.days_waiting = (today - timezone.localdate(question.asked_at)).days
    return MyTasks(
        scans=scans,
        actions=actions,
        later_actions=later,
        stalled=stalled,
        invitations=invitations,
        today=today,
        triage=triage,
        triage_total=triage_total,
    )
