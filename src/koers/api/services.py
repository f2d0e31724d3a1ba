"""Making and revoking API tokens. The secret is returned once and never stored."""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.audit.services import change_record
from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import has_role, roles_of

from .models import ApiToken, Scope
from .tokens import token_hash, token_new


def _require_may_make(by: Any, *, organisation: Organisation, user: Any | None, scope: str) -> None:
    """`by` None is the command line (the platform's operator), who may make any token."""
    if by is None:
        return
    if user is None:
        if not has_role(by, organisation.pk, Role.COORDINATOR):
            raise PermissionDenied(
                _("Only coordinators of %(org)s can make an organisation token.")
                % {"org": organisation}
            )
        return
    if user.pk != by.pk:
        raise PermissionDenied(_("A personal token can only be made by its own person."))
    if organisation.pk not in roles_of(by):
        raise PermissionDenied(_("You are not a member of %(org)s.") % {"org": organisation})
    if scope == Scope.WRITE and not has_role(by, organisation.pk, Role.MEMBER):
        raise PermissionDenied(
            _("You are a viewer in %(org)s: a token of yours can only read.")
            % {"org": organisation}
        )


def _token_account(organisation: Organisation, name: str, prefix: str) -> Any:
    """The account an organisation token acts as: no password, no membership row, so it is
    never listed among the organisation's people; its name shows as author in the history."""
    account = get_user_model()(
        username=f"api-token-{prefix}",
        first_name=name[:150],
        last_name=f"(API, {organisation.slug})"[:150],
    )
    account.set_unusable_password()
    account.save()
    return account


@transaction.atomic
def api_token_create(
    *,
    by: Any | None,
    organisation: Organisation,
    scope: str,
    name: str,
    user: Any | None = None,
    expires_at: datetime.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token and its secret (show it once). Personal when `user` is given."""
    if scope not in Scope.values:
        raise ValidationError({"scope": _("Choose read or write.")})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, so you know what uses it.")})
    if len(name) > 100:
        raise ValidationError({"name": _("A name has at most 100 characters.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry date must lie in the future.")})
    if user is not None and organisation.pk not in roles_of(user):
        raise ValidationError(
            {
                "user": _("%(user)s is not a member of %(org)s.")
                % {"user": user, "org": organisation}
            }
        )
    _require_may_make(by, organisation=organisation, user=user, scope=scope)
    secret = token_new()
    prefix = secret[:12]
    token = ApiToken.objects.create(
        name=name,
        organisation=organisation,
        user=user,
        acts_as=None if user is not None else _token_account(organisation, name, prefix),
        scope=scope,
        key_hash=token_hash(secret),
        prefix=prefix,
        created_by=by,
        expires_at=expires_at,
    )
    change_record(
        actor=by,
        obj=token,
        action="created",
        changes={
            "name": name,
            "organisation": organisation,
            "user": user,
            "scope": scope,
            "expires_at": expires_at,
        },
    )
    return token, secret


def may_revoke(by: Any, token: ApiToken) -> bool:
    return token.user_id == by.pk or has_role(by, token.organisation_id, Role.COORDINATOR)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: Any) -> ApiToken:
    """Its person or a coordinator of its organisation; a revoked token stays listed."""
    if not may_revoke(by, token):
        raise PermissionDenied(_("Only its person or a coordinator can revoke this token."))
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        change_record(actor=by, obj=locked, action="revoked", changes={"name": locked.name})
    return locked
