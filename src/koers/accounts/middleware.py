"""Sends people who still owe their second sign-in step to it before anything else."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .two_factor import is_local_account, two_factor_enabled, two_factor_required

# Pages that must stay reachable before the second step (to take it, or to leave).
OPEN_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/i18n/")
OPEN_PAGES = ("/help/", "/accessibility/", "/privacy/")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            is_local_account(user)
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
            and request.path not in OPEN_PAGES
        ):
            if two_factor_enabled(user):
                return self._to("two_factor_verify", request)
            if two_factor_required(user):
                return self._to("two_factor_setup", request)
        return self.get_response(request)

    @staticmethod
    def _to(name: str, request: HttpRequest) -> HttpResponse:
        target = request.get_full_path() if request.method == "GET" else "/"
        return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': target})}")
