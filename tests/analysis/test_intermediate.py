"""Intermediate solutions as R's QCA 3.25 makes them (minimize() with dir.exp, C_getEC), on
small crisp data whose answer is derived by hand from R's algorithm: per pair of a
conservative model (C) and a parsimonious model (P), only the literals of a conservative term
that its parsimonious term lacks may be relaxed, and only against an expectation."""

import numpy as np
import pytest

from koers.analysis import AnalysisError, solve, truth_table
from koers.analysis.intermediate import expectations, selection_term
from koers.analysis.terms import parse_term
from koers.analysis.truthtable import _outputs

NAMES = ["A", "B", "C"]


def intermediate(rows, dir_exp):
    data = np.array([r[0] for r in rows], dtype=float)
    y = np.array([r[1] for r in rows], dtype=float)
    tt = truth_table(data, y, conditions=NAMES, case_names=[str(i) for i in range(len(y))])
    result = solve(tt, data, y, kind="intermediate", dir_exp=dir_exp)
    assert result.total_models == len(result.models)
    return [(m.pair, m.expression) for m in result.models]


# A*B*~C is the one positive row; 000 and 001 are negative; the rest are remainders.
# Conservative: A*B*~C. Parsimonious: A or B (P1 = A, P2 = B), so two pairs.
ONE_ROW = [((1, 1, 0), 1), ((0, 0, 0), 0), ((0, 0, 1), 0)]


def test_a_dont_care_keeps_the_conservative_value():
    # A expected present, B and C don't care.
    # C1P1 (P = A): B and ~C may be relaxed, but have no expectation: kept -> A*B*~C.
    # C1P2 (P = B): A agrees with its expectation, ~C has none: kept -> A*B*~C.
    assert intermediate(ONE_ROW, ["1", "-", "-"]) == [("C1P1", "A*B*~C"), ("C1P2", "A*B*~C")]


def test_only_literals_outside_the_parsimonious_term_are_relaxed():
    # ~A expected.
    # C1P1 (P = A): A is in the parsimonious term, so it stays -> A*B*~C.
    # C1P2 (P = B): A goes against ~A and is not in B: relaxed to B*~C, whose remainder
    #   010 is one B uses (a simplifying assumption): an easy counterfactual -> B*~C.
    assert intermediate(ONE_ROW, ["0", "-", "-"]) == [("C1P1", "A*B*~C"), ("C1P2", "B*~C")]


def test_expectations_that_agree_with_the_term_relax_nothing():
    # A, B and ~C all as in the conservative term: nothing relaxed in either pair.
    assert intermediate(ONE_ROW, ["A", "B", "~C"]) == [("C1P1", "A*B*~C"), ("C1P2", "A*B*~C")]


# A*B*C is the one positive row, 000 the one negative: the parsimonious models are A, B and
# C (P1, P2, P3), so every expectation gives three pairs.
CORNER = [((1, 1, 1), 1), ((0, 0, 0), 0)]


def test_each_pair_gives_its_own_models():
    # ~A expected, B and C don't care.
    # C1P1 (P = A): A is in A: nothing relaxed -> A*B*C.
    # C1P2 (P = B): A relaxed -> B*C selects 011, which B uses -> B*C.
    # C1P3 (P = C): A relaxed -> B*C selects 011, which C uses -> B*C.
    assert intermediate(CORNER, ["~A"]) == [
        ("C1P1", "A*B*C"),
        ("C1P2", "B*C"),
        ("C1P3", "B*C"),
    ]


def test_a_conjunctural_expectation_is_all_or_nothing():
    # A*~B together. C1P1 (P = A): of A and B only B is free; B disagrees: B goes -> A*C.
    # C1P2 (P = B): only A is free and it agrees with A*~B: nothing goes -> A*B*C.
    # C1P3 (P = C): A and B are free; B disagrees, so both go (A too) -> C, whose
    #   remainders 001, 011 and 101 C uses -> C.
    assert intermediate(CORNER, ["A*~B"]) == [
        ("C1P1", "A*C"),
        ("C1P2", "A*B*C"),
        ("C1P3", "C"),
    ]
    # The same literals as two single expectations: in C1P3 A stays, only B goes -> A*C.
    assert intermediate(CORNER, ["A", "~B"]) == [
        ("C1P1", "A*C"),
        ("C1P2", "A*B*C"),
        ("C1P3", "A*C"),
    ]


def test_no_expectation_at_all_gives_the_conservative_model_per_pair():
    # every condition '-': R's isoliscsol, each pair shows the conservative model
    assert intermediate(CORNER, ["-", "-", "-"]) == [
        ("C1P1", "A*B*C"),
        ("C1P2", "A*B*C"),
        ("C1P3", "A*B*C"),
    ]


def test_the_last_conjunctural_expectation_decides_as_in_r():
    # R's C_getEC starts each conjunctural expectation from the whole conservative term, so
    # single expectations given beside a conjunctural one have no effect, and of two
    # conjunctural ones the last (in R's order) decides.
    term, pars = parse_term("A*B*C", NAMES), parse_term("C", NAMES)
    alone = selection_term(term, pars, expectations(["~B*~C"], NAMES))
    assert selection_term(term, pars, expectations(["~A", "~B*~C"], NAMES)) == alone
    assert alone == parse_term("A*C", NAMES)  # only B is free among B, C; it disagrees


def test_the_two_notations_of_expectations():
    assert expectations(["1", "-", "0"], NAMES) == expectations(["A", "~C"], NAMES)
    assert expectations(["-", "-", "-"], NAMES) == []
    assert expectations(["A, ~C"], NAMES) == expectations(["A", "~C"], NAMES)
    # '0;1' gives both values: the literal always agrees with one, so it is kept
    both = expectations(["0;1", "-", "-"], NAMES)
    assert selection_term((0b111, 0b111), (0b001, 0b001), both) == (0b111, 0b111)
    with pytest.raises(AnalysisError):
        expectations(["1", "0"], NAMES)  # one per condition
    with pytest.raises(AnalysisError):
        expectations(["A", "~A"], NAMES)  # cancel out


def test_expectations_are_simplified_as_r_does():
    # A + A*B is A (absorption), so the conjunction disappears
    assert expectations(["A", "A*B"], NAMES) == [parse_term("A", NAMES)]


def test_a_row_that_fails_pri_is_negative_not_a_contradiction():
    # R: OUT is 1 when inclusion reaches the upper cut and PRI reaches pri.cut, else 0; then
    # C for inclusion below the upper cut and at least the lower one, whatever the PRI.
    incl = np.array([0.9, 0.9, 0.7, 0.5, 0.7])
    pri = np.array([0.6, 0.4, 0.4, 0.9, 0.9])
    assert _outputs(incl, pri, (0.8, 0.6), 0.5) == ["1", "0", "C", "0", "C"]
    assert _outputs(incl, pri, (0.8,), 0.5) == ["1", "0", "0", "0", "0"]
