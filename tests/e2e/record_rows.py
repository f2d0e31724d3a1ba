"""Rows of the reflow table (test_reflow.PAGES) for a project's partners, budget and
mandate: the add pages, and the edit pages of a record of the chosen project (made once if
the demo gave it none)."""

import datetime
from decimal import Decimal
from typing import Any

from koers.partners.models import Partner, PartnerKind
from koers.projects.models import BudgetLine, Mandate

DAY = datetime.date(2026, 1, 5)
DEFAULTS = {
    Partner: {"kind": PartnerKind.SUPPLIER, "name": "Datalab Noord BV", "starts_on": DAY,
              "brings_knowledge": True},
    BudgetLine: {"amount": Decimal(25000), "source": "Innovatiebudget", "starts_on": DAY,
                 "ends_on": DAY + datetime.timedelta(days=365)},
    Mandate: {"decided_on": DAY, "decided_by": "Directieteam", "scope": "Een experiment."},
}  # fmt: skip


def _record_of(model: Any):
    def args(w: Any, user: Any) -> list[Any]:
        record = model.objects.filter(project=w.project).order_by("pk").first()
        if record is None:
            record = model.objects.create(project=w.project, **DEFAULTS[model])
        return [record.pk]

    return args


def record_pages(page: Any, project: Any, editors: tuple[str, ...]) -> list[Any]:
    return [
        page("partner-add", "web:partner_add", project, roles=editors),
        page("partner-edit", "web:partner_edit", _record_of(Partner), roles=editors),
        page("budget-add", "web:budget_add", project, roles=editors),
        page("budget-edit", "web:budget_edit", _record_of(BudgetLine), roles=editors),
        page("mandate-add", "web:mandate_add", project, roles=editors),
        page("mandate-edit", "web:mandate_edit", _record_of(Mandate), roles=editors),
    ]
