"""Projects, their team and stage events: read through the pages' selectors, written
through the pages' services."""

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from koers.api import serializers as s
from koers.api.queries import PageQuery
from koers.projects import services as project_services
from koers.projects.models import Domain, Stage, Visibility
from koers.projects.selectors import project_get, projects_visible_to

from .base import ApiView, PreconditionFailed, api_names, etag_of, expected_version


class ProjectFilter(serializers.Serializer):
    organisation = serializers.SlugField(required=False, max_length=80)
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    domain = serializers.ChoiceField(choices=Domain.choices, required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    updatedSince = serializers.DateTimeField(required=False)  # noqa: N815
    archived = serializers.BooleanField(required=False, default=False)


class ProjectQuery(PageQuery, ProjectFilter):
    pass


ETAG = OpenApiParameter(
    "ETag", OpenApiTypes.STR, location=OpenApiParameter.HEADER, response=True, required=False
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the project as you read it.",
)


# The services name model fields; the API names them as it shows them.
UPDATE_NAMES = {"data_sources": "dataSources", "lessons_learned": "lessonsLearned"}


class ProjectList(ApiView):
    serializer_class = s.ProjectSerializer
    query_class = ProjectQuery

    @extend_schema(
        operation_id="projects_list",
        parameters=[ProjectFilter],
        responses=s.ProjectSerializer(many=True),
        summary="Projects you may see",
    )
    def get(self, request: Any) -> Response:
        q = self.query
        projects = projects_visible_to(request.user).filter(archived_at__isnull=not q["archived"])
        if q.get("organisation"):
            projects = projects.filter(owner__slug=q["organisation"])
        for name in ("stage", "domain", "visibility"):
            if q.get(name):
                projects = projects.filter(**{name: q[name]})
        if q.get("updatedSince"):
            projects = projects.filter(updated_at__gte=q["updatedSince"])
        projects = (
            projects.select_related("owner")
            .prefetch_related("themes", "techniques")
            .order_by("-updated_at", "-id")
        )
        page = self.paginate_queryset(projects)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ProjectDetail(ApiView):
    serializer_class = s.ProjectSerializer

    @extend_schema(operation_id="projects_read", responses=s.ProjectSerializer, parameters=[ETAG])
    def get(self, request: Any, pk: int) -> Response:
        project = project_get(user=request.user, pk=pk)
        return Response(
            self.get_serializer(project).data, headers={"ETag": etag_of(project.version)}
        )

    @extend_schema(
        operation_id="projects_update",
        request=s.ProjectUpdateSerializer,
        responses=s.ProjectSerializer,
        parameters=[IF_MATCH, ETAG],
        summary="Change a project (If-Match required)",
    )
    def patch(self, request: Any, pk: int) -> Response:
        project = project_get(user=request.user, pk=pk)
        version = expected_version(request, project.version)
        changes = s.ProjectUpdateSerializer(data=request.data)
        changes.is_valid(raise_exception=True)
        try:
            project_services.project_update(
                project=project, by=request.user, expected_version=version, **changes.validated_data
            )
        except project_services.EditConflict as conflict:
            raise PreconditionFailed() from conflict
        except ValidationError as error:
            raise api_names(error, UPDATE_NAMES) from error
        project = project_get(user=request.user, pk=pk)
        return Response(
            self.get_serializer(project).data,
            status=status.HTTP_200_OK,
            headers={"ETag": etag_of(project.version)},
        )
