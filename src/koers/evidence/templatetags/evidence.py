"""`{% project_evidence project can_edit %}`: the project page's steps, end-user sessions and
learning, fetched by the tag itself (three queries) so the project view stays as it is."""

from typing import Any

from django import template
from django.utils import timezone

from koers.evidence.selectors import project_evidence as evidence_of
from koers.evidence.selectors import shared_lessons_of

register = template.Library()
LIBRARY_LESSONS = 20  # the latest; the lessons page finds the rest


@register.inclusion_tag("evidence/_project.html")
def project_evidence(project: Any, can_edit: bool) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "project": project,
        "can_edit": can_edit,
        "evidence": evidence_of(project=project, today=today),
        "today": today,
    }


@register.filter
def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


@register.inclusion_tag("evidence/_library_lessons.html")
def shared_lessons(project: Any) -> dict[str, Any]:
    """The lessons of a shared project's learning events, for the case library."""
    return {"lessons": list(shared_lessons_of(project=project)[:LIBRARY_LESSONS])}
