"""Parts of other pages that show questions, each loading its own data, so that the page
that includes them needs one line and no change to its view."""

from typing import Any

from django import template

from koers.projects import access as project_access
from koers.questions import selectors
from koers.questions.figures import question_to_practice

register = template.Library()


@register.inclusion_tag("questions/_project_questions.html", takes_context=True)
def project_questions(context: Any, project: Any) -> dict[str, Any]:
    """The questions a project answers, with the asker's last feedback (two queries)."""
    user = context["request"].user
    return {
        "project": project,
        "links": selectors.questions_of_project(user=user, project=project),
        "can_record": project_access.can_edit(user, project),
        "can_edit": context.get("can_edit", False),
    }


@register.inclusion_tag("questions/_dashboard_questions.html")
def dashboard_questions(organisation: Any, domain: str = "") -> dict[str, Any]:
    """From question to practice: per domain, questions in, taken up, and the projects that
    took them up and reached implementation."""
    return {"figures": question_to_practice(organisation=organisation, domain=domain)}
