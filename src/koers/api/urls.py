"""/api/v1: plural nouns, no trailing slash."""

from django.urls import path, re_path

from .views import organisations, projects
from .views.errors import not_found
from .views.schema import OpenApiDocument

app_name = "api"

urlpatterns = [
    path("openapi.json", OpenApiDocument.as_view(), name="openapi"),
    path("projects", projects.ProjectList.as_view(), name="projects"),
    path("projects/<int:pk>", projects.ProjectDetail.as_view(), name="project"),
    path("organisations", organisations.OrganisationList.as_view(), name="organisations"),
    path(
        "organisations/<slug:slug>",
        organisations.OrganisationDetail.as_view(),
        name="organisation",
    ),
    re_path(r"^[\s\S]*$", not_found),  # any rest, newlines too
]
