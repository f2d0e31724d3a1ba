"""The portfolio dashboard's data: one organisation's projects, for its coordinators.

A fixed number of queries whatever the size of the portfolio; the arithmetic is in figures.py.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.actions.models import Action, ActionStatus
from koers.assessments.models import FactorScore, Scan
from koers.evidence.models import Step
from koers.framework.models import Factor
from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import has_role, organisation_ids_with_role
from koers.projects import lifecycle
from koers.projects.models import Project, StageEvent, Visibility

from . import figures

SHARED = (Visibility.NETWORK, Visibility.PUBLIC)
# How long the network's figures are kept before they are computed again.
NETWORK_SECONDS = 600
ACTIVE_STAGES = (lifecycle.IDEA, lifecycle.EXPERIMENT, lifecycle.DEVELOPMENT)


@dataclass(frozen=True)
class DashboardFilter:
    domain: str = ""
    theme: str = ""
    technique: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None
    stall_weeks: int = 12


@dataclass
class Stall:
    project: dict[str, Any]
    last_activity: datetime.date
    weakest: int | None

    @property
    def stage_label(self) -> str:
        # The data carries its own label, so the page and the PDF (which has no view
        # context) name the stage alike.
        return str(lifecycle.STAGE_LABELS[self.project["stage"]])


@dataclass
class Dashboard:
    organisation: Organisation
    filters: DashboardFilter
    factors: dict[int, Factor]
    total: int
    stage_counts: list[tuple[str, str, int]]
    cohorts: list[figures.CohortRow]
    stalls: list[Stall]
    heatmap: list[tuple[dict[str, Any], list[float | None]]]
    profile: dict[str, dict[int, float | None]]
    trend: dict[str, dict[int, float | None]]
    actions: dict[int | None, dict[str, int]]
    weakest: dict[int, int]
    network: dict[int, float | None] = field(default_factory=dict)
    network_profile: dict[str, dict[int, float | None]] = field(default_factory=dict)


def dashboard_organisations(*, user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(id__in=organisation_ids_with_role(user, Role.COORDINATOR))


def portfolio_projects(
    *, organisation: Organisation, filters: DashboardFilter
) -> QuerySet[Project]:
    qs = Project.objects.filter(owner=organisation, archived_at__isnull=True)
    if filters.domain:
        qs = qs.filter(domain=filters.domain)
    if filters.theme:
        qs = qs.filter(themes__key=filters.theme)
    if filters.technique:
        qs = qs.filter(techniques__key=filters.technique)
    if filters.since:
        qs = qs.filter(started_on__gte=filters.since)
    if filters.until:
        qs = qs.filter(started_on__lte=filters.until)
    return qs


def dashboard_get(*, user: Any, organisation: Organisation, filters: DashboardFilter) -> Dashboard:
    if not has_role(user, organisation.pk, Role.COORDINATOR):
        raise PermissionDenied(
            _("The portfolio dashboard is for coordinators of %(org)s.") % {"org": organisation}
        )
    return dashboard_build(organisation=organisation, filters=filters)


def dashboard_build(*, organisation: Organisation, filters: DashboardFilter) -> Dashboard:
    """The dashboard without a permission check: for callers that checked already, and for
    the operator's command line (`koers report portfolio`)."""
    portfolio = portfolio_projects(organisation=organisation, filters=filters)
    ids = portfolio.values("id")
    projects = {
        p["id"]: p
        for p in portfolio.values(
            "id", "title", "stage", "stage_since", "started_on", "last_scan_id"
        ).order_by("title", "id")
    }
    factors = {f.number: f for f in Factor.objects.filter(version__is_active=True)}

    stages: dict[int, list[str]] = {pk: [] for pk in projects}
    for project_id, stage in StageEvent.objects.filter(project__in=ids).values_list(
        "project_id", "to_stage"
    ):
        stages[project_id].append(stage)
    cohorts = figures.conversion_by_start_year(
        {pk: (p["started_on"].year, stages[pk]) for pk, p in projects.items()}
    )

    latest: dict[int, dict[int, float | None]] = {
        pk: {} for pk in projects if projects[pk]["last_scan_id"]
    }
    for project_id, number, score in FactorScore.objects.filter(
        scan__project__in=ids, scan_id=F("scan__project__last_scan_id")
    ).values_list("scan__project_id", "factor_number", "score"):
        latest[project_id][number] = score

    last_scan = dict(
        Scan.objects.filter(project__in=ids)
        .values("project_id")
        .annotate(last=Max("opened_on"))
        .values_list("project_id", "last")
    )
    last_action = dict(
        Action.objects.filter(project__in=ids)
        .values("project_id")
        .annotate(last=Max("updated_at"))
        .values_list("project_id", "last")
    )
    last_step = dict(
        Step.objects.filter(project__in=ids)
        .values("project_id")
        .annotate(last=Max("updated_at"))
        .values_list("project_id", "last")
    )
    cutoff = timezone.localdate() - datetime.timedelta(weeks=filters.stall_weeks)
    stalls = []
    for pk, p in projects.items():
        if p["stage"] not in ACTIVE_STAGES:
            continue
        action_day = timezone.localdate(last_action[pk]) if pk in last_action else None
        step_day = timezone.localdate(last_step[pk]) if pk in last_step else None
        activity = figures.last_activity(p["stage_since"], last_scan.get(pk), action_day, step_day)
        if activity < cutoff:
            weakest = figures.weakest_counts({pk: latest.get(pk, {})})
            stalls.append(
                Stall(project=p, last_activity=activity, weakest=next(iter(weakest), None))
            )
    stalls.sort(key=lambda s: s.last_activity)

    trend: dict[str, dict[int, float | None]] = {}
    for quarter, number, avg in (
        FactorScore.objects.filter(scan__project__in=ids, scan__submitted_count__gt=0)
        .annotate(quarter=TruncQuarter("scan__opened_on"))
        .values("quarter", "factor_number")
        .annotate(avg=Avg("score"))
        .values_list("quarter", "factor_number", "avg")
        .order_by("quarter")
    ):
        trend.setdefault(figures.quarter_of(quarter), {})[number] = avg

    today = timezone.localdate()
    actions: dict[int | None, dict[str, int]] = {}
    for row in (
        Action.objects.filter(project__in=ids)
        .values("factor_number")
        .annotate(
            open=Count("id", filter=Q(status__in=[ActionStatus.PLANNED, ActionStatus.DOING])),
            overdue=Count(
                "id",
                filter=Q(status__in=[ActionStatus.PLANNED, ActionStatus.DOING], due_date__lt=today),
            ),
            done=Count("id", filter=Q(status=ActionStatus.DONE)),
        )
        .order_by("factor_number")
    ):
        actions[row.pop("factor_number")] = row

    counts = dict(portfolio.values("stage").annotate(n=Count("id")).values_list("stage", "n"))
    dashboard = Dashboard(
        organisation=organisation,
        filters=filters,
        factors=factors,
        total=len(projects),
        stage_counts=[
            (s, str(label), counts.get(s, 0)) for s, label in lifecycle.STAGE_LABELS.items()
        ],
        cohorts=cohorts,
        stalls=stalls,
        heatmap=[
            (projects[pk], [latest[pk].get(n) for n in factors]) for pk in projects if pk in latest
        ],
        profile=figures.profile_by_stage(latest, {pk: projects[pk]["stage"] for pk in latest}),
        trend=trend,
        actions=actions,
        weakest=figures.weakest_counts(latest),
    )
    _add_network(dashboard, organisation)
    return dashboard


