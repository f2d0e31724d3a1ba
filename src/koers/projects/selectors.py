"""Reading projects, always scoped to what the user may see."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from koers.organisations.selectors import roles_of

from .access import visible_projects_q
from .disciplines import Coverage, team_disciplines
from .models import Project, ProjectMember, StageEvent


def projects_visible_to(user: Any) -> QuerySet[Project]:
    return Project.objects.filter(visible_projects_q(user))


def project_get(*, user: Any, pk: Any) -> Project:
    """The project if the user may see it; 404 otherwise, also for ids of other organisations."""
    queryset = (
        projects_visible_to(user)
        .select_related("owner", "created_by", "sponsor", "last_scan__framework_version")
        .prefetch_related(
            "themes",
            "techniques",
            Prefetch("team", queryset=ProjectMember.objects.select_related("user")),
            Prefetch(
                "stage_events",
                queryset=StageEvent.objects.select_related("by").order_by("on", "id"),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


@dataclass(frozen=True)
class PortfolioFilter:
    q: str = ""
    domain: str = ""
    stage: str = ""
    theme: str = ""
    mine: bool = False
    # The archive is a view of its own: archived projects never mix with current ones.
    archived: bool = False


def portfolio(*, user: Any, filters: PortfolioFilter) -> QuerySet[Project]:
    """The user's organisations' projects (and their own), filtered, for the portfolio table."""
    own_orgs = list(roles_of(user))
    on_team = Exists(ProjectMember.objects.filter(project=OuterRef("pk"), user=user))
    qs = projects_visible_to(user).filter(Q(owner_id__in=own_orgs) | on_team)
    qs = qs.filter(archived_at__isnull=not filters.archived)
    if filters.mine:
        qs = qs.filter(on_team)
    if filters.q:
        qs = qs.filter(Q(title__icontains=filters.q) | Q(problem__icontains=filters.q))
    if filters.domain:
        qs = qs.filter(domain=filters.domain)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.theme:
        qs = qs.filter(themes__key=filters.theme)
    return (
        qs.select_related("owner", "last_scan")
        .prefetch_related("themes", "last_scan__factor_scores")
        .order_by("-updated_at", "-id")
    )


DISCIPLINE_LABELS = {
    "domain_expert": gettext_lazy("Domain expert"),
    "programme_manager": gettext_lazy("Programme manager"),
    "data_analyst": gettext_lazy("Data scientist or analyst"),
    "privacy_officer": gettext_lazy("Privacy officer"),
    "end_user": gettext_lazy("End user"),
    "it_architecture": gettext_lazy("IT / architecture"),
    "legal": gettext_lazy("Legal"),
    "communication": gettext_lazy("Communication"),
}


def team_coverage(*, project: Project) -> Coverage:
    """The study's disciplines the project's team has and lacks (the team as prefetched by
    project_get: no further query)."""
    return team_disciplines(member.team_role for member in project.team.all())
