"""From question to practice: per domain, how many questions came in, how many were taken
up, and how many of the projects that took them up reached implementation. Two queries,
whatever the number of questions."""

from dataclasses import dataclass

from django.db.models import Count, Q

from koers.projects import lifecycle
from koers.projects.models import Domain

from . import workflow
from .models import Question, QuestionLink

IMPLEMENTED_OR_LATER = (
    lifecycle.IMPLEMENTED,
    lifecycle.SCALED_INTERNAL,
    lifecycle.SCALED_EXTERNAL,
)


@dataclass(frozen=True)
class DomainFigures:
    domain: str
    label: str
    questions: int  # asked, not counting those merged into another
    taken_up: int
    projects: int  # distinct projects (not archived) answering them
    implemented: int  # of those projects, reached implementation or later


def question_to_practice(*, organisation, domain: str = "") -> list[DomainFigures]:
    """Figures of one organisation; the caller checked that the user may see its dashboard."""
    questions = Question.objects.filter(organisation=organisation)
    links = QuestionLink.objects.filter(
        question__organisation=organisation, project__archived_at__isnull=True
    ).exclude(question__status=workflow.MERGED)
    if domain:
        questions, links = questions.filter(domain=domain), links.filter(question__domain=domain)
    asked = {
        row["domain"]: row
        for row in questions.values("domain").annotate(
            questions=Count("id", filter=~Q(status=workflow.MERGED)),
            taken_up=Count("id", filter=Q(status=workflow.TAKEN_UP)),
        )
    }
    answered = {
        row["question__domain"]: row
        for row in links.values("question__domain").annotate(
            projects=Count("project", distinct=True),
            implemented=Count(
                "project",
                distinct=True,
                filter=Q(project__stage__in=IMPLEMENTED_OR_LATER),
            ),
        )
    }
    return [
        DomainFigures(
            domain=key,
            label=str(label),
            questions=asked.get(key, {}).get("questions", 0),
            taken_up=asked.get(key, {}).get("taken_up", 0),
            projects=answered.get(key, {}).get("projects", 0),
            implemented=answered.get(key, {}).get("implemented", 0),
        )
        for key, label in Domain.choices
        if key in asked
    ]
