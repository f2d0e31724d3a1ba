"""Reading the case library: study cases for everyone, projects that their owners share."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from koers.projects.access import visible_projects_q
from koers.projects.models import Project, Visibility

from .models import Adoption, ReferenceCase

SHARED = (Visibility.NETWORK, Visibility.PUBLIC)


@dataclass(frozen=True)
class LibraryFilter:
    q: str = ""
    domain: str = ""
    theme: str = ""
    technique: str = ""
    stage: str = ""
    organisation: str = ""


def shared_projects(*, user: Any, filters: LibraryFilter) -> QuerySet[Project]:
    """Projects shared with the network or the public that this user may see."""
    qs = Project.objects.filter(visible_projects_q(user), visibility__in=SHARED)
    if filters.q:
        qs = qs.filter(Q(title__icontains=filters.q) | Q(problem__icontains=filters.q))
    if filters.domain:
        qs = qs.filter(domain=filters.domain)
    if filters.theme:
        qs = qs.filter(themes__key=filters.theme)
    if filters.technique:
        qs = qs.filter(techniques__key=filters.technique)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.organisation:
        qs = qs.filter(owner__slug=filters.organisation)
    return qs.select_related("owner").prefetch_related("themes").order_by("-stage_since", "-id")


def study_cases(*, filters: LibraryFilter) -> QuerySet[ReferenceCase]:
    qs = ReferenceCase.objects.all()
    if filters.q:
        qs = qs.filter(
            Q(title_nl__icontains=filters.q)
            | Q(title_en__icontains=filters.q)
            | Q(summary_nl__icontains=filters.q)
            | Q(summary_en__icontains=filters.q)
        )
    if filters.domain:
        qs = qs.filter(domain=filters.domain)
    if filters.theme:
        qs = qs.filter(themes__key=filters.theme)
    if filters.technique:
        qs = qs.filter(techniques__key=filters.technique)
    if filters.stage:
        qs = qs.filter(stage_reached=filters.stage)
    if filters.organisation:
        # Study cases are named by organisation name, not by a Koers organisation.
        qs = qs.filter(organisation_name__icontains=filters.organisation.replace("-", " "))
    return qs.prefetch_related("themes", "techniques")


def shared_project_get(*, user: Any, pk: Any) -> Project:
    return get_object_or_404(
        Project.objects.filter(visible_projects_q(user), visibility__in=SHARED).select_related(
            "owner", "last_scan"
        ),
        pk=pk,
    )


def adoptions_of(
    *, project: Project | None = None, case: ReferenceCase | None = None
) -> QuerySet[Adoption]:
    qs = Adoption.objects.select_related("adopter", "project")
    return qs.filter(original_project=project) if project else qs.filter(original_case=case)


def origin_of(*, project: Project) -> Adoption | None:
    """Where an adopted project came from, or None."""
    return (
        Adoption.objects.filter(project=project)
        .select_related("original_project__owner", "original_case")
        .first()
    )
