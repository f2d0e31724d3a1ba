"""Scan scores as plain functions over plain data: no database, no Django.

A factor's score is the mean of all answered indicator values of all submitted respondents,
on 0-100 (1 -> 0, 5 -> 100). Neither "don't know" nor "not applicable" lowers or raises it.
Completeness is the share of expected answers that were given: "not applicable" counts as
given (the statement was considered and does not fit the project), "don't know" does not
(there is a gap to fill). Spread is the population standard deviation of the
respondents' own factor scores; the team disagrees when two respondents are two or more
scale points (50 on 0-100) apart.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean, pstdev
from typing import Literal

DISAGREEMENT_RANGE = 50.0
# An answer is 1-5, None for "don't know", or this marker for "does not apply".
NOT_APPLICABLE: Literal["na"] = "na"
AnswerValue = int | None | Literal["na"]


def to_percent(value: float) -> float:
    return (value - 1.0) * 25.0


@dataclass(frozen=True)
class FactorResult:
    score: float | None
    completeness: float
    spread: float | None
    score_range: float | None
    respondents: int

    @property
    def disagreement(self) -> bool:
        return self.score_range is not None and self.score_range >= DISAGREEMENT_RANGE


def factor_result(
    answers_by_respondent: Mapping[int, Iterable[AnswerValue]], indicator_count: int
) -> FactorResult:
    """Result of one factor from each respondent's answers (None = don't know,
    NOT_APPLICABLE = does not apply)."""
    all_values: list[int] = []
    not_applicable = 0
    per_respondent: list[float] = []
    for answers in answers_by_respondent.values():
        given: list[int] = []
        for v in answers:
            if v == NOT_APPLICABLE:
                not_applicable += 1
            elif isinstance(v, int):
                given.append(v)
        all_values += given
        if given:
            per_respondent.append(to_percent(fmean(given)))
    expected = indicator_count * len(answers_by_respondent)
    several = len(per_respondent) >= 2
    return FactorResult(
        score=to_percent(fmean(all_values)) if all_values else None,
        completeness=(len(all_values) + not_applicable) / expected if expected else 0.0,
        spread=pstdev(per_respondent) if several else None,
        score_range=max(per_respondent) - min(per_respondent) if several else None,
        respondents=len(answers_by_respondent),
    )


def weakest(scores: Mapping[int, float | None], count: int = 3) -> list[int]:
    """Factor numbers with the lowest scores, lowest first; unscored factors are left out."""
    scored = [(s, n) for n, s in scores.items() if s is not None]
    return [n for _, n in sorted(scored)[:count]]
