"""The portfolio's budget lines and mandates as sheets of the portfolio workbook
(koers.reports.exports)."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from .models import BudgetLine, Mandate


def _project_ids(organisation: Any, filters: Any) -> Any:
    from koers.insights.selectors import portfolio_projects

    return portfolio_projects(organisation=organisation, filters=filters).values("id")


def _person(user: Any) -> str:
    return (user.get_full_name() or user.username) if user else ""


def budget_sheet(organisation: Any, filters: Any) -> tuple[str, list[str], Iterator[list[Any]]]:
    headers = [
        _("Project id"),
        _("Project"),
        _("Source"),
        _("Amount in euros"),
        _("From"),
        _("Until"),
        _("Sponsor"),
    ]
    lines = (
        BudgetLine.objects.filter(project__in=_project_ids(organisation, filters))
        .select_related("project__sponsor")
        .order_by("project__title", "project_id", "starts_on", "id")
    )

    def rows() -> Iterator[list[Any]]:
        for line in lines.iterator(chunk_size=1000):
            yield [
                line.project_id,
                line.project.title,
                line.source,
                float(line.amount),
                line.starts_on,
                line.ends_on,
                _person(line.project.sponsor),
            ]

    return _("Budget"), headers, rows()


def mandates_sheet(organisation: Any, filters: Any) -> tuple[str, list[str], Iterator[list[Any]]]:
    headers = [_("Project id"), _("Project"), _("Decided on"), _("Decided by"), _("For what")]
    mandates = (
        Mandate.objects.filter(project__in=_project_ids(organisation, filters))
        .select_related("project")
        .order_by("project__title", "project_id", "decided_on", "id")
    )

    def rows() -> Iterator[list[Any]]:
        for m in mandates.iterator(chunk_size=1000):
            yield [m.project_id, m.project.title, m.decided_on, m.decided_by, m.scope]

    return _("Mandates"), headers, rows()
