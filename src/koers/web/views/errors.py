"""Error pages in the site's look and the user's language, with the reason where it is safe
to tell and a way back. Used as Django's handler400/403/404/500 and CSRF failure view."""

import logging

from django.core.exceptions import DisallowedHost, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _titles() -> dict[int, tuple[str, str]]:
    return {
        400: (
            _("This request could not be handled"),
            _("Something in the request was not right. Go back and try again."),
        ),
        403: (_("You may not do this"), _("Your role does not allow this.")),
        404: (
            _("Page not found"),
            _(
                "This page does not exist, or you may not see it. Check the address, "
                "or start again from the overview."
            ),
        ),
        500: (
            _("Something went wrong on our side"),
            _(
                "The error has been logged. Try again in a moment; if it keeps happening, "
                "tell your coordinator what you were doing."
            ),
        ),
    }


def _back(request: HttpRequest) -> str:
    """The previous page, when it was a page of this site."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the very reason for a 400
        return ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return referer
    return ""


def error_page(request: HttpRequest, status: int, reason: str = "") -> HttpResponse:
    title, explanation = _titles()[status]
    context = {
        "status": status,
        "title": title,
        "explanation": explanation,
        "reason": reason,
        "back": _back(request),
    }
    # With the request (the user's menu), without it when the request itself is the trouble
    # (a forged host), and plain when the site is broken.
    for with_request in (request, None):
        try:
            html = render_to_string("web/error.html", context, request=with_request)
            break
        except Exception:
            logger.exception("The error page could not be rendered")
    else:
        html = f"<!DOCTYPE html><title>{escape(title)}</title><h1>{escape(title)}</h1>"
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Koers raises PermissionDenied with a message written for the user: the real reason.
    reason = str(exception) if isinstance(exception, PermissionDenied) else ""
    return error_page(request, 403, reason)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    # No reason: Django's own messages name models, and whether something exists is not told.
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(
        request,
        403,
        _("The form was open too long or in another tab. Reload the page and try again."),
    )
