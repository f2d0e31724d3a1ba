"""Two protections every response needs, kept in one place rather than in each view."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .responses import refused


class UnreadableQueryMiddleware:
    """A NUL byte in the query string cannot be stored or searched for (PostgreSQL refuses
    it in any text), so a filter that holds one is refused with a clear page here instead of
    failing deep inside a query. Form fields refuse NUL bytes themselves."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in key or "\x00" in value for key, value in _pairs(request)):
            return refused(
                request,
                status=400,
                title=_("Koers cannot read this address"),
                message=_(
                    "The address holds a character that is not text (a NUL byte). Remove it "
                    "from the address, or start again from the page you came from."
                ),
            )
        return self.get_response(request)


def _pairs(request: HttpRequest):
    for key, values in request.GET.lists():
        for value in values:
            yield key, value


class NoStoreWhenSignedInMiddleware:
    """Pages, PDFs and exports for a signed-in person hold their organisation's data: no
    browser or proxy may keep a copy (a shared computer, the back button after logging out)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
