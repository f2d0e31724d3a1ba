"""Reading scans and their results, scoped through the project's visibility."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from koers.framework.models import ActionOption, Factor
from koers.framework.selectors import factors_of_version
from koers.organisations.selectors import roles_of
from koers.projects.access import is_team_member, visible_projects_q
from koers.projects.models import Project, ProjectMember

from .models import Answer, FactorNote, FactorScore, Response, Scan
from .scoring import NOT_APPLICABLE, AnswerValue, weakest


def reads_scans_in_full(*, user: Any, project: Project) -> bool:
    """People of the owning organisation and the project's team read every scan in full
    (respondents, evidence, the comparison with earlier scans). Anyone else who may see the
    project reads only its latest scan's profile, and only when the owner shares it
    (`share_scan`): the rule for pages, PDFs and exports alike."""
    return project.owner_id in roles_of(user) or is_team_member(user, project)


def visible_scans_q(user: Any) -> Q:
    """Filter on Scan: scans of visible projects, by the rule of reads_scans_in_full."""
    if not getattr(user, "is_authenticated", False):
        inside = Q(pk__in=[])
    else:
        on_team = ProjectMember.objects.filter(project=OuterRef("project_id"), user=user)
        inside = Q(project__owner_id__in=list(roles_of(user))) | Q(Exists(on_team))
    shared = Q(project__share_scan=True, pk=F("project__last_scan_id"))
    visible = Project.objects.filter(visible_projects_q(user)).values("pk")
    return Q(project__in=visible) & (inside | shared)


def scan_get(*, user: Any, pk: Any) -> Scan:
    """A scan the user may read; 404 otherwise."""
    return get_object_or_404(
        Scan.objects.filter(visible_scans_q(user)).select_related(
            "project__owner", "framework_version"
        ),
        pk=pk,
    )


def scans_of(*, project: Project, user: Any = None) -> QuerySet[Scan]:
    """A project's scans; with `user`, those the user may read (respondents only for those
    who read in full)."""
    scans = project.scans.all()
    if user is not None and not reads_scans_in_full(user=user, project=project):
        return scans.filter(visible_scans_q(user)).order_by("-opened_on", "-id")
    return scans.prefetch_related(
        Prefetch("responses", queryset=Response.objects.select_related("respondent"))
    ).order_by("-opened_on", "-id")


def scan_result_for(*, scan: Scan, user: Any) -> "ScanResult | None":
    """scan_result as this user may read it: None when they may not, the profile only (no
    evidence notes, no comparison with earlier scans) when it is shared with them."""
    project = scan.project
    if reads_scans_in_full(user=user, project=project):
        return scan_result(scan=scan)
    if not (project.share_scan and project.last_scan_id == scan.pk):
        return None
    result = scan_result(scan=scan)
    result.previous = None
    for row in result.rows:
        row.notes, row.previous = [], None
    return result


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
        for f in factors_of_version(scan.framework_version)
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
