"""Requests per token (or per signed-in person) and window, counted in the shared cache.

The window is counted in requests, not measured speed: within one window the N+1st request
gets 429, however fast or slow the machine is."""

from typing import Any

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class PerTokenThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self) -> str:
        return settings.KOERS_API_RATE

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"anonymous-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
