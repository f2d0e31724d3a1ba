"""The case library's study cases (public knowledge, the same for every caller)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from koers.api import serializers as s
from koers.api.queries import PageQuery
from koers.library.selectors import LibraryFilter, study_cases
from koers.projects.models import Domain

from .base import ApiView


class LibraryCaseFilter(serializers.Serializer):
    domain = serializers.ChoiceField(choices=Domain.choices, required=False)


class LibraryCaseQuery(PageQuery, LibraryCaseFilter):
    pass


class LibraryCaseList(ApiView):
    serializer_class = s.LibraryCaseSerializer
    query_class = LibraryCaseQuery

    @extend_schema(
        operation_id="library_cases_list",
        parameters=[LibraryCaseFilter],
        responses=s.LibraryCaseSerializer(many=True),
    )
    def get(self, request: Any) -> Response:
        cases = study_cases(filters=LibraryFilter(domain=self.query.get("domain", "")))
        page = self.paginate_queryset(cases.order_by("key"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
