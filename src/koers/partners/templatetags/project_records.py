"""What the project page shows of a project's own record for factors 1, 2, 5, 6 and 7, read
by its partials (web/_project_disciplines.html, _project_partners.html, _project_room.html)
so that the page's view needs no change. Each is a fixed number of queries."""

from typing import Any

from django import template

from koers.partners.selectors import partners_of
from koers.projects.room import room_of
from koers.projects.selectors import DISCIPLINE_LABELS, team_coverage

register = template.Library()


@register.simple_tag
def team_disciplines_of(project: Any) -> dict[str, Any]:
    coverage = team_coverage(project=project)
    label = DISCIPLINE_LABELS.__getitem__
    return {
        "core_present": [label(d) for d in coverage.core_present],
        "core_missing": [label(d) for d in coverage.core_missing],
        "extra_present": [label(d) for d in coverage.extra_present],
        "extra_missing": [label(d) for d in coverage.extra_missing],
    }


@register.simple_tag
def partners_by_kind(project: Any) -> dict[str, Any]:
    partners = list(partners_of(project=project))
    return {
        "suppliers": [p for p in partners if p.is_supplier],
        "network": [p for p in partners if not p.is_supplier],
    }


@register.simple_tag
def room_for(project: Any) -> Any:
    return room_of(project=project)
