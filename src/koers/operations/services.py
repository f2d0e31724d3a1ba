"""People who leave: their identity goes, what they contributed stays.

Deleting a person would take their scan answers, team roles and memberships with it (the
models PROTECT them, so it fails instead). Anonymising keeps every record and its history,
attached to an account that no longer names anyone and can no longer sign in: the scans
still count their answers, the history still says "a former member did this".
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import Invitation
from koers.audit.models import ChangeRecord
from koers.audit.services import change_record
from koers.locking import lock_rows
from koers.organisations.models import Membership
from koers.projects.models import Project, ProjectMember, TeamRole


def former_username(user: Any) -> str:
    return f"former-{user.pk}"


@transaction.atomic
def user_anonymise(*, user: Any, by: Any) -> list[Project]:
    """Remove a person's name, e-mail address, username and password; take them off every
    team and out of every organisation, with history. `by` is platform staff, the person
    themself, or None for the operator at the command line.

    Returns the projects left without a project leader, for a coordinator to fill.
    """
    if by is not None and not (by.is_superuser or by.pk == user.pk):
        raise PermissionDenied(_("Only platform staff or the person themself can do this."))
    User = get_user_model()
    locked = User.objects.select_for_update().get(pk=user.pk)
    old_email, old_username = locked.email, locked.username

    orphaned = []
    teams = ProjectMember.objects.filter(user=locked).order_by("project_id")
    lock_rows(Project.objects.filter(pk__in=teams.values("project_id")))
    for member in teams.select_related("project"):
        project = member.project
        member.delete()
        change_record(actor=by, obj=project, action="team_removed", changes={"user": locked.pk})
        if not project.team.filter(team_role=TeamRole.PROJECT_LEADER).exists():
            orphaned.append(project)
    for membership in Membership.objects.filter(user=locked).select_related("organisation"):
        change_record(
            actor=by,
            obj=membership.organisation,
            action="member_left",
            changes={"user": locked.pk, "role": membership.role},
        )
        membership.delete()

    # Invitations and their history carry the address the person was invited at.
    if old_email:
        placeholder = f"{former_username(locked)}@invalid"
        Invitation.objects.filter(email__iexact=old_email).update(email=placeholder, name="")
        invitation_type = ContentType.objects.get_for_model(Invitation)
        for record in ChangeRecord.objects.filter(
            content_type=invitation_type, changes__email=old_email
        ):
            record.changes = {**record.changes, "email": placeholder}
            record.save(update_fields=["changes"])
    _forget_sign_in_attempts(old_username)

    locked.username = former_username(locked)
    locked.first_name = locked.last_name = locked.email = ""
    locked.set_unusable_password()  # also ends every session: the session hash changes
    locked.is_active = locked.is_staff = locked.is_superuser = False
    locked.last_login = None
    locked.save()
    change_record(actor=by, obj=locked, action="anonymised")
    return orphaned


def _forget_sign_in_attempts(username: str) -> None:
    """django-axes keeps usernames and addresses of sign-in attempts."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
