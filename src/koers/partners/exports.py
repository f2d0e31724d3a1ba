"""The portfolio's partners as a sheet of the portfolio workbook (koers.reports.exports)."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from .models import CONTRIBUTIONS
from .selectors import partners_for_projects


def partners_sheet(organisation: Any, filters: Any) -> tuple[str, list[str], Iterator[list[Any]]]:
    """One row per partner of the portfolio's projects: one query, streamed."""
    from koers.insights.selectors import portfolio_projects

    ids = portfolio_projects(organisation=organisation, filters=filters).values("id")
    headers = [
        _("Project id"),
        _("Project"),
        _("Partner"),
        _("Organisation in Koers"),
        _("Kind"),
        _("Market or network"),
        *[str(label) for label in CONTRIBUTIONS.values()],
        _("From"),
        _("Until"),
        _("Note"),
    ]

    def rows() -> Iterator[list[Any]]:
        for p in partners_for_projects(project_ids=ids).iterator(chunk_size=1000):
            yield [
                p.project_id,
                p.project.title,
                p.display_name,
                p.organisation.slug if p.organisation_id else "",
                p.get_kind_display(),
                _("market") if p.is_supplier else _("network"),
                *[getattr(p, f"brings_{code}") for code in CONTRIBUTIONS],
                p.starts_on,
                p.ends_on,
                p.note,
            ]

    return _("Partners"), headers, rows()
