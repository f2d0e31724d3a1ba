"""Evidence coverage across a portfolio: of the running projects, how many have the record
each factor asks for (an end-user session in the last six months, a step finished in the last
eight weeks, a privacy officer where personal data is handled, ...). The conditions are those
of the analysis (evidence_rules.CONDITIONS); a fixed number of queries for any portfolio."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from koers.projects import lifecycle
from koers.projects.models import Project

from .evidence import evidence_facts_many
from .evidence_rules import CONDITIONS, condition_holds

# Running: on the way from idea to implementation (as the stall notices count them).
RUNNING = (lifecycle.IDEA, lifecycle.EXPERIMENT, lifecycle.DEVELOPMENT)

# condition key -> what the share counts, in a coordinator's words
LABELS = {
    "ev_budget_or_mandate": _("with a budget or a mandate recorded"),
    "ev_questions": _("taking up a question from the domains"),
    "ev_recent_step": _("with a step finished in the last eight weeks"),
    "ev_privacy_officer": _("with a privacy officer, of those that handle personal data"),
    "ev_supplier": _("with a supplier as a partner"),
    "ev_network_partner": _("with a network or chain partner"),
    "ev_end_users": _("with a session with end users in the last six months"),
    "ev_recent_learning": _("with a learning activity in the last three months"),
}


@dataclass(frozen=True)
class CoverageRow:
    key: str
    factor: int
    label: str
    count: int  # projects with the record
    of: int  # projects it is asked of

    @property
    def share(self) -> float | None:
        return self.count / self.of if self.of else None


@dataclass(frozen=True)
class Coverage:
    running: int
    reference: datetime.date
    rows: list[CoverageRow]


def evidence_coverage(*, projects: QuerySet[Project], reference: datetime.date) -> Coverage:
    """`projects`: the (already scoped and filtered) portfolio; its running projects count."""
    running = projects.filter(stage__in=RUNNING)
    facts = evidence_facts_many(projects=running, reference=reference)
    rows = []
    for key, factor in sorted(CONDITIONS.items(), key=lambda item: item[1]):
        asked = [
            f
            for f in facts.values()
            # a privacy officer is asked of the projects that handle personal data
            if key != "ev_privacy_officer" or f.handles_personal_data
        ]
        held = sum(condition_holds(key, f, reference) for f in asked)
        rows.append(CoverageRow(key, factor, str(LABELS[key]), held, len(asked)))
    return Coverage(running=len(facts), reference=reference, rows=rows)
