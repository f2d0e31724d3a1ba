"""What every answer under /api/ carries, also answers made before a view runs."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .problems import problem_response

API_PREFIX = "/api/"
API_VERSION = "1.0.0"


class ApiMiddleware:
    """The `API-Version` header on every API answer (NL API Design Rules, API-57); a query
    with a NUL byte refused as problem+json (the pages' own guard answers with a page);
    no copies kept by browsers or proxies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in k or "\x00" in v for k, vs in request.GET.lists() for v in vs
        ):
            response = problem_response(
                request, 400, _("The query holds a character that is not text (a NUL byte).")
            )
        else:
            response = self.get_response(request)
        response["API-Version"] = API_VERSION
        response.setdefault("Cache-Control", "private, no-store")
        return response
