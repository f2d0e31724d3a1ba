"""Query parameters: only those an operation names, each value checked (400 otherwise)."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from .pagination import MAX_ID, MAX_PAGE_SIZE


class PageQuery(serializers.Serializer):
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    pageSize = serializers.IntegerField(  # noqa: N815 (the API's own name)
        required=False, min_value=1, max_value=MAX_PAGE_SIZE
    )


class NoQuery(serializers.Serializer):
    pass


def checked_query(request: Any, serializer_class: type[serializers.Serializer]) -> dict:
    """The validated query; unknown or repeated parameters and invalid values are a 400."""
    known = set(serializer_class().fields)
    problems = {}
    for name, values in request.query_params.lists():
        if name not in known:
            problems[name] = [_("Unknown query parameter.")]
        elif len(values) > 1:
            problems[name] = [_("Give this parameter once.")]
    if problems:
        raise ValidationError(problems)
    serializer = serializer_class(data=request.query_params.dict())
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
