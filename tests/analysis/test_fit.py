"""Fit of a model: crisp conditions through configurations give what case by case gives;
terms sorted at once in the order R lists them."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from koers.analysis.crisp_fit import ConfigurationTable
from koers.analysis.solve import _fit_by_cases
from koers.analysis.terms import bit, covered_configurations, sort_terms
from koers.analysis.truthtable import configurations


@st.composite
def crisp_cases_and_terms(draw):
    k = draw(st.integers(1, 6))
    n = draw(st.integers(1, 60))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    data = rng.integers(0, 2, size=(n, k)).astype(float)
    fuzzy_outcome = draw(st.booleans())
    y = rng.random(n) if fuzzy_outcome else rng.integers(0, 2, n).astype(float)
    terms = []
    for _ in range(draw(st.integers(1, 8))):
        mask = draw(st.integers(0, 2**k - 1))
        terms.append((mask, draw(st.integers(0, 2**k - 1)) & mask))
    return data, y, terms


@settings(max_examples=120, deadline=None)
@given(crisp_cases_and_terms())
def test_fit_through_configurations_equals_fit_case_by_case(sample):
    data, y, terms = sample
    k = data.shape[1]
    by_configuration = ConfigurationTable(configurations(data)[0], y, k).model_fit(terms)
    by_case = _fit_by_cases(terms, data, y, {})
    np.testing.assert_allclose(np.array(by_configuration[0]), np.array(by_case[0]), atol=1e-12)
    np.testing.assert_allclose(by_configuration[1], by_case[1], atol=1e-12)


def test_a_term_covers_every_configuration_of_its_free_conditions():
    # k = 4, term B*~D: mask 0b0101, value 0b0100
    assert sorted(covered_configurations((0b0101, 0b0100), 4).tolist()) == [4, 6, 12, 14]
    assert len(covered_configurations((0, 0), 5)) == 32  # the empty term covers everything


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 7).flatmap(
        lambda k: st.tuples(st.just(k), st.lists(st.integers(0, 4**k - 1), max_size=40))
    )
)
def test_terms_sort_as_r_lists_them(sample):
    k, draws = sample
    terms = list({(d % 2**k, (d // 2**k) & (d % 2**k)) for d in draws})

    def r_order(term):  # fewer literals first, then condition by condition, present first
        mask, value = term
        literals = [(j, bool(value & bit(k, j))) for j in range(k) if mask & bit(k, j)]
        return len(literals), [j * 2 + (0 if present else 1) for j, present in literals]

    assert sort_terms(terms, k) == sorted(terms, key=r_order)