def _add_network(dashboard: Dashboard, organisation: Organisation) -> None:
    """Averages over other organisations' shared projects, per factor and per stage, each
    shown only when at least five organisations contribute to it. They read the whole
    network's scans and change slowly, so they are kept for NETWORK_SECONDS per viewing
    organisation."""
    key = f"koers:network:{organisation.pk}"
    cached = cache.get(key)
    if cached is None:
        cached = _network_figures(organisation)
        cache.set(key, cached, NETWORK_SECONDS)
    dashboard.network, dashboard.network_profile = cached


def _network_figures(
    organisation: Organisation,
) -> tuple[dict[int, float | None], dict[str, dict[int, float | None]]]:
    """One query grouped by organisation too; averages and counts of organisations are
    summed up here."""
    rows = (
        FactorScore.objects.filter(
            scan_id=F("scan__project__last_scan_id"),
            scan__project__visibility__in=SHARED,
            scan__project__archived_at__isnull=True,
            score__isnull=False,
        )
        .exclude(scan__project__owner=organisation)
        .values("scan__project__stage", "factor_number", "scan__project__owner")
        .annotate(total=Sum("score"), n=Count("id"))
        .values_list("scan__project__stage", "factor_number", "scan__project__owner", "total", "n")
    )
    by_factor: dict[int, list] = {}
    by_stage: dict[tuple[str, int], list] = {}
    for stage, number, owner, total, n in rows:
        for key, groups in ((number, by_factor), ((stage, number), by_stage)):
            group = groups.setdefault(key, [0.0, 0, set()])
            group[0] += total
            group[1] += n
            group[2].add(owner)

    def shown(group: list) -> float | None:
        total, n, owners = group
        return total / n if len(owners) >= figures.MIN_ORGANISATIONS else None

    per_stage: dict[str, dict[int, float | None]] = {}
    for (stage, number), group in by_stage.items():
        per_stage.setdefault(stage, {})[number] = shown(group)
    return {number: shown(group) for number, group in by_factor.items()}, per_stage
