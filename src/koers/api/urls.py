"""/api/v1: plural nouns, no trailing slash."""

from django.urls import path, re_path

from .views import (
    library,
    organisations,
    portfolio,
    project_parts,
    project_records,
    projects,
    questions,
    register,
)
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
    path("projects/<int:pk>/steps", project_records.StepList.as_view()),
    path("projects/<int:pk>/end-user-sessions", project_records.EndUserSessionList.as_view()),
    path("projects/<int:pk>/learning-events", project_records.LearningEventList.as_view()),
    path("projects/<int:pk>/partners", project_records.PartnerList.as_view()),
    path("projects/<int:pk>/budget-lines", project_records.BudgetLineList.as_view()),
    path("projects/<int:pk>/mandates", project_records.MandateList.as_view()),
    path("scans/<int:pk>", project_parts.ScanDetail.as_view(), name="scan"),
    path("actions/<int:pk>", project_parts.ActionDetail.as_view(), name="action"),
    path("questions", questions.QuestionList.as_view(), name="questions"),
    path("questions/<int:pk>", questions.QuestionDetail.as_view(), name="question"),
    path("library-cases", library.LibraryCaseList.as_view(), name="library_cases"),
    path("organisations", organisations.OrganisationList.as_view(), name="organisations"),
    path(
        "organisations/<slug:slug>",
        organisations.OrganisationDetail.as_view(),
        name="organisation",
    ),
    path(
        "organisations/<slug:slug>/portfolio-figures",
        portfolio.PortfolioFigures.as_view(),
        name="portfolio_figures",
    ),
    path(
        "organisations/<slug:slug>/register-records",
        register.RegisterRecordList.as_view(),
        name="register_records",
    ),
    re_path(r"^[\s\S]*$", not_found),  # any rest, newlines too
]
