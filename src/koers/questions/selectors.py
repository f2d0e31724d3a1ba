"""Reading questions, always scoped to what the user may see (`access.visible_questions_q`):
a guessed id of another organisation's unshared question gives 404."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from koers.audit.models import ChangeRecord
from koers.organisations.models import Role
from koers.organisations.selectors import organisation_ids_with_role
from koers.projects.access import visible_projects_q
from koers.projects.models import Domain, Project, Visibility

from . import workflow
from .access import visible_questions_q
from .models import Question, QuestionLink, SameNeed

# Age buckets of the board's filter: key -> (at least, less than) days since asked.
AGES: dict[str, tuple[int, int | None]] = {
    "month": (0, 31),
    "quarter": (31, 92),
    "year": (92, 366),
    "older": (366, None),
}


def questions_visible_to(user: Any) -> QuerySet[Question]:
    return Question.objects.filter(visible_questions_q(user))


def _links_visible_to(user: Any) -> Prefetch:
    """The question's projects the user may see (others stay unnamed)."""
    visible = Project.objects.filter(visible_projects_q(user)).values("pk")
    return Prefetch(
        "links",
        queryset=QuestionLink.objects.filter(project__in=visible)
        .select_related("project", "feedback_by")
        .order_by("linked_at", "id"),
        to_attr="visible_links",
    )


def question_get(*, user: Any, pk: Any) -> Question:
    """The question if the user may see it; 404 otherwise."""
    queryset = (
        questions_visible_to(user)
        .select_related("organisation", "asked_by", "merged_into")
        .prefetch_related(_links_visible_to(user))
    )
    return get_object_or_404(queryset, pk=pk)


@dataclass(frozen=True)
class BoardFilter:
    q: str = ""
    domain: str = ""
    status: str = ""
    age: str = ""


def board(*, user: Any, organisation: Any, filters: BoardFilter) -> QuerySet[Question]:
    """The organisation's questions the user may see, filtered, newest first."""
    qs = questions_visible_to(user).filter(organisation=organisation)
    if filters.q:
        qs = qs.filter(
            Q(title__icontains=filters.q)
            | Q(description__icontains=filters.q)
            | Q(department__icontains=filters.q)
        )
    if filters.domain:
        qs = qs.filter(domain=filters.domain)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.age in AGES:
        low, high = AGES[filters.age]
        now = timezone.now()
        qs = qs.filter(asked_at__lte=now - datetime.timedelta(days=low))
        if high is not None:
            qs = qs.filter(asked_at__gt=now - datetime.timedelta(days=high))
    return (
        qs.select_related("asked_by", "merged_into")
        .annotate(project_count=Count("links", distinct=True))
        .order_by("-asked_at", "-id")
    )


def domain_counts(*, user: Any, organisation: Any) -> list[tuple[str, str, int, int]]:
    """(domain key, label, questions, of which still open) per domain, in the domains' order;
    one query."""
    rows = {
        row["domain"]: row
        for row in questions_visible_to(user)
        .filter(organisation=organisation)
        .values("domain")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=Q(status__in=["new", "considering"])),
        )
    }
    return [
        (key, str(label), rows[key]["total"], rows[key]["open"])
        for key, label in Domain.choices
        if key in rows
    ]


def my_questions(*, user: Any) -> QuerySet[Question]:
    if not getattr(user, "is_authenticated", False):
        return Question.objects.none()
    return (
        Question.objects.filter(asked_by=user)
        .select_related("organisation", "merged_into")
        .prefetch_related(_links_visible_to(user))
        .order_by("-status_changed_at", "-id")
    )


def questions_of_project(*, user: Any, project: Project) -> list[QuestionLink]:
    """The questions a (visible) project answers that the user may see, with the asker's
    last feedback; one query."""
    visible = questions_visible_to(user).values("pk")
    return list(
        QuestionLink.objects.filter(project=project, question__in=visible)
        .select_related("question", "question__asked_by", "feedback_by")
        .order_by("linked_at", "id")
    )


def same_needs(*, user: Any, question: Question) -> list[Question]:
    """Questions of other organisations linked as the same need, that the user may see."""
    pairs = SameNeed.objects.filter(Q(first=question) | Q(second=question))
    other_ids = [
        b if a == question.pk else a for a, b in pairs.values_list("first_id", "second_id")
    ]
    return list(
        questions_visible_to(user)
        .filter(pk__in=other_ids)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )


def same_need_candidates(*, user: Any, question: Question, q: str = "") -> QuerySet[Question]:
    """Shared questions of other organisations a coordinator may link to this one: by
    default those of the same domain, or those matching a search."""
    already = SameNeed.objects.filter(
        Q(first=question, second=OuterRef("pk")) | Q(second=question, first=OuterRef("pk"))
    )
    qs = (
        Question.objects.filter(visibility=Visibility.NETWORK)
        .exclude(organisation_id=question.organisation_id)
        .exclude(Exists(already))
        .select_related("organisation")
    )
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    else:
        qs = qs.filter(domain=question.domain)
    return qs.order_by("-asked_at", "-id")


def merge_candidates(*, question: Question) -> QuerySet[Question]:
    """Questions of the same organisation this one could be merged into."""
    return (
        Question.objects.filter(organisation_id=question.organisation_id)
        .exclude(pk=question.pk)
        .order_by("-asked_at", "-id")
    )


def link_get(*, user: Any, pk: Any) -> QuestionLink:
    """A question↔project link whose project and question the user may both see."""
    projects = Project.objects.filter(visible_projects_q(user)).values("pk")
    questions = questions_visible_to(user).values("pk")
    return get_object_or_404(
        QuestionLink.objects.filter(project__in=projects, question__in=questions).select_related(
            "question", "question__organisation", "project", "project__owner"
        ),
        pk=pk,
    )


def question_history(*, question: Question) -> QuerySet[ChangeRecord]:
    """Changes of the question and of its links to projects, newest first."""
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.get_for_models(Question, QuestionLink)
    link_ids = list(question.links.values_list("pk", flat=True))
    return (
        ChangeRecord.objects.filter(
            Q(content_type=types[Question], object_id=question.pk)
            | Q(content_type=types[QuestionLink], object_id__in=link_ids)
        )
        .select_related("actor")
        .order_by("-at", "-id")
    )


def awaiting_triage(*, user: Any, limit: int) -> tuple[list[Question], int]:
    """The questions a coordinator still has to decide on (new or under consideration) in
    the organisations they coordinate, oldest first, at most `limit`, and how many there are
    in all; two queries for any amount of questions."""
    org_ids = organisation_ids_with_role(user, Role.COORDINATOR)
    if not org_ids:
        return [], 0
    waiting = Question.objects.filter(
        organisation_id__in=org_ids, status__in=[workflow.NEW, workflow.CONSIDERING]
    )
    shown = list(waiting.select_related("organisation").order_by("asked_at", "id")[:limit])
    total = len(shown) if len(shown) < limit else waiting.count()
    return shown, total
