"""The project page's register part loads its own data, so that the page needs only one
`{% include %}`."""

from types import SimpleNamespace

from django import template

from koers.projects.models import Project
from koers.register.completeness import completeness
from koers.register.selectors import record_of

register = template.Library()


@register.simple_tag
def register_summary(project: Project) -> SimpleNamespace:
    record = record_of(project=project)
    return SimpleNamespace(record=record, check=completeness(record) if record else None)
