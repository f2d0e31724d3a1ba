"""An organisation's Algoritmeregister records, as its register page lists them (coordinators
only; 404 for everyone else): each record either publishable, with the register's JSON made
by the same function as `koers algoritmeregister export` (checked against the standard's
JSON Schema), or left out with the reasons why."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from koers.api.queries import PageQuery
from koers.register.completeness import completeness
from koers.register.export import build_export
from koers.register.selectors import records_of_organisation, register_organisation_get

from .base import ApiView


class RegisterRecordSerializer(serializers.Serializer):
    project = serializers.IntegerField(source="record.project_id")
    title = serializers.CharField(source="record.project.title")
    sourceId = serializers.UUIDField(source="record.source_id")  # noqa: N815
    publishable = serializers.BooleanField()
    requiredFields = serializers.IntegerField(source="required_fields")  # noqa: N815
    filledFields = serializers.IntegerField(source="filled_fields")  # noqa: N815
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="Why the record is left out of the export."
    )
    document = serializers.DictField(
        allow_null=True,
        help_text="The record as the Algoritmeregister's JSON (publication standard 1.0); "
        "null when it is left out.",
    )


class _Entry:
    """One record with what the export makes of it."""

    def __init__(self, record: Any) -> None:
        result = build_export([record])
        self.record = record
        check = completeness(record)
        self.required_fields, self.filled_fields = len(check.required), check.filled_count
        self.publishable = bool(result.documents)
        self.document = result.documents[0] if result.documents else None
        self.reasons = result.left_out[0].reasons if result.left_out else []


class RegisterRecordList(ApiView):
    serializer_class = RegisterRecordSerializer
    query_class = PageQuery

    @extend_schema(
        operation_id="organisations_register_records_list",
        responses=RegisterRecordSerializer(many=True),
        summary="Algoritmeregister records (coordinators of the organisation)",
    )
    def get(self, request: Any, slug: str) -> Response:
        organisation = register_organisation_get(user=request.user, slug=slug)
        page = self.paginate_queryset(records_of_organisation(organisation=organisation))
        entries = [_Entry(record) for record in page]
        return self.get_paginated_response(self.get_serializer(entries, many=True).data)
