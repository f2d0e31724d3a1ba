"""Who may see and change a project: the one place that decides."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from koers.organisations.models import Role
from koers.organisations.selectors import has_role, organisation_ids_with_role, roles_of

from .models import Project, ProjectMember, TeamRole, Visibility


def visible_projects_q(user: Any) -> Q:
    """Filter for the projects a user may see, by membership and project visibility."""
    if not getattr(user, "is_authenticated", False):
        return Q(visibility=Visibility.PUBLIC)
    org_ids = list(roles_of(user))
    on_team = Exists(ProjectMember.objects.filter(project=OuterRef("pk"), user=user))
    q = Q(visibility=Visibility.PUBLIC) | Q(on_team)
    if org_ids:
        q |= Q(visibility=Visibility.NETWORK)
        q |= Q(visibility=Visibility.ORGANISATION, owner_id__in=org_ids)
    coordinated = organisation_ids_with_role(user, Role.COORDINATOR)
    if coordinated:
        q |= Q(owner_id__in=coordinated)
    return q


def _prefetched_team(project: Project) -> list[ProjectMember] | None:
    """The team as the page's selector loaded it (project_get), so that checks do not read
    it again; None when it was not loaded with the project."""
    return getattr(project, "_prefetched_objects_cache", {}).get("team")


def is_team_member(user: Any, project: Project) -> bool:
    team = _prefetched_team(project)
    if team is not None:
        return any(m.user_id == user.pk for m in team)
    cache = getattr(project, "_team_user_ids", None)
    if cache is None:
        cache = set(project.team.values_list("user_id", flat=True))
        project._team_user_ids = cache
    return user.pk in cache


def can_edit(user: Any, project: Project) -> bool:
    """Coordinators of the owner organisation, and team members who are at least members there."""
    if has_role(user, project.owner_id, Role.COORDINATOR):
        return True
    return has_role(user, project.owner_id, Role.MEMBER) and is_team_member(user, project)


def require_edit(user: Any, project: Project) -> None:
    if not can_edit(user, project):
        raise PermissionDenied(_("You may view this project but not change it."))


def can_create_in(user: Any, organisation_id: int) -> bool:
    return has_role(user, organisation_id, Role.MEMBER)


def create_refusal(user: Any, organisation: Any = None) -> str | None:
    """Why the user may not register a project (for that organisation, or for any), or None
    when they may. Pages offer "New project" only when this is None; the service refuses
    with the same words."""
    roles = roles_of(user)
    if organisation is not None:
        if can_create_in(user, organisation.pk):
            return None
        if roles.get(organisation.pk) == Role.VIEWER:
            return _(
                "You are a viewer in %(org)s: you can read its projects but not register one. "
                "A coordinator of %(org)s can make you a member."
            ) % {"org": organisation}
        return _("Only members of %(org)s can register a project for it.") % {"org": organisation}
    if organisation_ids_with_role(user, Role.MEMBER):
        return None
    if not roles:
        return _(
            "You are not yet a member of an organisation, so you cannot register a project. "
            "Ask a coordinator of your organisation to add you."
        )
    from koers.organisations.models import Organisation

    names = ", ".join(o.name for o in Organisation.objects.filter(id__in=list(roles)))
    return _(
        "You are a viewer in %(org)s: you can read its projects but not register one. "
        "A coordinator of %(org)s can make you a member."
    ) % {"org": names}


def require_create(user: Any, organisation: Any) -> None:
    refusal = create_refusal(user, organisation)
    if refusal:
        raise PermissionDenied(refusal)


def can_lead(user: Any, project: Project) -> bool:
    """Coordinators of the owner organisation, and the project's leaders who are at least
    members there: who may close and reopen scans, archive and restore the project."""
    if has_role(user, project.owner_id, Role.COORDINATOR):
        return True
    if not has_role(user, project.owner_id, Role.MEMBER):
        return False
    team = _prefetched_team(project)
    if team is not None:
        return any(m.user_id == user.pk and m.team_role == TeamRole.PROJECT_LEADER for m in team)
    return project.team.filter(user=user, team_role=TeamRole.PROJECT_LEADER).exists()


def require_lead(user: Any, project: Project) -> None:
    if not can_lead(user, project):
        raise PermissionDenied(
            _("Only the project leader or a coordinator of the organisation can do this.")
        )
