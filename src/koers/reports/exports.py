"""The data behind the exports: one organisation's portfolio in flat tables."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.actions.models import Action, ActionStatus
from koers.assessments.models import Answer, FactorScore, ScanKind, answer_label
from koers.evidence import exports as evidence_exports
from koers.insights.selectors import DashboardFilter, portfolio_projects
from koers.organisations.models import Organisation
from koers.partners.exports import partners_sheet
from koers.projects.exports import budget_sheet, mandates_sheet
from koers.projects.lifecycle import STAGE_LABELS
from koers.projects.models import ProjectMember, StageEvent, TeamRole
from koers.questions.exports import questions_sheet
from koers.translation import current_language

from .spreadsheets import Sheet

EXPORT_KINDS = (
    "portfolio",
    "scans",
    "actions",
    "stages",
    *evidence_exports.KINDS,
    "questions",
    "partners",
    "budget",
    "mandates",
)


def export_kinds() -> list[tuple[str, str]]:
    return [
        ("portfolio", _("Portfolio")),
        ("scans", _("Scan answers")),
        ("actions", _("Actions")),
        ("stages", _("Stage events")),
        *evidence_exports.export_kinds(),
        ("questions", _("Questions")),
        ("partners", _("Partners")),
        ("budget", _("Budget")),
        ("mandates", _("Mandates")),
    ]


def _local(moment: Any) -> Any:
    return timezone.localtime(moment) if moment else None


def portfolio_sheet(organisation: Organisation, filters: DashboardFilter) -> Sheet:
    projects = portfolio_projects(organisation=organisation, filters=filters).annotate(
        open_actions=Count(
            "actions", filter=Q(actions__status__in=[ActionStatus.PLANNED, ActionStatus.DOING])
        )
    )
    scores: dict[int, dict[int, float | None]] = {}
    for project_id, number, score in FactorScore.objects.filter(
        scan__project__in=projects.values("id"), scan_id=F("scan__project__last_scan_id")
    ).values_list("scan__project_id", "factor_number", "score"):
        scores.setdefault(project_id, {})[number] = None if score is None else round(score, 1)
    headers = [
        _("Project id"),
        _("Title"),
        _("Domain"),
        _("Stage"),
        _("Started on"),
        _("In this stage since"),
        _("Visibility"),
        _("Last scan"),
    ]
    headers += [_("Factor %(n)d") % {"n": n} for n in range(1, 10)] + [_("Open actions")]

    def rows() -> Iterator[list[Any]]:
        for p in (
            projects.select_related("last_scan").order_by("title", "id").iterator(chunk_size=500)
        ):
            own = scores.get(p.pk, {})
            yield [
                p.pk,
                p.title,
                p.get_domain_display(),
                str(STAGE_LABELS[p.stage]),
                p.started_on,
                p.stage_since,
                p.get_visibility_display(),
                p.last_scan.opened_on if p.last_scan else None,
                *[own.get(n) for n in range(1, 10)],
                p.open_actions,
            ]

    return _("Portfolio"), headers, rows()


def scans_sheet(organisation: Organisation, filters: DashboardFilter) -> Sheet:
    """One row per answer, as a person reads it (statement text, answer, names), with the
    keys that stay the same across languages and framework versions in columns of their own.
    A 'don't know' has no value."""
    ids = portfolio_projects(organisation=organisation, filters=filters).values("id")
    roles = dict(
        ((m["project_id"], m["user_id"]), m["team_role"])
        for m in ProjectMember.objects.filter(project__in=ids).values(
            "project_id", "user_id", "team_role"
        )
    )
    answers = Answer.objects.filter(
        response__scan__project__in=ids, response__submitted_at__isnull=False
    )
    headers = [
        _("Scan id"),
        _("Project id"),
        _("Project"),
        _("Scan date"),
        _("Kind"),
        _("Framework version"),
        _("Factor"),
        _("Factor name"),
        _("Statement key"),
        _("Statement"),
        _("Respondent id"),
        _("Respondent"),
        _("Respondent's role"),
        _("Value (1-5)"),
        _("Answer"),
    ]
    kinds = dict(ScanKind.choices)
    role_labels = dict(TeamRole.choices)
    language = current_language()
    text, name = f"indicator__text_{language}", f"indicator__factor__name_{language}"

    def rows() -> Iterator[list[Any]]:
        for a in (
            answers.values_list(
                "response__scan_id",
                "response__scan__project_id",
                "response__scan__project__title",
                "response__scan__opened_on",
                "response__scan__kind",
                "response__scan__framework_version__number",
                "indicator__factor__number",
                name,
                "indicator__key",
                text,
                "response__respondent_id",
                "response__respondent__first_name",
                "response__respondent__last_name",
                "response__respondent__username",
                "value",
            )
            .order_by(
                "response__scan_id",
                "response_id",
                "indicator__factor__number",
                "indicator__position",
            )
            .iterator(chunk_size=2000)
        ):
            (scan, project, title, day, kind, version, factor, factor_name, key, statement) = a[:10]
            respondent, first, last, username, value = a[10:]
            role = roles.get((project, respondent))
            yield [
                scan,
                project,
                title,
                day,
                str(kinds.get(kind, kind)),
                version,
                factor,
                factor_name,
                key,
                statement,
                respondent,
                f"{first} {last}".strip() or username,
                str(role_labels.get(role, role or "")),
                value,
                str(answer_label(value)),
            ]

    return _("Scan answers"), headers, rows()


def actions_sheet(organisation: Organisation, filters: DashboardFilter) -> Sheet:
    ids = portfolio_projects(organisation=organisation, filters=filters).values("id")
    headers = [
        _("Action id"),
        _("Project id"),
        _("Project"),
        _("Factor"),
        _("Action"),
        _("Status"),
        _("Owner"),
        _("Due date"),
        _("Created"),
        _("Last change"),
    ]
    labels = dict(ActionStatus.choices)

    def rows() -> Iterator[list[Any]]:
        for a in (
            Action.objects.filter(project__in=ids)
            .select_related("project", "owner")
            .order_by("project__title", "id")
            .iterator(chunk_size=500)
        ):
            owner = (a.owner.get_full_name() or a.owner.username) if a.owner else ""
            yield [
                a.pk,
                a.project_id,
                a.project.title,
                a.factor_number,
                a.title,
                str(labels[a.status]),
                owner,
                a.due_date,
                _local(a.created_at),
                _local(a.updated_at),
            ]

    return _("Actions"), headers, rows()


def stages_sheet(organisation: Organisation, filters: DashboardFilter) -> Sheet:
    ids = portfolio_projects(organisation=organisation, filters=filters).values("id")
    headers = [_("Project id"), _("Project"), _("From"), _("To"), _("Date"), _("Note")]

    def rows() -> Iterator[list[Any]]:
        for e in (
            StageEvent.objects.filter(project__in=ids)
            .select_related("project")
            .order_by("project__title", "on", "id")
            .iterator(chunk_size=1000)
        ):
            yield [
                e.project_id,
                e.project.title,
                str(STAGE_LABELS.get(e.from_stage, "")),
                str(STAGE_LABELS[e.to_stage]),
                e.on,
                e.note,
            ]

    return _("Stage events"), headers, rows()


SHEETS = {
    "portfolio": portfolio_sheet,
    "scans": scans_sheet,
    "actions": actions_sheet,
    "stages": stages_sheet,
    **evidence_exports.SHEETS,
    "questions": questions_sheet,
    "partners": partners_sheet,
    "budget": budget_sheet,
    "mandates": mandates_sheet,
}
