"""Cases for cross-case analysis: per project its outcomes and its nine factor scores.

The conditions come from the project's scan closest before the outcome (the date it first
reached implementation, or scale-up when that is the outcome); projects without the outcome
use their latest scan. So a factor profile describes the project as it was on its way, not
after success had changed it.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Min, Q, QuerySet

from koers.assessments.models import FactorScore
from koers.projects import lifecycle
from koers.projects.models import Project, StageEvent

OUTCOMES = ("implemented", "scaled")
# A project that is still open (not stopped), has not reached the outcome and started less
# than this many days ago is too young to count as one that did not get there: the study's
# projects took years from idea to implementation. It is left out of the analysis.
TOO_YOUNG_DAYS = 365
_SCALED = [lifecycle.SCALED_INTERNAL, lifecycle.SCALED_EXTERNAL]


@dataclass(frozen=True)
class Case:
    project_id: int
    title: str
    organisation_id: int
    implemented: bool
    scaled: bool
    scores: dict[int, float | None]  # factor number -> 0-100 from the chosen scan
    started_on: datetime.date | None = None
    stopped: bool = False
    implemented_on: datetime.date | None = None
    scaled_on: datetime.date | None = None
    # evidence condition key -> held as of the outcome's date (or today): see qca's evidence
    evidence: dict[str, bool] = field(default_factory=dict, hash=False, compare=False)

    def reference(self, outcome: str, today: datetime.date) -> datetime.date:
        """The date the project is described at: when it reached the outcome, or today."""
        reached = self.scaled_on if outcome == "scaled" else self.implemented_on
        return reached or today

    def too_young(self, outcome: str, today: datetime.date) -> bool:
        reached = self.scaled if outcome == "scaled" else self.implemented
        if reached or self.stopped or self.started_on is None:
            return False
        return (today - self.started_on).days < TOO_YOUNG_DAYS


def pick_scan(scans: list[tuple[datetime.date, int]], before: datetime.date | None) -> int | None:
    """scans: (date, scan id) sorted by date. The last one on or before `before`, else the last."""
    if not scans:
        return None
    if before is not None:
        earlier = [scan for day, scan in scans if day <= before]
        if earlier:
            return earlier[-1]
    return scans[-1][1]


def analysis_cases(*, projects: QuerySet[Project], outcome: str) -> list[Case]:
    """Cases for the given (already access-scoped) projects, in four queries."""
    reached = {
        row["project_id"]: row
        for row in StageEvent.objects.filter(project__in=projects.values("id"))
        .values("project_id")
        .annotate(
            implemented_on=Min("on", filter=Q(to_stage__in=[lifecycle.IMPLEMENTED, *_SCALED])),
            scaled_on=Min("on", filter=Q(to_stage__in=_SCALED)),
        )
    }
    scans: dict[int, list[tuple[datetime.date, int]]] = {}
    values: dict[int, dict[int, float | None]] = {}
    for project_id, scan_id, day, number, score in (
        FactorScore.objects.filter(
            scan__project__in=projects.values("id"), scan__submitted_count__gt=0
        )
        .values_list("scan__project_id", "scan_id", "scan__opened_on", "factor_number", "score")
        .order_by("scan__opened_on", "scan_id")
    ):
        if not scans.get(project_id) or scans[project_id][-1][1] != scan_id:
            scans.setdefault(project_id, []).append((day, scan_id))
        values.setdefault(scan_id, {})[number] = score
    cases = []
    for project in projects.values("id", "title", "owner_id", "started_on", "stage").order_by("id"):
        pk = project["id"]
        dates: dict[str, Any] = reached.get(pk, {})
        implemented_on, scaled_on = dates.get("implemented_on"), dates.get("scaled_on")
        scan = pick_scan(scans.get(pk, []), scaled_on if outcome == "scaled" else implemented_on)
        if scan is None:
            continue
        cases.append(
            Case(
                project_id=pk,
                title=project["title"],
                organisation_id=project["owner_id"],
                implemented=implemented_on is not None,
                scaled=scaled_on is not None,
                scores=values[scan],
                started_on=project["started_on"],
                stopped=project["stage"] == lifecycle.STOPPED,
                implemented_on=implemented_on,
                scaled_on=scaled_on,
            )
        )
    return cases
