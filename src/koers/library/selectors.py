"""Reading the case library: study cases for everyone, projects that their owners share."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from koers.projects.access import visible_projects_q
from koers.projects.models import Project, TeamRole, Visibility

from .models import Adoption, ReferenceCase
from .search import ranked

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
    qs = shared_projects_visible_to(user).filter(archived_at__isnull=True)
    if filters.q:
        qs = ranked(
            qs, filters.q, titles=["title"], texts=["problem", "data_sources", "lessons_learned"]
        )
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
    order = ("-rank", "-stage_since", "-id") if filters.q else ("-stage_since", "-id")
    return qs.select_related("owner").prefetch_related("themes").order_by(*order)


def study_cases(*, filters: LibraryFilter) -> QuerySet[ReferenceCase]:
    qs = ReferenceCase.objects.all()
    if filters.q:
        qs = ranked(
            qs, filters.q, titles=["title_nl", "title_en"], texts=["summary_nl", "summary_en"]
        ).order_by("-rank", "title_nl")
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


def shared_projects_visible_to(user: Any) -> QuerySet[Project]:
    """The library's projects for this user: shared with the network or the public, and
    visible to them. Anything that names another organisation's project goes through here."""
    return Project.objects.filter(visible_projects_q(user), visibility__in=SHARED)


def shared_project_get(*, user: Any, pk: Any) -> Project:
    return get_object_or_404(
        shared_projects_visible_to(user).select_related("owner", "last_scan"), pk=pk
    )


def adoptions_of(
    *, project: Project | None = None, case: ReferenceCase | None = None
) -> QuerySet[Adoption]:
    qs = Adoption.objects.select_related("adopter", "project")
    return qs.filter(original_project=project) if project else qs.filter(original_case=case)


@dataclass(frozen=True)
class Origin:
    """Where an adopted project came from, as far as the user may see it."""

    project: Project | None  # the original project while its owner shares it with this user
    case: ReferenceCase | None
    organisation: str  # the original's organisation, named even when its project is hidden


def origin_of(*, user: Any, project: Project) -> Origin | None:
    """Where an adopted project came from, or None. An original project that its owner no
    longer shares is not named: its owner decides who reads its title."""
    adoption = (
        Adoption.objects.filter(project=project)
        .select_related("original_project__owner", "original_case")
        .first()
    )
    if adoption is None:
        return None
    original = adoption.original_project
    if original is None:
        case = adoption.original_case
        return Origin(project=None, case=case, organisation="") if case else None
    shared = shared_projects_visible_to(user).filter(pk=original.pk).exists()
    return Origin(project=original if shared else None, case=None, organisation=original.owner.name)


def library_contacts(*, project: Project) -> list[Any]:
    """The project leaders the library names as contact, only when the team agreed to it
    (`share_contact`); otherwise none. The caller has checked the project is shared."""
    if not project.share_contact:
        return []
    return list(project.team.filter(team_role=TeamRole.PROJECT_LEADER).select_related("user"))
