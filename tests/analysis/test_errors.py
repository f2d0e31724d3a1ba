"""Bad input gets a clear message, never a silent guess."""

import io

import numpy as np
import pytest

from koers.analysis import (
    ConstantCondition,
    NoContrast,
    OutOfRange,
    TooFewCases,
    read_csv,
    truth_table,
)
from koers.analysis.errors import AnalysisError


def csv(text):
    return io.StringIO(text)


def test_no_contrast_in_the_outcome_explains_the_blind_spot():
    with pytest.raises(NoContrast, match="stalled and stopped projects"):
        read_csv(csv("case,A,B,Y\na,1,0,1\nb,0,1,1\n"), outcome="Y", conditions=["A", "B"])


def test_constant_condition():
    with pytest.raises(ConstantCondition, match="A has the same value"):
        read_csv(csv("case,A,B,Y\na,1,0,1\nb,1,1,0\n"), outcome="Y", conditions=["A", "B"])


def test_memberships_outside_zero_one():
    with pytest.raises(OutOfRange):
        read_csv(
            csv("case,A,B,Y\na,1.2,0,1\nb,0,1,0\n"), outcome="Y", conditions=["A", "B"], fuzzy=True
        )
    with pytest.raises(OutOfRange, match="--fuzzy"):
        read_csv(csv("case,A,B,Y\na,0.7,0,1\nb,0,1,0\n"), outcome="Y", conditions=["A", "B"])


def test_missing_values_are_dropped_and_counted():
    ds = read_csv(
        csv("case,A,B,Y\na,1,0,1\nb,,1,0\nc,0,1,0\nd,1,NA,1\ne,0,0,1\n"),
        outcome="Y",
        conditions=["A", "B"],
    )
    assert ds.dropped == 2 and ds.cases == ["a", "c", "e"]


def test_unknown_columns_and_text():
    with pytest.raises(AnalysisError, match="not in the file: C"):
        read_csv(csv("case,A,B,Y\na,1,0,1\n"), outcome="Y", conditions=["A", "C"])
    with pytest.raises(AnalysisError, match="Line 2"):
        read_csv(csv("case,A,B,Y\na,yes,0,1\n"), outcome="Y", conditions=["A", "B"])


def test_too_few_cases_for_n_cut():
    data = np.array([[1.0, 0.0], [0.0, 1.0]])
    with pytest.raises(TooFewCases, match="n.cut"):
        truth_table(
            data, np.array([1.0, 0.0]), conditions=["A", "B"], case_names=["a", "b"], n_cut=2
        )


def test_negated_outcome():
    ds = read_csv(csv("case,A,B,Y\na,1,0,1\nb,0,1,0\n"), outcome="~Y", conditions=["A", "B"])
    assert ds.y.tolist() == [0.0, 1.0]
