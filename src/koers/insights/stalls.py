"""Projects that stalled: still in an active stage, and no stage move, scan, change to the
action plan or step recorded or changed (koers.evidence) for some weeks. The same rule as the
dashboard's stalled table, in one query for any set of projects (my projects on "My tasks",
every organisation's for the weekly overview)."""

import datetime
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from koers.actions.models import Action
from koers.assessments.models import Scan
from koers.evidence.models import Step
from koers.projects.models import Project

from .selectors import ACTIVE_STAGES

STALL_WEEKS = 12


def stalled_projects(
    projects: QuerySet[Project], *, today: datetime.date, weeks: int = STALL_WEEKS
) -> QuerySet[Project]:
    """`projects` narrowed to the stalled ones, each annotated with `last_scan_on`,
    `last_action_at` and `last_step_at` (see `last_activity`), the longest in their stage
    first."""
    cutoff = today - datetime.timedelta(weeks=weeks)
    # An action touched on the cutoff day in local time counts as activity on that day.
    cutoff_moment = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return (
        projects.filter(stage__in=ACTIVE_STAGES, stage_since__lt=cutoff)
        .annotate(
            last_scan_on=Subquery(
                Scan.objects.filter(project=OuterRef("pk"))
                .order_by("-opened_on")
                .values("opened_on")[:1]
            ),
            last_action_at=Subquery(
                Action.objects.filter(project=OuterRef("pk"))
                .order_by("-updated_at")
                .values("updated_at")[:1]
            ),
            last_step_at=Subquery(
                Step.objects.filter(project=OuterRef("pk"))
                .order_by("-updated_at")
                .values("updated_at")[:1]
            ),
        )
        .filter(Q(last_scan_on__isnull=True) | Q(last_scan_on__lt=cutoff))
        .filter(Q(last_action_at__isnull=True) | Q(last_action_at__lt=cutoff_moment))
        .filter(Q(last_step_at__isnull=True) | Q(last_step_at__lt=cutoff_moment))
        .order_by("stage_since", "id")
    )


def last_activity(project: Any) -> datetime.date:
    """The latest of the stage move, the last scan, the last change to the plan and the last
    step recorded or changed."""
    days = [project.stage_since, project.last_scan_on]
    for moment in (project.last_action_at, project.last_step_at):
        if moment is not None:
            days.append(timezone.localdate(moment))
    return max(d for d in days if d is not None)
