"""Scan scoring: mean on 0-100, completeness, spread between respondents, disagreement."""

import pytest

from koers.assessments.scoring import NOT_APPLICABLE as NA
from koers.assessments.scoring import factor_result, weakest

CASES = [
    # answers per respondent, indicators, score, completeness, spread, range
    ({1: [5, 5]}, 2, 100.0, 1.0, None, None),  # one respondent: no spread
    ({1: [1, 1]}, 2, 0.0, 1.0, None, None),
    ({1: [3, None]}, 2, 50.0, 0.5, None, None),  # "don't know" lowers completeness only
    ({1: [None, None]}, 2, None, 0.0, None, None),  # nothing known: no score
    ({1: [2, 4], 2: [4, 4]}, 2, 62.5, 1.0, 12.5, 25.0),  # pooled mean; respondent means 50 and 75
    ({1: [1, 1], 2: [5, 5]}, 2, 50.0, 1.0, 50.0, 100.0),  # total disagreement
    ({1: [3], 2: []}, 2, 50.0, 0.25, None, None),  # a respondent who answered nothing
    ({}, 3, None, 0.0, None, None),  # no respondents yet
    ({1: [3, NA]}, 2, 50.0, 1.0, None, None),  # "not applicable": answered, yet no score
    ({1: [NA, NA]}, 2, None, 1.0, None, None),  # nothing applies: complete, no score
    ({1: [5, NA], 2: [1, None]}, 2, 50.0, 0.75, 50.0, 100.0),  # n/a counts, "don't know" not
]


@pytest.mark.parametrize(
    ("answers", "indicators", "score", "completeness", "spread", "score_range"), CASES
)
def test_factor_result(answers, indicators, score, completeness, spread, score_range):
    result = factor_result(answers, indicators)
    assert result.score == score
    assert result.completeness == completeness
    assert result.spread == spread
    assert result.score_range == score_range


def test_disagreement_from_two_scale_points():
    assert factor_result({1: [2], 2: [4]}, 1).disagreement  # 25 vs 75: 50 apart
    assert not factor_result({1: [2], 2: [3]}, 1).disagreement
    assert not factor_result({1: [2]}, 1).disagreement


def test_weakest_lowest_first_skipping_unscored():
    assert weakest({1: 80.0, 2: 10.0, 3: None, 4: 40.0, 5: 10.5}, 3) == [2, 5, 4]
    assert weakest({1: None}, 3) == []
