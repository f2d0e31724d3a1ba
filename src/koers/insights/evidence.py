"""A project's evidence facts as of a reference date, for one project or many.

The records live in their own apps (evidence: steps, end-user sessions, learning events;
partners: partners; projects: team, budget, mandate, personal data; questions: the questions
a project takes up). Each kind is read in one query for all the projects asked for, so the
number of queries does not grow with the portfolio; the dates are compared here, per
project's own reference date (the analysis asks each project as of its outcome). An app that
is not installed adds nothing. The rules that read the facts: evidence_rules.py.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

from koers.projects.disciplines import team_disciplines
from koers.projects.models import Project, ProjectMember, TeamRole

from .evidence_rules import EvidenceFacts, recent_since


def _model(app_label: str, name: str) -> type[models.Model] | None:
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


@dataclass
class _Gathered:
    """One project's raw rows, before they are cut at its reference date."""

    leaders: int = 0
    roles: set[str] = field(default_factory=set)
    has_sponsor: bool = False
    personal_data: bool = False
    budgets: list[datetime.date | None] = field(default_factory=list)
    mandates: list[datetime.date | None] = field(default_factory=list)
    questions: list[tuple[datetime.date | None, datetime.date | None]] = field(
        default_factory=list
    )  # (taken up on, last feedback on)
    steps: list[tuple[datetime.date, bool]] = field(default_factory=list)  # (ended on, redo)
    sessions: list[datetime.date] = field(default_factory=list)
    learning: list[datetime.date] = field(default_factory=list)
    partners: list[tuple[str, datetime.date | None]] = field(default_factory=list)


def _ids(projects: Iterable[int] | models.QuerySet) -> Any:
    if isinstance(projects, models.QuerySet):
        return projects.values("id")
    return list(projects)


def _gather(project_ids: Any, *, loaded: Project | None = None) -> dict[int, _Gathered]:
    """The raw rows of the projects; `loaded`: the one project asked for, as project_get
    read it (its team prefetched), so that its own row and team are not read again."""
    rows: dict[int, _Gathered] = {}

    def of(pk: int) -> _Gathered:
        return rows.setdefault(pk, _Gathered())

    team = getattr(loaded, "_prefetched_objects_cache", {}).get("team")
    if loaded is not None and team is not None:
        projects = [(loaded.pk, loaded.handles_personal_data, loaded.sponsor_id)]
        members = [(loaded.pk, m.team_role) for m in team]
    else:
        projects = Project.objects.filter(id__in=project_ids).values_list(
            "id", "handles_personal_data", "sponsor_id"
        )
        members = ProjectMember.objects.filter(project_id__in=project_ids).values_list(
            "project_id", "team_role"
        )
    for pk, personal, sponsor in projects:
        g = of(pk)
        g.personal_data, g.has_sponsor = personal, sponsor is not None
    for pk, role in members:
        g = of(pk)
        g.roles.add(role)
        g.leaders += role == TeamRole.PROJECT_LEADER

    for kind, pk, day, text in _dated_records(project_ids):
        g = of(pk)
        if kind == "step":
            g.steps.append((day, text == "redo"))
        elif kind == "partner":
            g.partners.append((text, day))
        else:
            getattr(g, kind).append(day)
    link = _model("questions", "QuestionLink")
    if link is not None:
        for pk, linked, feedback in link.objects.filter(project_id__in=project_ids).values_list(
            "project_id", *_link_dates(link)
        ):
            of(pk).questions.append((_day(linked), _day(feedback)))
    return rows


