"""Reading scans and their results, scoped through the project's visibility."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from koers.framework.models import ActionOption, Factor
from koers.framework.selectors import factors_with_content
from koers.projects.access import visible_projects_q
from koers.projects.models import Project

from .models import Answer, FactorNote, FactorScore, Response, Scan
from .scoring import NOT_APPLICABLE, AnswerValue, weakest


def scan_get(*, user: Any, pk: Any) -> Scan:
    """A scan of a project the user may see; 404 otherwise."""
    visible = Project.objects.filter(visible_projects_q(user)).values("pk")
    return get_object_or_404(
        Scan.objects.filter(project__in=visible).select_related(
            "project__owner", "framework_version"
        ),
        pk=pk,
    )


def scans_of(*, project: Project) -> QuerySet[Scan]:
    return project.scans.prefetch_related(
        Prefetch("responses", queryset=Response.objects.select_related("respondent"))
    ).order_by("-opened_on", "-id")


def response_of(*, scan: Scan, user: Any) -> Response | None:
    return scan.responses.filter(respondent=user).first()


def response_answers(*, response: Response) -> dict[int, AnswerValue]:
    """A respondent's saved answers: indicator id -> 1..5, None (don't know) or NOT_APPLICABLE."""
    return {
        indicator_id: NOT_APPLICABLE if not_applicable else value
        for indicator_id, value, not_applicable in Answer.objects.filter(
            response=response
        ).values_list("indicator_id", "value", "not_applicable")
    }


def result_hidden_for(*, scan: Scan, user: Any) -> bool:
    """Whether the team's result is kept from this person for now.

    Someone invited to answer sees the result only after submitting, or once the scan is
    closed, so that the team's answers do not anchor theirs. People who were not invited
    (coordinators, other team members, viewers) see it as soon as there is one: they have
    nothing to answer that it could sway.
    """
    if scan.closed_at is not None:
        return False
    return scan.responses.filter(respondent=user, submitted_at__isnull=True).exists()


@dataclass
class FactorRow:
    factor: Factor
    score: FactorScore | None
    previous: float | None
    # The written evidence ("Onderbouwing") of the respondents who submitted.
    notes: list[FactorNote] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        return self.score.score if self.score else None


@dataclass
class ScanResult:
    scan: Scan
    previous: Scan | None
    rows: list[FactorRow]
    weakest: list[FactorRow] = field(default_factory=list)
    options: dict[int, list[ActionOption]] = field(default_factory=dict)

    @property
    def has_scores(self) -> bool:
        return any(r.value is not None for r in self.rows)

    @property
    def has_notes(self) -> bool:
        return any(r.notes for r in self.rows)


def scan_result(*, scan: Scan, weakest_count: int = 3) -> ScanResult:
    """Scores per factor, the previous scan's scores by factor number, and options for the weakest
    factors that fit the project's current stage (all options when none fit)."""
    previous = (
        Scan.objects.filter(project_id=scan.project_id, submitted_count__gt=0)
        .exclude(pk=scan.pk)
        .filter(opened_on__lte=scan.opened_on, id__lt=scan.pk)
        .order_by("-opened_on", "-id")
        .first()
    )
    previous_scores = (
        dict(previous.factor_scores.values_list("factor_number", "score")) if previous else {}
    )
    scores = {s.factor_id: s for s in scan.factor_scores.all()}
    notes: dict[int, list[FactorNote]] = {}
    for note in (
        FactorNote.objects.filter(response__scan=scan, response__submitted_at__isnull=False)
        .select_related("response__respondent")
        .order_by("response__respondent__first_name", "response__respondent__last_name", "id")
    ):
        notes.setdefault(note.factor_id, []).append(note)
    rows = [
        FactorRow(
            factor=f,
            score=scores.get(f.pk),
            previous=previous_scores.get(f.number),
            notes=notes.get(f.pk, []),
        )
        for f in factors_with_content(version_id=scan.framework_version_id)
    ]
    by_number = {r.factor.number: r for r in rows}
    weak_numbers = weakest({r.factor.number: r.value for r in rows}, weakest_count)
    stage = scan.project.stage
    options = {}
    for n in weak_numbers:
        all_options = list(by_number[n].factor.options.all())
        fitting = [o for o in all_options if stage in o.stages]
        options[n] = fitting or all_options
    return ScanResult(
        scan=scan,
        previous=previous,
        rows=rows,
        weakest=[by_number[n] for n in weak_numbers],
        options=options,
    )
