"""Evidence as conditions of the cross-case analysis, beside the factor scores.

Each is crisp: the project's record held it (1) or not (0) as of the date the project is
described at: the day it reached the outcome, or today for those that did not (the same
moment its scan is chosen for, see cases.py). The conditions and their windows are those of
evidence_rules.CONDITIONS; the facts come from evidence.py in a fixed number of queries.
"""

import dataclasses
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .cases import Case
from .evidence import evidence_facts_many
from .evidence_rules import CONDITIONS, condition_holds

# key -> (present, absent) in a coordinator's words
TEXTS = {
    "ev_budget_or_mandate": (_("budget or mandate recorded"), _("no budget or mandate")),
    "ev_questions": (_("questions from the domains taken up"), _("no question taken up")),
    "ev_recent_step": (
        _("a step finished in the eight weeks before"),
        _("no step finished in the eight weeks before"),
    ),
    "ev_privacy_officer": (_("a privacy officer on the team"), _("no privacy officer")),
    "ev_supplier": (_("a supplier as partner"), _("no supplier as partner")),
    "ev_network_partner": (_("a network or chain partner"), _("no network or chain partner")),
    "ev_end_users": (
        _("end users took part in the six months before"),
        _("no end users in the six months before"),
    ),
    "ev_recent_learning": (
        _("a learning activity in the three months before"),
        _("no learning activity in the three months before"),
    ),
}


@dataclass(frozen=True)
class EvidenceCondition:
    """Reads like a Factor where the analysis page names conditions (key, number, name)."""

    key: str
    factor_number: int
    evidence = True

    @property
    def number(self) -> str:
        return f"E{self.factor_number}"

    @property
    def name(self) -> str:
        return str(TEXTS[self.key][0])

    @property
    def absent(self) -> str:
        return str(TEXTS[self.key][1])


def evidence_conditions(keys: tuple[str, ...]) -> list[EvidenceCondition]:
    return [EvidenceCondition(key, CONDITIONS[key]) for key in CONDITIONS if key in keys]


def choices() -> list[tuple[str, str]]:
    return [(key, f"E{n}. {TEXTS[key][0]}") for key, n in CONDITIONS.items()]


def with_evidence(
    cases: list[Case], keys: tuple[str, ...], *, outcome: str, today: datetime.date
) -> list[Case]:
    """The cases, each with the chosen evidence conditions as of its own reference date."""
    if not keys or not cases:
        return cases
    references = {c.project_id: c.reference(outcome, today) for c in cases}
    facts = evidence_facts_many(projects=list(references), reference=references)
    out = []
    for case in cases:
        ref = references[case.project_id]
        held = {
            key: case.project_id in facts and condition_holds(key, facts[case.project_id], ref)
            for key in keys
        }
        out.append(dataclasses.replace(case, evidence=held))
    return out
