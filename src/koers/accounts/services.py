"""Inviting people and accepting invitations. Every write checks the inviter's role, runs in
one transaction, leaves history, and sends its mail only after the transaction committed."""

import datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koers.audit.services import change_record
from koers.locking import lock_rows
from koers.organisations.models import ROLE_RANK, Membership, Organisation, Role
from koers.organisations.selectors import has_role, roles_of
from koers.projects.access import require_edit
from koers.projects.models import Project, ProjectMember, TeamRole

from . import tokens
from .bulk import Row, mark_duplicates
from .mail import invitation_send
from .models import Invitation, InvitationStatus


class InvitationClosed(Exception):
    """The link was used, revoked or has expired; `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def invitation_days() -> int:
    return int(getattr(settings, "KOERS_INVITATION_DAYS", 7))


def user_by_email(email: str) -> Any:
    """The account that owns this address, if any (the oldest when several share it)."""
    return get_user_model().objects.filter(email__iexact=email.strip()).order_by("pk").first()


def _require_inviter(by: Any, organisation: Organisation, role: str) -> None:
    if not has_role(by, organisation.pk, Role.COORDINATOR):
        raise PermissionDenied(_("Only coordinators and administrators invite people."))
    own = roles_of(by).get(organisation.pk)
    if ROLE_RANK[Role(role)] > ROLE_RANK[Role(own)]:
        raise ValidationError({"role": _("You cannot give a role higher than your own.")})


def invitee_problems(
    *, organisation: Organisation, email: str, project: Project | None = None
) -> list[str]:
    """Why this address cannot be invited (empty when it can)."""
    problems = []
    user = user_by_email(email)
    if user is not None:
        if project is None and Membership.objects.filter(user=user, organisation=organisation):
            problems.append(
                _(
                    "This person is already a member of %(organisation)s; change their role "
                    "on the members page."
                )
                % {"organisation": organisation.name}
            )
        if project is not None and project.team.filter(user=user).exists():
            problems.append(_("This person is already in the team."))
    pending = Invitation.objects.filter(
        organisation=organisation,
        project=project,
        email__iexact=email,
        status=InvitationStatus.PENDING,
        expires_at__gt=timezone.now(),
    )
    if pending.exists():
        problems.append(_("This address already has an open invitation; resend it from the list."))
    return problems


def _new_invitation(
    *,
    by: Any,
    organisation: Organisation,
    email: str,
    role: str,
    name: str,
    site_url: str,
    project: Project | None = None,
    team_role: str = "",
    scan: Any = None,
) -> Invitation:
    token = tokens.token_new()
    now = timezone.now()
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        name=name.strip(),
        organisation=organisation,
        role=role,
        project=project,
        team_role=team_role,
        scan=scan,
        token_hash=tokens.token_hash(token),
        invited_by=by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=invitation_days()),
    )
    change_record(
        actor=by,
        obj=invitation,
        action="created",
        changes={"email": invitation.email, "role": role, "project": project, "scan": scan},
    )
    _send_after_commit(invitation, token, site_url)
    return invitation


def _send_after_commit(invitation: Invitation, token: str, site_url: str) -> None:
    send = partial(
        invitation_send,
        invitation_id=invitation.pk,
        token=token,
        site_url=site_url,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    transaction.on_commit(send)


def _lock_invitations(organisation: Organisation) -> None:
    """One invitation check at a time per organisation: two people inviting the same address
    at once would both find no open invitation and send two."""
    lock_rows(Organisation.objects.filter(pk=organisation.pk))


def _validated_email(email: str) -> str:
    from django.core.validators import validate_email

    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    return email


@transaction.atomic
def invitation_create(
    *, by: Any, organisation: Organisation, email: str, role: str, name: str = "", site_url: str
) -> Invitation:
    """Invite someone into the organisation with a role."""
    _require_inviter(by, organisation, role)
    email = _validated_email(email)
    _lock_invitations(organisation)
    problems = invitee_problems(organisation=organisation, email=email)
    if problems:
        raise ValidationError({"email": problems})
    return _new_invitation(
        by=by, organisation=organisation, email=email, role=role, name=name, site_url=site_url
    )


@transaction.atomic
def invitation_create_for_project(
    *,
    by: Any,
    project: Project,
    email: str,
    team_role: str,
    name: str = "",
    scan: Any = None,
    site_url: str,
) -> Invitation:
    """Invite someone into a project's team (and one of its scans). Someone new to the owner
    organisation becomes a member there; an existing role in it is kept as it is."""
    require_edit(by, project)
    if scan is not None and scan.project_id != project.pk:
        raise ValidationError({"scan": _("That scan belongs to another project.")})
    if team_role not in TeamRole.values:
        raise ValidationError({"team_role": _("Choose a role in the team.")})
    email = _validated_email(email)
    _lock_invitations(project.owner)
    problems = invitee_problems(organisation=project.owner, email=email, project=project)
    if problems:
        raise ValidationError({"email": problems})
    return _new_invitation(
        by=by,
        organisation=project.owner,
        email=email,
        role=Role.MEMBER,
        name=name,
        site_url=site_url,
        project=project,
        team_role=team_role,
        scan=scan,
    )


def invitations_bulk_check(*, by: Any, organisation: Organisation, rows: list[Row]) -> list[Row]:
    """Add to each row what stops it from being invited; nothing is written."""
    own = roles_of(by).get(organisation.pk)
    mark_duplicates(rows)
    for row in rows:
        if row.ok:
            row.errors.extend(invitee_problems(organisation=organisation, email=row.email))
        if own and row.role and ROLE_RANK[Role(row.role)] > ROLE_RANK[Role(own)]:
            row.errors.append(_("You cannot give a role higher than your own."))
    return rows


@transaction.atomic
def invitations_bulk_create(
    *, by: Any, organisation: Organisation, rows: list[Row], site_url: str
) -> list[Invitation]:
    """All rows or none: one bad row refuses the whole list."""
    _require_inviter(by, organisation, Role.VIEWER)
    _lock_invitations(organisation)
    rows = invitations_bulk_check(by=by, organisation=organisation, rows=rows)
    if not rows:
        raise ValidationError(_("The list holds no addresses."))
    bad = [row for row in rows if not row.ok]
    if bad:
        raise ValidationError(
            _("%(count)s rows have problems; nothing was sent.") % {"count": len(bad)}
        )
    return [
        _new_invitation(
            by=by,
            organisation=organisation,
            email=row.email,
            role=row.role,
            name=row.name,
            site_url=site_url,
        )
        for row in rows
    ]


def _require_manager(by: Any, invitation: Invitation) -> None:
    if invitation.project_id:
        if invitation.invited_by_id == getattr(by, "pk", None):
            return
        if has_role(by, invitation.organisation_id, Role.COORDINATOR):
            return
        require_edit(by, invitation.project)
        return
    if not has_role(by, invitation.organisation_id, Role.COORDINATOR):
        raise PermissionDenied(_("Only coordinators and administrators manage invitations."))


def _locked(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update().get(pk=invitation.pk)


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: Any, site_url: str) -> Invitation:
    """A fresh link with a fresh expiry; the old link stops working."""
    _require_manager(by, invitation)
    locked = _locked(invitation)
    if locked.status != InvitationStatus.PENDING:
        raise ValidationError(
            _("Only invitations that were not accepted or revoked can be resent.")
        )
    token = tokens.token_new()
    locked.token_hash = tokens.token_hash(token)
    locked.expires_at = timezone.now() + datetime.timedelta(days=invitation_days())
    locked.save(update_fields=["token_hash", "expires_at"])
    change_record(actor=by, obj=locked, action="resent", changes={"expires_at": locked.expires_at})
    _send_after_commit(locked, token, site_url)
    return locked


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: Any) -> Invitation:
    _require_manager(by, invitation)
    locked = _locked(invitation)
    if locked.status != InvitationStatus.PENDING:
        raise ValidationError(_("This invitation was already accepted or revoked."))
    locked.status = InvitationStatus.REVOKED
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["status", "revoked_at"])
    change_record(actor=by, obj=locked, action="revoked")
    return locked


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation a link names, whatever its state; None for a forged link."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("organisation", "project", "invited_by")
        .filter(token_hash=tokens.token_hash(token))
        .first()
    )


def _open_locked(invitation_id: int) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation_id)
    if locked.status == InvitationStatus.ACCEPTED:
        raise InvitationClosed("used")
    if locked.status == InvitationStatus.REVOKED:
        raise InvitationClosed("revoked")
    if locked.is_expired:
        raise InvitationClosed("expired")
    return locked


def _apply(invitation: Invitation, user: Any) -> None:
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if created:
        change_record(
            actor=user,
            obj=membership,
            action="created",
            changes={"role": invitation.role, "invitation": invitation.pk},
        )
    if invitation.project_id:
        _, joined = ProjectMember.objects.get_or_create(
            project_id=invitation.project_id,
            user=user,
            defaults={"team_role": invitation.team_role or TeamRole.OTHER},
        )
        if joined:
            change_record(
                actor=user,
                obj=invitation.project,
                action="team",
                changes={"user": user.pk, "team_role": invitation.team_role},
            )
    if invitation.scan_id:
        from koers.assessments.services import scan_respondent_add

        scan_respondent_add(scan=invitation.scan, user=user, invitation=invitation.pk)
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_at", "accepted_by"])
    change_record(actor=user, obj=invitation, action="accepted", changes={"user": user.pk})
    if hasattr(user, "_koers_roles"):
        del user._koers_roles


@transaction.atomic
def invitation_accept_new(
    *, invitation: Invitation, first_name: str, last_name: str, password: str
) -> Any:
    """Create the account the invitation is for, then apply the invitation."""
    locked = _open_locked(invitation.pk)
    if user_by_email(locked.email) is not None:
        raise ValidationError(
            _("An account with this address exists already; log in to accept the invitation.")
        )
    user_model = get_user_model()
    user = user_model(
        username=locked.email[:150],
        email=locked.email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    password_validation.validate_password(password, user)
    if user_model.objects.filter(username__iexact=user.username).exists():
        raise ValidationError(_("An account with this address exists already."))
    user.set_password(password)
    user.save()
    change_record(actor=user, obj=user, action="created", changes={"invitation": locked.pk})
    _apply(locked, user)
    return user


@transaction.atomic
def invitation_accept_existing(*, invitation: Invitation, user: Any) -> None:
    """Someone who has an account accepts: the membership is added, no second account."""
    locked = _open_locked(invitation.pk)
    if locked.email.lower() != (user.email or "").lower():
        raise PermissionDenied(_("This invitation is for another e-mail address."))
    _apply(locked, user)
