"""Properties that hold for any data: each solution term is a subset relation at its stated
inclusion; the conservative solution covers exactly the positive rows; the parsimonious one is
never longer; nothing depends on the order of cases or conditions."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from koers.analysis import solve, truth_table
from koers.analysis.fit import sufficiency
from koers.analysis.membership import term_membership
from koers.analysis.terms import parse_term
from koers.analysis.truthtable import configurations

from .reference import terms


@st.composite
def crisp_data(draw):
    k = draw(st.integers(2, 5))
    n = draw(st.integers(4, 40))
    data = np.array(
        draw(
            st.lists(
                st.lists(st.sampled_from([0.0, 1.0]), min_size=k, max_size=k),
                min_size=n,
                max_size=n,
            )
        )
    )
    y = np.array(draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=n, max_size=n)))
    return data, y


def analyse(data, y, kind="conservative", names=None):
    names = names or [f"C{j}" for j in range(data.shape[1])]
    tt = truth_table(
        data, y, conditions=names, case_names=[str(i) for i in range(len(y))], incl_cut=(0.75,)
    )
    return tt, solve(tt, data, y, kind=kind)


@settings(max_examples=60, deadline=None)
@given(crisp_data())
def test_terms_hold_at_their_stated_inclusion(sample):
    data, y = sample
    tt, result = analyse(data, y, "parsimonious")
    names = tt.conditions
    for model in result.models:
        for t in model.terms:
            fit = sufficiency(term_membership(data, parse_term(t.term, names)), y)
            assert abs(fit.inclusion - t.inclusion) < 1e-9
            assert (
                t.inclusion >= 0.75 - 1e-9 or model.inclusion < 1
            )  # parsimonious may use remainders


@settings(max_examples=60, deadline=None)
@given(crisp_data())
def test_conservative_covers_exactly_the_positive_rows(sample):
    data, y = sample
    tt, result = analyse(data, y)
    positive = set(tt.codes_with("1").tolist())
    names = tt.conditions
    k = len(names)
    for model in result.models:
        covered = set()
        for t in model.terms:
            mask, value = parse_term(t.term, names)
            covered |= {c for c in range(2**k) if c & mask == value}
        assert covered == positive


@settings(max_examples=60, deadline=None)
@given(crisp_data())
def test_parsimonious_is_never_longer(sample):
    data, y = sample
    _, conservative = analyse(data, y)
    _, parsimonious = analyse(data, y, "parsimonious")
    if conservative.models:

        def length(m):
            return sum(len(t.term.split("*")) for t in m.terms)

        assert min(length(m) for m in parsimonious.models) <= min(
            length(m) for m in conservative.models
        )


@settings(max_examples=40, deadline=None)
@given(crisp_data(), st.randoms(use_true_random=False))
def test_order_of_cases_and_conditions_does_not_matter(sample, rnd):
    data, y = sample
    names = [f"C{j}" for j in range(data.shape[1])]
    _, base = analyse(data, y, "parsimonious", names)
    cases = list(range(len(y)))
    rnd.shuffle(cases)
    columns = list(range(data.shape[1]))
    rnd.shuffle(columns)
    _, shuffled = analyse(
        data[cases][:, columns], y[cases], "parsimonious", [names[j] for j in columns]
    )
    assert {terms(m.expression) for m in base.models} == {
        terms(m.expression) for m in shuffled.models
    }


def test_fuzzy_cases_at_exactly_half_belong_to_no_row():
    data = np.array([[0.5, 0.9], [0.2, 0.8]])
    codes, assigned = configurations(data)
    assert assigned.tolist() == [False, True] and codes[1] == 1
