from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from koers.api.problems import problem_response


@csrf_exempt  # a write to no resource is a 404 problem, not the CSRF page
def not_found(request: HttpRequest) -> JsonResponse:
    """Addresses under /api/v1 that name no resource (also with a trailing slash)."""
    return problem_response(request, 404, _("There is no resource at this address."))
