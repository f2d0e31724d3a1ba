"""A caller must be known; a token changes nothing unless its scope is `write`."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from .models import ApiToken, Scope


class SignedInWithScope(permissions.BasePermission):
    message = _("This token may only read. Make a token with scope write to change data.")

    def has_permission(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, ApiToken) or token.scope == Scope.WRITE
