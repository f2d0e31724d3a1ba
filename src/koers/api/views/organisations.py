"""Organisations: their public fields, for every caller who is signed in."""

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from koers.api import serializers as s
from koers.api.queries import PageQuery
from koers.organisations.models import Organisation

from .base import ApiView


class OrganisationList(ApiView):
    serializer_class = s.OrganisationSerializer
    query_class = PageQuery

    @extend_schema(operation_id="organisations_list", responses=s.OrganisationSerializer(many=True))
    def get(self, request: Any) -> Response:
        page = self.paginate_queryset(Organisation.objects.order_by("name", "id"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class OrganisationDetail(ApiView):
    serializer_class = s.OrganisationSerializer

    @extend_schema(operation_id="organisations_read", responses=s.OrganisationSerializer)
    def get(self, request: Any, slug: str) -> Response:
        organisation = get_object_or_404(Organisation, slug=slug)
        return Response(self.get_serializer(organisation).data)
