"""Reading action plans, scoped through the project's visibility."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from koers.projects.access import visible_projects_q
from koers.projects.models import Project

from .models import Action


def actions_of(*, project: Project) -> QuerySet[Action]:
    return (
        project.actions.select_related("owner", "option")
        .prefetch_related("evidence")  # one query per kind of record shown
        .order_by("status", "due_date", "id")
    )


def action_get(*, user: Any, pk: Any) -> Action:
    visible = Project.objects.filter(visible_projects_q(user)).values("pk")
    return get_object_or_404(
        Action.objects.filter(project__in=visible).select_related("project"), pk=pk
    )


def planned_option_ids(*, project: Project) -> set[int]:
    """Options for action already in the project's plan (not dropped)."""
    return set(
        project.actions.exclude(option=None)
        .exclude(status="dropped")
        .values_list("option_id", flat=True)
    )
