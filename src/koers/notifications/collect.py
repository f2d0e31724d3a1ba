"""Notices about time, derived at a given moment: a scan still unanswered, an action due
soon or overdue, and the coordinators' weekly overview. Each has a period in its key, so
deriving them again at the same or a later moment adds nothing that was made before."""

import datetime
from collections import Counter, defaultdict
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from koers.actions.models import Action, ActionStatus
from koers.assessments.models import Response
from koers.insights.stalls import stalled_projects
from koers.organisations.models import Membership, Organisation, Role
from koers.projects import lifecycle
from koers.projects.models import Project, ProjectMember

from .kinds import iso_week
from .models import NoticeKind
from .services import Candidate, notices_add

DUE_SOON_DAYS = 7
# A scan opened longer ago than this is taken as abandoned: nobody is reminded of it.
SCAN_REMINDER_WINDOW_DAYS = 60
# The weekly overview names this many projects and actions; the counts cover the rest.
DIGEST_ROWS = 10
OPEN = (ActionStatus.PLANNED, ActionStatus.DOING)


def notices_collect(*, now: datetime.datetime) -> Counter[str]:
    """Make the notices due at `now`; return how many were new, per kind."""
    today = timezone.localdate(now)
    made: Counter[str] = Counter()
    for candidates in (_unanswered_scans(today), _actions(today), _digests(today)):
        for notice in notices_add(candidates, now=now):
            made[notice.kind] += 1
    return made


def _unanswered_scans(today: datetime.date) -> list[Candidate]:
    days = settings.KOERS_SCAN_REMINDER_DAYS
    still_on_team = ProjectMember.objects.filter(
        project_id=OuterRef("scan__project_id"), user_id=OuterRef("respondent_id")
    )
    rows = (
        Response.objects.filter(
            submitted_at__isnull=True,
            scan__closed_at__isnull=True,
            scan__opened_on__lte=today - datetime.timedelta(days=days),
            scan__opened_on__gt=today - datetime.timedelta(days=SCAN_REMINDER_WINDOW_DAYS),
        )
        .exclude(scan__project__stage=lifecycle.STOPPED)
        .filter(Exists(still_on_team))
        .values_list(
            "pk",
            "respondent_id",
            "scan_id",
            "scan__opened_on",
            "scan__project_id",
            "scan__project__title",
        )
    )
    return [
        Candidate(
            kind=NoticeKind.SCAN_UNANSWERED,
            subject=f"response:{pk}",
            recipient_id=respondent,
            project_id=project,
            data={"project": title, "scan": scan, "opened_on": opened.isoformat()},
        )
        for pk, respondent, scan, opened, project, title in rows
    ]


def _actions(today: datetime.date) -> list[Candidate]:
    """To each owner: an open action due within a week, and once more when it is overdue.
    The due date is in the period: an action given a new date is announced again."""
    rows = (
        Action.objects.filter(
            owner__isnull=False,
            status__in=OPEN,
            due_date__isnull=False,
            due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .exclude(project__stage=lifecycle.STOPPED)
        .values_list("pk", "owner_id", "title", "due_date", "project_id", "project__title")
    )
    out = []
    for pk, owner, title, due, project, project_title in rows:
        overdue = due < today
        out.append(
            Candidate(
                kind=NoticeKind.ACTION_OVERDUE if overdue else NoticeKind.ACTION_DUE,
                subject=f"action:{pk}",
                recipient_id=owner,
                period=f"{'overdue' if overdue else 'due'}:{due.isoformat()}",
                project_id=project,
                data={"project": project_title, "action": title, "due": due.isoformat()},
            )
        )
    return out


def _digests(today: datetime.date) -> list[Candidate]:
    """One overview a week per coordinator and organisation, when something needs attention."""
    coordinators: dict[int, list[int]] = defaultdict(list)
    for user_id, org_id in Membership.objects.filter(
        role__in=[Role.COORDINATOR, Role.ADMINISTRATOR]
    ).values_list("user_id", "organisation_id"):
        coordinators[org_id].append(user_id)
    if not coordinators:
        return []
    orgs = list(coordinators)
    stalled: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in stalled_projects(
        Project.objects.filter(owner_id__in=orgs, archived_at__isnull=True), today=today
    ).values("pk", "title", "owner_id", "stage_since"):
        stalled[row["owner_id"]].append({"id": row["pk"], "title": row["title"]})
    overdue: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for title, due, project_title, org in (
        Action.objects.filter(project__owner_id__in=orgs, status__in=OPEN, due_date__lt=today)
        .exclude(project__stage=lifecycle.STOPPED)
        .order_by("due_date", "id")
        .values_list("title", "due_date", "project__title", "project__owner_id")
    ):
        overdue[org].append({"title": title, "project": project_title, "due": due.isoformat()})
    names = {o.pk: o for o in Organisation.objects.filter(pk__in=orgs).only("name", "slug")}
    week = iso_week(today)
    out = []
    for org_id, users in coordinators.items():
        if not stalled[org_id] and not overdue[org_id]:
            continue
        data = {
            "organisation": names[org_id].name,
            "slug": names[org_id].slug,
            "stalled_count": len(stalled[org_id]),
            "stalled": stalled[org_id][:DIGEST_ROWS],
            "overdue_count": len(overdue[org_id]),
            "overdue": overdue[org_id][:DIGEST_ROWS],
        }
        out += [
            Candidate(
                kind=NoticeKind.COORDINATOR_DIGEST,
                subject=f"organisation:{org_id}",
                recipient_id=user_id,
                period=week,
                data=data,
            )
            for user_id in users
        ]
    return out
