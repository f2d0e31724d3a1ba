"""Starting scans, saving answers, and keeping the factor scores current."""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.audit.services import change_record
from koers.framework.models import Factor, Indicator
from koers.framework.selectors import factors_of_version, framework_active
from koers.guards.text import NOTE, checked_text
from koers.locking import lock_rows
from koers.organisations.services import portfolio_changed
from koers.projects.access import require_edit, require_lead
from koers.projects.models import Project
from koers.projects.services import EditConflict

from .models import Answer, FactorNote, FactorScore, Response, Scan, ScanKind
from .scoring import NOT_APPLICABLE, AnswerValue, factor_result
from .signals import scan_started


class SubmissionIncomplete(ValidationError):
    """A submission below the minimum: at least one answer per factor."""

    def __init__(self, missing: list[Factor]) -> None:
        self.missing = missing
        names = ", ".join(f"{f.number}. {f.name}" for f in missing)
        super().__init__(
            _(
                "Answer at least one statement of every factor before you submit "
                "(“don't know” and “not applicable” count). Still open: %(factors)s."
            )
            % {"factors": names}
        )


def factors_missing(indicators: list[Indicator], answered: set[int]) -> list[Factor]:
    """Factors of which none of the statements has an answer, in framework order."""
    seen: dict[int, Factor] = {}
    covered: set[int] = set()
    for indicator in indicators:
        seen.setdefault(indicator.factor_id, indicator.factor)
        if indicator.pk in answered:
            covered.add(indicator.factor_id)
    return [f for pk, f in seen.items() if pk not in covered]


def _require_open(scan: Scan) -> None:
    """Called under scan_lock: the closed state is read afresh, not from a stale instance."""
    if Scan.objects.filter(pk=scan.pk, closed_at__isnull=False).exists():
        raise ValidationError(
            _("This scan is closed: its answers are frozen and its result is final.")
        )


def scan_indicators(scan: Scan) -> list[Indicator]:
    """The indicators a respondent answers in this scan (quickscan: one per factor), in the
    framework's order; from the version's content kept in the process."""
    quick = scan.kind == ScanKind.QUICK
    return [
        indicator
        for factor in factors_of_version(scan.framework_version)
        for indicator in factor.indicators.all()
        if indicator.is_quick or not quick
    ]


@transaction.atomic
def scan_start(
    *,
    project: Project,
    by: Any,
    respondents: list[Any],
    kind: str = ScanKind.FULL,
    opened_on: datetime.date | None = None,
) -> Scan:
    require_edit(by, project)
    # The team is read and then relied on: a concurrent removal from the team waits for this.
    lock_rows(Project.objects.filter(pk=project.pk))
    version = framework_active()
    if version is None:
        raise ValidationError(
            _("No framework is loaded yet; an administrator must load one first.")
        )
    team = set(project.team.values_list("user_id", flat=True))
    chosen = {u.pk: u for u in respondents}
    if not chosen:
        raise ValidationError({"respondents": _("Invite at least one team member.")})
    outsiders = set(chosen) - team
    if outsiders:
        raise ValidationError(
            {"respondents": _("Only members of the project team can answer its scan.")}
        )
    scan = Scan.objects.create(
        project=project,
        framework_version=version,
        kind=kind,
        opened_on=opened_on or timezone.localdate(),
        created_by=by,
    )
    Response.objects.bulk_create([Response(scan=scan, respondent=u) for u in chosen.values()])
    change_record(
        actor=by,
        obj=scan,
        action="created",
        changes={"kind": kind, "respondents": sorted(chosen), "framework": version.number},
    )
    scan_started.send(sender=Scan, scan=scan, respondents=list(chosen.values()), by=by)
    return scan


@transaction.atomic
def response_save(
    *,
    response: Response,
    by: Any,
    answers: Mapping[int, AnswerValue],
    notes: Mapping[int, str],
    expected_version: int,
    submit: bool,
) -> Response:
    """Store a respondent's answers (indicator id -> 1..5, None for "don't know" or
    NOT_APPLICABLE) and notes (factor id -> text).

    A draft can be saved half-done; a submission needs at least one answer per factor
    (SubmissionIncomplete otherwise, and nothing is written). Once submitted, every save
    counts, so the minimum holds for it too. A closed scan takes no answers.
    Two tabs saving the same response do not overwrite each other: the second is refused.
    """
    if response.respondent_id != by.pk:
        raise PermissionDenied(_("You can only fill in your own answers."))
    scan_lock(scan=response.scan)
    _require_open(response.scan)
    indicator_list = scan_indicators(response.scan)
    indicators = {i.pk: i for i in indicator_list}
    unknown = set(answers) - set(indicators)
    if unknown:
        raise ValidationError(_("Some answers belong to another scan; reload the page."))
    allowed = (None, NOT_APPLICABLE, 1, 2, 3, 4, 5)
    if any(v not in allowed or isinstance(v, bool) for v in answers.values()):
        raise ValidationError(
            _("Answers are a number from 1 to 5, “don't know” or “not applicable”.")
        )
    factor_ids = {i.factor_id for i in indicators.values()}
    if set(notes) - factor_ids:
        raise ValidationError(_("Some notes belong to another scan; reload the page."))
    notes = {f: checked_text(t, NOTE, field=f"note{f}") for f, t in notes.items()}
    if submit or response.submitted_at is not None:
        missing = factors_missing(indicator_list, set(answers))
        if missing:
            raise SubmissionIncomplete(missing)
    updated = Response.objects.filter(pk=response.pk, version=expected_version).update(
        version=expected_version + 1,
        updated_at=timezone.now(),
        **({"submitted_at": timezone.now()} if submit else {}),
    )
    if not updated:
        raise EditConflict()
    # Only what the update changed: the response's scan stays loaded.
    response.refresh_from_db(fields=["version", "updated_at", "submitted_at"])
    Answer.objects.filter(response=response).delete()
    Answer.objects.bulk_create(
        [
            Answer(
                response=response,
                indicator_id=i,
                value=None if v == NOT_APPLICABLE else v,
                not_applicable=v == NOT_APPLICABLE,
            )
            for i, v in answers.items()
        ]
    )
    FactorNote.objects.filter(response=response).delete()
    FactorNote.objects.bulk_create(
        [
            FactorNote(response=response, factor_id=f, text=t.strip())
            for f, t in notes.items()
            if t.strip()
        ]
    )
    change_record(
        actor=by,
        obj=response.scan,
        action="submitted" if submit else "draft_saved",
        changes={"respondent": by.pk, "answers": len(answers)},
    )
    if response.submitted_at:
        scan_recompute(scan=response.scan)
    return response


