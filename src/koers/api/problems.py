"""Errors as RFC 9457 problem details (`application/problem+json`), invalid fields listed in
`invalid-params`, as the NL API Design Rules ask."""

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

PROBLEM_JSON = "application/problem+json"


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_JSON
    format = "problem"


def problem(
    status: int, detail: str, *, instance: str = "", invalid: list[dict] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": str(detail),
    }
    if instance:
        body["instance"] = instance
    if invalid:
        body["invalid-params"] = invalid
    return body


def problem_response(request: Any, status: int, detail: str, **kwargs: Any) -> JsonResponse:
    """For answers outside DRF's views (unknown addresses, unreadable queries)."""
    response = JsonResponse(problem(status, detail, instance=request.path, **kwargs), status=status)
    response["Content-Type"] = PROBLEM_JSON
    return response


def flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested error detail as [{"name": "field.sub", "reason": "..."}]."""
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if key == "non_field_errors":
                name = prefix or "body"
            out += flatten(value, name)
        return out
    if isinstance(detail, list):
        out = []
        for index, value in enumerate(detail):
            sub = f"{prefix}.{index}" if isinstance(value, (dict, list)) else prefix
            out += flatten(value, sub)
        return out
    return [{"name": prefix or "body", "reason": str(detail)}]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context["request"]
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found, or not visible to you."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(" ".join(getattr(exc, "args", ())) or None)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"body": exc.messages}
        )
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        invalid = flatten(exc.detail)
        body = problem(
            exc.status_code,
            _("The request holds invalid values."),
            instance=request.path,
            invalid=invalid,
        )
    else:
        body = problem(exc.status_code, _detail(exc), instance=request.path)
    response = Response(body, status=exc.status_code, headers=headers)
    response.content_type = PROBLEM_JSON
    return response


def _detail(exc: exceptions.APIException) -> str:
    detail = exc.detail
    if isinstance(detail, (list, dict)):
        return " ".join(item["reason"] for item in flatten(detail))
    return str(detail)
