"""What every API view shares: the checked query, the problem answers, ETags."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework import exceptions, generics, status

from koers.api.queries import MAX_ID, NoQuery, checked_query


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record changed since you read it. Read it again, then change it.")


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = _("Send If-Match with the ETag you read, so no change is overwritten.")


def api_language(request: Any) -> str | None:
    """A program asks for English with Accept-Language; the browser's language cookie (the
    pages' switch, already active) wins over it. None: keep the active language."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return None
    supported = {code for code, _name in settings.LANGUAGES}
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in supported:
            return base
    return None


class ApiView(generics.GenericAPIView):
    query_class = NoQuery
    query: dict[str, Any]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        language = api_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)
        self.query = checked_query(request, self.query_class)
        pk = kwargs.get("pk")
        if pk is not None and not 0 < int(pk) <= MAX_ID:
            raise Http404

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language() or settings.LANGUAGE_CODE
        return response


def etag_of(version: int) -> str:
    return f'"{version}"'


def expected_version(request: Any, current: int) -> int:
    """The version named by If-Match; 428 without it, 412 when it is not the current one."""
    header = request.headers.get("If-Match")
    if not header:
        raise PreconditionRequired()
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    if "*" in tags:
        return current
    if etag_of(current) not in tags:
        raise PreconditionFailed()
    return current


def api_names(error: ValidationError, names: dict[str, str]) -> exceptions.ValidationError:
    """A service's field errors under the names the API uses."""
    if not hasattr(error, "error_dict"):
        return exceptions.ValidationError({"body": error.messages})
    return exceptions.ValidationError(
        {names.get(field, field): messages for field, messages in error.message_dict.items()}
    )
