"""Portfolio figures as plain functions over plain data: no database, no Django.

Each takes rows already fetched (by insights.selectors) and returns what a chart or table
shows, so that every figure can be checked by hand on a small portfolio.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean

FUNNEL = ("experiment", "development", "implemented", "scaled")
SCALED = {"scaled_internal", "scaled_external"}
IMPLEMENTED = {"implemented"} | SCALED


@dataclass(frozen=True)
class CohortRow:
    """Of the projects started in `year` that reached experiment, how many got further."""

    year: int
    experiment: int
    development: int
    implemented: int
    scaled: int

    def share(self, step: str) -> float | None:
        return getattr(self, step) / self.experiment if self.experiment else None


def reached(stages: Iterable[str]) -> set[str]:
    """Funnel steps a project reached, from the stages of its events (skips count as reached:
    an idea that went straight to development passed the experiment stage)."""
    got = set(stages)
    steps = set()
    if got & IMPLEMENTED:
        steps |= {"implemented", "development", "experiment"}
    if "development" in got:
        steps |= {"development", "experiment"}
    if "experiment" in got:
        steps.add("experiment")
    if got & SCALED:
        steps.add("scaled")
    return steps


def conversion_by_start_year(projects: Mapping[int, tuple[int, Iterable[str]]]) -> list[CohortRow]:
    """projects: id -> (start year, stages of its events)."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FUNNEL, 0))
    for year, stages in projects.values():
        for step in reached(stages):
            counts[year][step] += 1
    return [CohortRow(year, **counts[year]) for year in sorted(counts)]


def last_activity(*dates: datetime.date | None) -> datetime.date:
    return max(d for d in dates if d is not None)


def mean_or_none(values: Iterable[float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return fmean(given) if given else None


def quarter_of(day: datetime.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def profile_by_stage(
    latest: Mapping[int, Mapping[int, float | None]], stage_of: Mapping[int, str]
) -> dict[str, dict[int, float | None]]:
    """Average latest score per factor for the projects in each stage.
    latest: project id -> factor number -> score."""
    grouped: dict[str, dict[int, list[float | None]]] = defaultdict(lambda: defaultdict(list))
    for project_id, scores in latest.items():
        for factor, score in scores.items():
            grouped[stage_of[project_id]][factor].append(score)
    return {
        stage: {f: mean_or_none(v) for f, v in sorted(factors.items())}
        for stage, factors in grouped.items()
    }


def weakest_counts(latest: Mapping[int, Mapping[int, float | None]]) -> dict[int, int]:
    """How many projects have each factor as their weakest (ties: the lowest factor number)."""
    counts: dict[int, int] = defaultdict(int)
    for scores in latest.values():
        scored = [(s, f) for f, s in scores.items() if s is not None]
        if scored:
            counts[min(scored)[1]] += 1
    return dict(counts)


MIN_ORGANISATIONS = 5


def network_figure(values_by_org: Mapping[int, list[float]]) -> float | None:
    """A network average, or None when fewer than five organisations contribute: no figure
    may reveal a single other organisation."""
    contributing = {org: v for org, v in values_by_org.items() if v}
    if len(contributing) < MIN_ORGANISATIONS:
        return None
    return fmean(x for values in contributing.values() for x in values)
