"""Who calls the API: `Authorization: Token <secret>`, or the browser's session (with CSRF).

The caller is made a person whose roles are those the token grants in its organisation only
(`_koers_roles`, the cache `koers.organisations.selectors.roles_of` reads), so every read and
write goes through the same selectors and services as the pages."""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from koers.organisations.models import Membership, Role

from .models import ApiToken, Scope
from .tokens import token_hash

# Recording every use would write on every read; a minute is exact enough to tell use.
LAST_USE_PRECISION = datetime.timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Any) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Token <token>."))
        try:
            secret = header[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from error
        return principal_for(secret)

    def authenticate_header(self, request: Any) -> str:
        return self.keyword


class SessionAuthentication(authentication.SessionAuthentication):
    """The signed-in browser; writes need the CSRF token, as forms do."""


def principal_for(secret: str) -> tuple[Any, ApiToken]:
    token = (
        ApiToken.objects.select_related("user", "acts_as")
        .filter(key_hash=token_hash(secret))
        .first()
    )
    now = timezone.now()
    if token is None or not token.is_usable(now):
        raise exceptions.AuthenticationFailed(_("This token is not valid, or no longer."))
    if token.user_id is not None:
        person = token.user
        role = (
            Membership.objects.filter(user=person, organisation_id=token.organisation_id)
            .values_list("role", flat=True)
            .first()
        )
        if role is None or not person.is_active:
            raise exceptions.AuthenticationFailed(
                _("The person of this token is no longer a member of its organisation.")
            )
    else:
        person = token.acts_as
        role = Role.COORDINATOR if token.scope == Scope.WRITE else Role.VIEWER
    person._koers_roles = {token.organisation_id: role}
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return person, token
