"""What every API view shares: the checked query, the problem answers, ETags."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, generics, status

from koers.api.queries import MAX_ID, NoQuery, checked_query


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record changed since you read it. Read it again, then change it.")


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = _("Send If-Match with the ETag you read, so no change is overwritten.")


class ApiView(generics.GenericAPIView):
    query_class = NoQuery
    query: dict[str, Any]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.query = checked_query(request, self.query_class)
        pk = kwargs.get("pk")
        if pk is not None and not 0 < int(pk) <= MAX_ID:
            raise Http404


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
