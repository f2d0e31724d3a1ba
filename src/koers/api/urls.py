"""/api/v1: plural nouns, no trailing slash."""

from django.urls import path, re_path

from .views import library, organisations, project_parts, projects
from .views.errors import not_found
from .views.schema import OpenApiDocument

app_name = "api"

urlpatterns = [
    path("openapi.json", OpenApiDocument.as_view(), name="openapi"),
    path("projects", projects.ProjectList.as_view(), name="projects"),
    path("projects/<int:pk>", projects.ProjectDetail.as_view(), name="project"),
    path("projects/<int:pk>/stage-events", project_parts.StageEventList.as_view()),
    path("projects/<int:pk>/team", project_parts.TeamList.as_view()),
    path("projects/<int:pk>/scans", project_parts.ScanList.as_view()),
    path("projects/<int:pk>/actions", project_parts.ActionList.as_view()),
    path("scans/<int:pk>", project_parts.ScanDetail.as_view(), name="scan"),
    path("actions/<int:pk>", project_parts.ActionDetail.as_view(), name="action"),
    path("library-cases", library.LibraryCaseList.as_view(), name="library_cases"),
    path("organisations", organisations.OrganisationList.as_view(), name="organisations"),
    path(
        "organisations/<slug:slug>",
        organisations.OrganisationDetail.as_view(),
        name="organisation",
    ),
    re_path(r"^[\s\S]*$", not_found),  # any rest, newlines too
]
