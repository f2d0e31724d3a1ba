"""Reading a project's partners. The project comes from koers.projects.selectors.project_get
(scoped to the user); a partner by id only within projects the user may see."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from koers.projects.models import Project
from koers.projects.selectors import projects_visible_to

from .models import NETWORK_KINDS, Partner, PartnerKind


def partners_of(*, project: Project) -> QuerySet[Partner]:
    return project.partners.select_related("organisation").order_by("kind", "starts_on", "id")


def suppliers_of(*, project: Project) -> QuerySet[Partner]:
    """The project's suppliers from the market (factor 6), e.g. the provider of an algorithm."""
    return partners_of(project=project).filter(kind=PartnerKind.SUPPLIER)


def network_partners_of(*, project: Project) -> QuerySet[Partner]:
    """Other municipalities, chain partners, knowledge institutions, citizens' organisations."""
    return partners_of(project=project).filter(kind__in=NETWORK_KINDS)


def partner_organisation_ids(*, project: Project) -> set[int]:
    """Organisations in Koers that work with the project (their people may join its team)."""
    return set(
        project.partners.filter(organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )


def partner_get(*, user: Any, pk: Any) -> Partner:
    """A partner of a project the user may see; 404 otherwise, also for another
    organisation's id. Changing it still needs the right to edit the project."""
    return get_object_or_404(
        Partner.objects.select_related("project", "organisation").filter(
            project__in=projects_visible_to(user)
        ),
        pk=pk,
    )


def partners_for_projects(*, project_ids: Any) -> QuerySet[Partner]:
    """Partners of many projects at once (exports): one query."""
    return (
        Partner.objects.filter(project_id__in=project_ids)
        .select_related("project", "organisation")
        .order_by("project__title", "project_id", "kind", "starts_on", "id")
    )
