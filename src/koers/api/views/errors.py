from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from koers.api.problems import problem_response


def not_found(request: HttpRequest) -> JsonResponse:
    """Addresses under /api/v1 that name no resource (also with a trailing slash)."""
    return problem_response(request, 404, _("There is no resource at this address."))