def scan_lock(*, scan: Scan) -> None:
    """Lock the project and the scan rows until the transaction ends, in that order.

    Submissions rewrite the scan's factor scores (delete and re-insert) from every submitted
    response, and the project's latest scan: two team members submitting at once must run one
    after the other, or the second fails on the unique scores and loses its answers, or counts
    without the first's answers. The project is locked first everywhere, so locks never cross.
    """
    lock_rows(Project.objects.filter(pk=scan.project_id))
    lock_rows(Scan.objects.filter(pk=scan.pk))


def scan_recompute(*, scan: Scan) -> None:
    """Recompute the factor scores from all submitted responses; called inside a transaction
    that holds `scan_lock`."""
    indicators = scan_indicators(scan)
    per_factor: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        per_factor[indicator.factor_id].append(indicator)
    submitted = list(scan.responses.filter(submitted_at__isnull=False).values_list("pk", flat=True))
    values: dict[int, dict[int, list[AnswerValue]]] = defaultdict(lambda: defaultdict(list))
    for response_id, factor_id, value, not_applicable in Answer.objects.filter(
        response_id__in=submitted
    ).values_list("response_id", "indicator__factor_id", "value", "not_applicable"):
        values[factor_id][response_id].append(NOT_APPLICABLE if not_applicable else value)
    rows = []
    for factor_id, factor_indicators in per_factor.items():
        by_respondent = {r: values[factor_id].get(r, []) for r in submitted}
        result = factor_result(by_respondent, len(factor_indicators))
        rows.append(
            FactorScore(
                scan=scan,
                factor_id=factor_id,
                factor_number=factor_indicators[0].factor.number,
                score=result.score,
                completeness=result.completeness,
                spread=result.spread,
                score_range=result.score_range,
                respondents=result.respondents,
                disagreement=result.disagreement,
            )
        )
    FactorScore.objects.filter(scan=scan).delete()
    FactorScore.objects.bulk_create(rows)
    Scan.objects.filter(pk=scan.pk).update(submitted_count=len(submitted))
    latest = (
        Scan.objects.filter(project_id=scan.project_id, submitted_count__gt=0)
        .order_by("-opened_on", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    Project.objects.filter(pk=scan.project_id).update(last_scan_id=latest)
    portfolio_changed(organisation_id=scan.project.owner_id)


@transaction.atomic
def scan_respondent_add(*, scan: Scan, user: Any, invitation: int | None = None) -> Response | None:
    """Someone who joined the team through an invitation to this scan answers it too; a scan
    closed in the meantime takes nobody new (None)."""
    if not scan.project.team.filter(user=user).exists():
        raise ValidationError(_("Only members of the project team can answer its scan."))
    scan_lock(scan=scan)
    if Scan.objects.filter(pk=scan.pk, closed_at__isnull=False).exists():
        return None
    response, created = Response.objects.get_or_create(scan=scan, respondent=user)
    if created:
        change_record(
            actor=user,
            obj=scan,
            action="respondent_added",
            changes={"user": user.pk, "invitation": invitation},
        )
    return response


@transaction.atomic
def scan_close(*, scan: Scan, by: Any) -> Scan:
    """Close a scan: answers are frozen and the result is final. Drafts never submitted stay
    out of the result."""
    require_lead(by, scan.project)
    scan_lock(scan=scan)
    locked = Scan.objects.get(pk=scan.pk)
    if locked.closed_at is not None:
        raise ValidationError(_("This scan is closed already."))
    locked.closed_at, locked.closed_by = timezone.now(), by
    locked.save(update_fields=["closed_at", "closed_by"])
    change_record(
        actor=by, obj=locked, action="closed", changes={"submitted": locked.submitted_count}
    )
    scan.closed_at, scan.closed_by = locked.closed_at, locked.closed_by
    return locked


@transaction.atomic
def scan_reopen(*, scan: Scan, by: Any, reason: str) -> Scan:
    """Reopen a closed scan so that answers can change again; the reason stays in its history."""
    require_lead(by, scan.project)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the scan is reopened: it changes a result.")})
    if len(reason) > 500:
        raise ValidationError({"reason": _("Keep the reason under 500 characters.")})
    scan_lock(scan=scan)
    locked = Scan.objects.get(pk=scan.pk)
    if locked.closed_at is None:
        raise ValidationError(_("This scan is open already."))
    closed_at = locked.closed_at
    locked.closed_at, locked.closed_by = None, None
    locked.save(update_fields=["closed_at", "closed_by"])
    change_record(
        actor=by,
        obj=locked,
        action="reopened",
        changes={"reason": reason, "closed_at": closed_at},
    )
    scan.closed_at, scan.closed_by = None, None
    return locked
