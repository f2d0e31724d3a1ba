"""Room for the project (factor 2): its budget lines and its mandate. The sponsor is a field
of the project itself (see services.project_update); the leaders are its team's project
leaders (factor 1)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import require_edit
from .models import BudgetLine, Mandate, Project, TeamRole
from .records import record_add, record_change, record_remove
from .selectors import projects_visible_to

BUDGET_FIELDS = ("amount", "source", "starts_on", "ends_on")
MANDATE_FIELDS = ("decided_on", "decided_by", "scope")


# The history names a record by its own words; amounts and dates are put into words when read.
def _budget_label(line: BudgetLine) -> str:
    return line.source


def _mandate_label(mandate: Mandate) -> str:
    return mandate.decided_by


def _not_in_future(day: datetime.date | None) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError(
            {"decided_on": _("A mandate is recorded once it is given: not in the future.")}
        )


def budget_line_add(
    *,
    project: Project,
    by: Any,
    amount: Decimal,
    source: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> BudgetLine:
    line = BudgetLine(
        project=project,
        amount=amount,
        source=source,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
    )
    return record_add(
        project=project,
        by=by,
        record=line,
        kind="budget",
        fields=BUDGET_FIELDS,
        label=_budget_label,
    )


def budget_line_change(
    *, line: BudgetLine, by: Any, expected_version: int, **values: Any
) -> BudgetLine:
    return record_change(
        record=line,
        by=by,
        expected_version=expected_version,
        kind="budget",
        fields=BUDGET_FIELDS,
        values={k: v for k, v in values.items() if k in BUDGET_FIELDS},
        label=_budget_label,
    )


def budget_line_remove(*, line: BudgetLine, by: Any, expected_version: int | None = None) -> None:
    record_remove(
        record=line,
        by=by,
        expected_version=expected_version,
        kind="budget",
        fields=BUDGET_FIELDS,
        label=_budget_label,
    )


def mandate_add(
    *, project: Project, by: Any, decided_on: datetime.date, decided_by: str, scope: str
) -> Mandate:
    require_edit(by, project)
    _not_in_future(decided_on)
    mandate = Mandate(
        project=project, decided_on=decided_on, decided_by=decided_by, scope=scope, created_by=by
    )
    return record_add(
        project=project,
        by=by,
        record=mandate,
        kind="mandate",
        fields=MANDATE_FIELDS,
        label=_mandate_label,
    )


def mandate_change(*, mandate: Mandate, by: Any, expected_version: int, **values: Any) -> Mandate:
    require_edit(by, mandate.project)
    _not_in_future(values.get("decided_on"))
    return record_change(
        record=mandate,
        by=by,
        expected_version=expected_version,
        kind="mandate",
        fields=MANDATE_FIELDS,
        values={k: v for k, v in values.items() if k in MANDATE_FIELDS},
        label=_mandate_label,
    )


def mandate_remove(*, mandate: Mandate, by: Any, expected_version: int | None = None) -> None:
    record_remove(
        record=mandate,
        by=by,
        expected_version=expected_version,
        kind="mandate",
        fields=MANDATE_FIELDS,
        label=_mandate_label,
    )


# Reads ------------------------------------------------------------------------------------


def budget_line_get(*, user: Any, pk: Any) -> BudgetLine:
    """A budget line of a project the user may see; 404 otherwise (also another
    organisation's id). Changing it still needs the right to edit the project."""
    return get_object_or_404(
        BudgetLine.objects.select_related("project").filter(project__in=projects_visible_to(user)),
        pk=pk,
    )


def mandate_get(*, user: Any, pk: Any) -> Mandate:
    return get_object_or_404(
        Mandate.objects.select_related("project").filter(project__in=projects_visible_to(user)),
        pk=pk,
    )


@dataclass(frozen=True)
class Room:
    """What a project page shows of factors 1 and 2."""

    leaders: list[Any]
    sponsor: Any
    budget_lines: list[BudgetLine]
    budget_total: Decimal
    mandates: list[Mandate]


def budget_lines_of(*, project: Project) -> QuerySet[BudgetLine]:
    return project.budget_lines.order_by("starts_on", "id")


def mandates_of(*, project: Project) -> QuerySet[Mandate]:
    return project.mandates.order_by("decided_on", "id")


def room_of(*, project: Project) -> Room:
    """Leaders from the team (prefetched by project_get), the sponsor, budget and mandates:
    a fixed number of queries whatever their number."""
    lines = list(budget_lines_of(project=project))
    return Room(
        leaders=[m.user for m in project.team.all() if m.team_role == TeamRole.PROJECT_LEADER],
        sponsor=project.sponsor,
        budget_lines=lines,
        budget_total=sum((line.amount for line in lines), Decimal(0)),
        mandates=list(mandates_of(project=project)),
    )