def _dated_records(project_ids: Any) -> Any:
    """(kind, project id, day, text) of the dated records of every installed app, in one
    query: finished steps (with their result), end-user sessions, learning events, partners
    (with their kind), budget lines and mandates."""
    parts = []
    # finished: a result and the day it came (as koers.evidence counts them)
    for app, name, day, text, kind, only in (
        ("evidence", "Step", "ended_on", "result", "step", {"ended_on__isnull": False}),
        ("evidence", "EndUserSession", "held_on", None, "sessions", {}),
        ("evidence", "LearningEvent", "held_on", None, "learning", {}),
        ("partners", "Partner", "starts_on", "kind", "partner", {}),
        ("projects", "BudgetLine", "starts_on", None, "budgets", {}),
        ("projects", "Mandate", "decided_on", None, "mandates", {}),
    ):
        model = _model(app, name)
        if model is None:
            continue
        records = model.objects.filter(project_id__in=project_ids, **only)
        if kind == "step":
            records = records.filter(result__gt="")
        parts.append(
            records.order_by().values_list(
                models.Value(kind, output_field=models.CharField()),
                "project_id",
                day,
                text or models.Value("", output_field=models.CharField()),
            )
        )
    if not parts:
        return []
    return parts[0].union(*parts[1:], all=True)


def _link_dates(link: type[models.Model]) -> tuple[str, str]:
    """The link's date fields: when the project took the question up, and when the asker
    last gave feedback on an intermediate result."""
    names = {f.name for f in link._meta.get_fields()}
    linked = next((n for n in ("created_at", "linked_at", "linked_on") if n in names), "id")
    feedback = next(
        (n for n in ("feedback_on", "last_feedback_on", "feedback_at") if n in names), "id"
    )
    return linked, feedback


def _disciplines(roles: set[str]) -> tuple[str, ...]:
    coverage = team_disciplines(roles)
    return coverage.core_present + coverage.extra_present


def _day(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    return value if isinstance(value, datetime.date) else None


def _on_or_before(day: datetime.date | None, reference: datetime.date) -> bool:
    # A record without a date (a budget with no start) counts as there all along.
    return day is None or day <= reference


def _facts(g: _Gathered, reference: datetime.date) -> EvidenceFacts:
    since = recent_since(reference)
    steps = sorted(day for day, _redo in g.steps if day <= reference)
    sessions = sorted(day for day in g.sessions if day <= reference)
    learning = sorted(day for day in g.learning if day <= reference)
    questions = [q for q in g.questions if _on_or_before(q[0], reference)]
    feedback = [f for _linked, f in questions if f is not None and f <= reference]
    partners: dict[str, int] = {}
    for kind, start in g.partners:
        if _on_or_before(start, reference):
            partners[kind] = partners.get(kind, 0) + 1
    return EvidenceFacts(
        leaders=g.leaders,
        has_sponsor=g.has_sponsor,
        has_budget=any(_on_or_before(d, reference) for d in g.budgets),
        has_mandate=any(_on_or_before(d, reference) for d in g.mandates),
        questions=len(questions),
        last_question_feedback=max(feedback, default=None),
        last_step_finished=steps[-1] if steps else None,
        steps_finished=len(steps),
        steps_recent=sum(day >= since["step"] for day in steps),
        steps_redone=sum(redo for day, redo in g.steps if day <= reference),
        disciplines=frozenset(_disciplines(g.roles)),
        handles_personal_data=g.personal_data,
        partners=partners,
        last_session=sessions[-1] if sessions else None,
        sessions=len(sessions),
        sessions_recent=sum(day >= since["session"] for day in sessions),
        last_learning=learning[-1] if learning else None,
        learning_events=len(learning),
        learning_recent=sum(day >= since["learning"] for day in learning),
    )


def evidence_facts_many(
    *,
    projects: Iterable[int] | models.QuerySet,
    reference: datetime.date | Mapping[int, datetime.date],
    loaded: Project | None = None,
) -> dict[int, EvidenceFacts]:
    """Facts per project id, each as of its reference date (one date for all, or one per
    project), in a fixed number of queries. The caller has scoped the projects."""
    ids = _ids(projects)
    gathered = _gather(ids, loaded=loaded)
    out = {}
    for pk, g in gathered.items():
        day = reference if isinstance(reference, datetime.date) else reference.get(pk)
        if day is not None:
            out[pk] = _facts(g, day)
    return out


def evidence_facts(*, project: Project, reference: datetime.date) -> EvidenceFacts:
    return evidence_facts_many(projects=[project.pk], reference=reference, loaded=project).get(
        project.pk, EvidenceFacts()
    )
