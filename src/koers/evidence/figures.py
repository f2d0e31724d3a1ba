"""Figures over a project's evidence: plain functions of dates and results, no Django."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

REDO = "redo"


@dataclass(frozen=True)
class StepFigures:
    finished: int  # steps with a result
    median_days: float | None  # median length of finished steps, start to finish
    share_redone: float | None  # share of finished steps whose result was "redo", 0..1
    days_since_last_finished: int | None


@dataclass(frozen=True)
class Cadence:
    count: int
    last: datetime.date | None
    median_interval_days: float | None  # between consecutive events; None below two


def step_figures(
    steps: Iterable[tuple[datetime.date, datetime.date | None, str]], *, today: datetime.date
) -> StepFigures:
    """`steps` as (started_on, ended_on, result); a step without a result is still running."""
    finished = [(start, end, result) for start, end, result in steps if result and end]
    if not finished:
        return StepFigures(0, None, None, None)
    last = max(end for _, end, _ in finished)
    return StepFigures(
        finished=len(finished),
        median_days=median((end - start).days for start, end, _ in finished),
        share_redone=sum(result == REDO for _, _, result in finished) / len(finished),
        days_since_last_finished=(today - last).days,
    )


def cadence(days: Iterable[datetime.date]) -> Cadence:
    """How regularly something recurs: the last date and the median number of days between
    consecutive ones (two on the same day count as an interval of 0)."""
    ordered = sorted(days)
    if not ordered:
        return Cadence(0, None, None)
    gaps = [(b - a).days for a, b in zip(ordered, ordered[1:])]
    return Cadence(len(ordered), ordered[-1], median(gaps) if gaps else None)
