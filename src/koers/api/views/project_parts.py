"""What belongs to one project: its stage events, team, scans and actions. The project is
found through the pages' selector first, so another organisation's id gives 404 here too.
A stage move and an action's change go through the pages' services, guarded by If-Match."""

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from koers.actions import services as action_services
from koers.actions.models import ActionStatus
from koers.actions.selectors import action_get, actions_of
from koers.api import serializers as s
from koers.api.queries import PageQuery
from koers.assessments.models import FactorScore
from koers.assessments.models import Response as ScanResponse
from koers.assessments.selectors import reads_scans_in_full, scan_get, scans_of
from koers.projects import services as project_services
from koers.projects.lifecycle import StageMoveRefused
from koers.projects.selectors import project_get

from .base import ApiView, PreconditionFailed, api_names, etag_of, expected_version
from .projects import ETAG, IF_MATCH

IF_MATCH_ACTION = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the action as you read it.",
)


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

    @extend_schema(
        operation_id="projects_stage_events_create",
        request=s.StageMoveSerializer,
        responses={201: s.StageEventSerializer},
        parameters=[IF_MATCH, ETAG],
        summary="Move the project to another stage (If-Match: the project's ETag)",
    )
    def post(self, request: Any, pk: int) -> Response:
        project = project_get(user=request.user, pk=pk)
        version = expected_version(request, project.version)
        move = s.StageMoveSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        try:
            event = project_services.project_move_stage(
                project=project, by=request.user, expected_version=version, **move.validated_data
            )
        except project_services.EditConflict as conflict:
            raise PreconditionFailed() from conflict
        except StageMoveRefused as refused:
            raise serializers.ValidationError({"toStage": [str(refused)]}) from refused
        except ValidationError as error:
            raise api_names(error, {"to": "toStage"}) from error
        return Response(
            self.get_serializer(event).data,
            status=status.HTTP_201_CREATED,
            headers={"ETag": etag_of(project.version)},
        )


class TeamList(_ProjectPart):
    serializer_class = s.TeamMemberSerializer

    @extend_schema(operation_id="projects_team_list", responses=s.TeamMemberSerializer(many=True))
    def get(self, request: Any, pk: int) -> Response:
        project = project_get(user=request.user, pk=pk)
        return self.page_of(project.team.select_related("user").order_by("team_role", "id"))


def with_results(scans: list[Any], user: Any, project: Any) -> list[Any]:
    """The scans with their factor scores as this user may read them (None: not for them),
    in a fixed number of queries however many scans: the rules of the pages'
    `scan_result_for` (in full, or the shared latest scan) and `result_hidden_for` (kept
    from someone invited to answer until they submitted or the scan closed)."""
    full = reads_scans_in_full(user=user, project=project)
    ids = [scan.pk for scan in scans]
    waiting = set(
        ScanResponse.objects.filter(
            scan_id__in=ids, respondent_id=user.pk, submitted_at__isnull=True
        ).values_list("scan_id", flat=True)
    )
    scores: dict[int, list[FactorScore]] = {}
    for score in FactorScore.objects.filter(scan_id__in=ids, score__isnull=False).order_by(
        "factor_number"
    ):
        scores.setdefault(score.scan_id, []).append(score)
    for scan in scans:
        readable = full or (project.share_scan and project.last_scan_id == scan.pk)
        hidden = scan.closed_at is None and scan.pk in waiting
        scan.api_result = scores.get(scan.pk, []) if readable and not hidden else None
    return scans


class ScanList(_ProjectPart):
    serializer_class = s.ScanSerializer

    @extend_schema(operation_id="projects_scans_list", responses=s.ScanSerializer(many=True))
    def get(self, request: Any, pk: int) -> Response:
        project = project_get(user=request.user, pk=pk)
        page = self.paginate_queryset(scans_of(project=project, user=request.user))
        scans = with_results(list(page), request.user, project)
        return self.get_paginated_response(self.get_serializer(scans, many=True).data)


class ScanDetail(ApiView):
    serializer_class = s.ScanSerializer

    @extend_schema(operation_id="scans_read")
    def get(self, request: Any, pk: int) -> Response:
        scan = scan_get(user=request.user, pk=pk)
        [scan] = with_results([scan], request.user, scan.project)
        return Response(self.get_serializer(scan).data)


class ActionList(_ProjectPart):
    serializer_class = s.ActionSerializer

    @extend_schema(operation_id="projects_actions_list", responses=s.ActionSerializer(many=True))
    def get(self, request: Any, pk: int) -> Response:
        project = project_get(user=request.user, pk=pk)
        return self.page_of(actions_of(project=project))


class ActionChange(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)


class ActionDetail(ApiView):
    serializer_class = s.ActionSerializer

    @extend_schema(operation_id="actions_read", parameters=[ETAG])
    def get(self, request: Any, pk: int) -> Response:
        action = action_get(user=request.user, pk=pk)
        return Response(self.get_serializer(action).data, headers={"ETag": etag_of(action.version)})

    @extend_schema(
        operation_id="actions_update",
        request=ActionChange,
        responses=s.ActionSerializer,
        parameters=[IF_MATCH_ACTION, ETAG],
        summary="Change an action's status (If-Match: the action's ETag)",
    )
    def patch(self, request: Any, pk: int) -> Response:
        action = action_get(user=request.user, pk=pk)
        version = expected_version(request, action.version)
        change = ActionChange(data=request.data)
        change.is_valid(raise_exception=True)
        try:
            action = action_services.action_update(
                action=action, by=request.user, expected_version=version, **change.validated_data
            )
        except project_services.EditConflict as conflict:
            raise PreconditionFailed() from conflict
        return Response(self.get_serializer(action).data, headers={"ETag": etag_of(action.version)})
