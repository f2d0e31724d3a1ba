"""Reading invitations, scoped to who may see them."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import has_role, organisation_ids_with_role
from koers.projects.models import Project

from .models import Invitation, InvitationStatus


def _listed(qs: QuerySet[Invitation]) -> QuerySet[Invitation]:
    return qs.select_related("organisation", "project", "invited_by", "accepted_by")


def invitations_of_organisation(*, user: Any, organisation: Organisation) -> QuerySet[Invitation]:
    """Every invitation into the organisation, for its coordinators and administrators."""
    if not has_role(user, organisation.pk, Role.COORDINATOR):
        raise PermissionDenied(_("Only coordinators and administrators see the invitations."))
    return _listed(Invitation.objects.filter(organisation=organisation))


def invitations_of_project(*, project: Project) -> QuerySet[Invitation]:
    """The project's open invitations (the caller has already checked the user may edit it)."""
    return _listed(
        Invitation.objects.filter(
            project=project, status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
        )
    )


def invitations_pending_sent_by(*, user: Any) -> QuerySet[Invitation]:
    """Invitations this person sent that nobody accepted yet and that still work ("My tasks")."""
    if not getattr(user, "is_authenticated", False):
        return Invitation.objects.none()
    return _listed(
        Invitation.objects.filter(
            invited_by=user, status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
        )
    )


def invitation_get(*, user: Any, pk: int) -> Invitation:
    """One invitation the user may manage: a coordinator of its organisation or its sender;
    anything else is a 404, as a guessed id should be."""
    coordinated = organisation_ids_with_role(user, Role.COORDINATOR)
    invitation = get_object_or_404(_listed(Invitation.objects.all()), pk=pk)
    if invitation.organisation_id in coordinated or invitation.invited_by_id == user.pk:
        return invitation
    from django.http import Http404

    raise Http404


def coordinated_organisations(*, user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(id__in=organisation_ids_with_role(user, Role.COORDINATOR))


def organisation_for_coordinator(*, user: Any, slug: str) -> Organisation:
    """The organisation by its short name, if the user coordinates it; 404 otherwise."""
    return get_object_or_404(coordinated_organisations(user=user), slug=slug)
