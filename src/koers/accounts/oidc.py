"""Signing in with the municipality's identity provider (OpenID Connect, mozilla-django-oidc).

The first sign-in creates the account with the memberships its groups map to; a sign-in
whose groups map to nothing (and no default is set) is refused with a page that says so, as
is anything the provider sends that does not check out: never an error page."""

import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from .identity import grants_apply, grants_for

logger = logging.getLogger(__name__)
REFUSAL = "koers_oidc_refusal"


def oidc_configured() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def _groups(claims: dict[str, Any]) -> list[str]:
    value = claims.get(settings.KOERS_OIDC_GROUPS_CLAIM)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int))]
    return []


class KoersOIDCBackend(OIDCAuthenticationBackend):
    def _refuse(self, reason: str) -> bool:
        self.request.session[REFUSAL] = reason
        return False

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        email = claims.get(settings.KOERS_OIDC_EMAIL_CLAIM)
        if not isinstance(email, str) or "@" not in email:
            return self._refuse("claims")
        if not grants_for(_groups(claims)):
            return self._refuse("unmapped")
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = claims[settings.KOERS_OIDC_EMAIL_CLAIM]
        return self.UserModel.objects.filter(email__iexact=email)

    def _names(self, claims: dict[str, Any]) -> tuple[str, str]:
        first, last = claims.get("given_name"), claims.get("family_name")
        if isinstance(first, str) or isinstance(last, str):
            return (first or "")[:150], (last or "")[:150]
        first, _sep, last = str(claims.get(settings.KOERS_OIDC_NAME_CLAIM) or "").partition(" ")
        return first[:150], last[:150]

    def create_user(self, claims: dict[str, Any]) -> Any:
        email = claims[settings.KOERS_OIDC_EMAIL_CLAIM].strip().lower()
        first, last = self._names(claims)
        user = self.UserModel(username=email[:150], email=email, first_name=first, last_name=last)
        # No local password: this person signs in through the provider (which does MFA).
        user.set_unusable_password()
        user.save()
        grants_apply(user=user, grants=grants_for(_groups(claims)))
        return user

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        grants_apply(user=user, grants=grants_for(_groups(claims)))
        return user


class KoersOIDCCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer; whatever goes wrong in it ends on the refusal page."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError, ValueError) as exc:
            logger.warning("OpenID Connect sign-in refused: %s", exc)
            request.session[REFUSAL] = "invalid"
            return self.login_failure()


def refused(request: HttpRequest) -> HttpResponse:
    reason = request.session.pop(REFUSAL, "invalid")
    return render(request, "accounts/oidc_refused.html", {"reason": reason}, status=403)
