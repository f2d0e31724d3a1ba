"""What belongs to one project: its stage events, team, scans and actions. The project is
found through the pages' selector first, so another organisation's id gives 404 here too."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from koers.actions.selectors import action_get, actions_of
from koers.api import serializers as s
from koers.api.queries import PageQuery
from koers.assessments.selectors import (
    result_hidden_for,
    scan_get,
    scan_result_for,
    scans_of,
)
from koers.projects.selectors import project_get

from .base import ApiView


class _ProjectPart(ApiView):
    query_class = PageQuery

    def page_of(self, items: Any) -> Response:
        page = self.paginate_queryset(items)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class StageEventList(_ProjectPart):
    serializer_class = s.StageEventSerializer

    @extend_schema(
        operation_id="projects_stage_events_list", responses=s.StageEventSerializer(many=True)
    )
    def get(self, request: Any, pk: int) -> Response:
        project = project_get(user=request.user, pk=pk)
        return self.page_of(project.stage_events.order_by("on", "id"))


class TeamList(_ProjectPart):
    serializer_class = s.TeamMemberSerializer

    @extend_schema(operation_id="projects_team_list", responses=s.TeamMemberSerializer(many=True))
    def get(self, request: Any, pk: int) -> Response:
        project = project_get(user=request.user, pk=pk)
        return self.page_of(project.team.select_related("user").order_by("team_role", "id"))


def with_result(scan: Any, user: Any) -> Any:
    """The scan with its factor scores as this user may read them (None: not for them)."""
    result = (
        None if result_hidden_for(scan=scan, user=user) else scan_result_for(scan=scan, user=user)
    )
    scan.api_result = (
        None if result is None else [row.score for row in result.rows if row.score is not None]
    )
    return scan


class ScanList(_ProjectPart):
    serializer_class = s.ScanSerializer

    @extend_schema(operation_id="projects_scans_list", responses=s.ScanSerializer(many=True))
    def get(self, request: Any, pk: int) -> Response:
        project = project_get(user=request.user, pk=pk)
        page = self.paginate_queryset(scans_of(project=project, user=request.user))
        scans = [with_result(scan, request.user) for scan in page]
        return self.get_paginated_response(self.get_serializer(scans, many=True).data)


class ScanDetail(ApiView):
    serializer_class = s.ScanSerializer

    @extend_schema(operation_id="scans_read")
    def get(self, request: Any, pk: int) -> Response:
        scan = scan_get(user=request.user, pk=pk)
        return Response(self.get_serializer(with_result(scan, request.user)).data)


class ActionList(_ProjectPart):
    serializer_class = s.ActionSerializer

    @extend_schema(operation_id="projects_actions_list", responses=s.ActionSerializer(many=True))
    def get(self, request: Any, pk: int) -> Response:
        project = project_get(user=request.user, pk=pk)
        return self.page_of(actions_of(project=project))


class ActionDetail(ApiView):
    serializer_class = s.ActionSerializer

    @extend_schema(operation_id="actions_read")
    def get(self, request: Any, pk: int) -> Response:
        return Response(self.get_serializer(action_get(user=request.user, pk=pk)).data)
