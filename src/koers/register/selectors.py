"""Reading register records, scoped through the projects a user may see."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from koers.audit.models import ChangeRecord
from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import has_role
from koers.partners.selectors import suppliers_of
from koers.projects.access import visible_projects_q
from koers.projects.models import Project

from .models import AlgorithmRecord


def record_of(*, project: Project) -> AlgorithmRecord | None:
    """The project's record, or None when it uses no algorithm. The caller has checked that
    the user may see the project."""
    record = AlgorithmRecord.objects.filter(project=project).first()
    if record is not None:
        record.project = project  # completeness reads the stage and the owner's name
    return record


def record_get(*, user: Any, project_pk: Any) -> AlgorithmRecord:
    """The record of a project the user may see; 404 otherwise, also for other
    organisations' projects."""
    visible = Project.objects.filter(visible_projects_q(user)).values("pk")
    return get_object_or_404(
        AlgorithmRecord.objects.filter(project__in=visible).select_related(
            "project", "project__owner"
        ),
        project_id=project_pk,
    )


def register_organisation_get(*, user: Any, slug: str) -> Organisation:
    """The organisation whose register export the user may make: its coordinators only;
    404 for everyone else, so that the page does not tell which organisations exist."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not has_role(user, organisation.pk, Role.COORDINATOR):
        raise Http404
    return organisation


def records_of_organisation(*, organisation: Organisation) -> QuerySet[AlgorithmRecord]:
    """The records of the organisation's current projects (archived ones left out), for a
    coordinator of the organisation or the command line."""
    return (
        AlgorithmRecord.objects.filter(project__owner=organisation, project__archived_at=None)
        .select_related("project", "project__owner")
        .order_by("project__title", "project_id")
    )


def record_history(*, record: AlgorithmRecord) -> QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(AlgorithmRecord), object_id=record.pk
    ).select_related("actor")


def suppliers_for(project: Project) -> list[str]:
    """Names of the project's suppliers (its partners from the market), offered for the
    record's provider."""
    return [partner.display_name for partner in suppliers_of(project=project)]
