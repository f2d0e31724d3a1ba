"""The chart as (row, implicant) pairs, from terms and from bit sets."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from koers.analysis.incidence import Incidence


def pairs(chart: Incidence) -> set[tuple[int, int]]:
    return set(zip(chart.rows.tolist(), chart.columns.tolist()))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 8), st.data())
def test_a_term_covers_the_positive_rows_it_matches(k, data):
    positive = np.array(
        sorted(data.draw(st.sets(st.integers(0, 2**k - 1), min_size=1))), dtype=np.int64
    )
    masks = data.draw(st.lists(st.integers(0, 2**k - 1), min_size=1, max_size=20))
    terms = [(m, data.draw(st.integers(0, 2**k - 1)) & m) for m in masks]
    chart = Incidence.of_terms(terms, positive, k)
    expected = {
        (r, i)
        for i, (mask, value) in enumerate(terms)
        for r, code in enumerate(positive.tolist())
        if code & mask == value
    }
    assert pairs(chart) == expected
    assert (chart.n_rows, chart.n_columns) == (len(positive), len(terms))
    assert Incidence.of(chart.bit_sets(), chart.n_rows).bit_sets() == chart.bit_sets()


def test_bit_sets_of_many_rows_read_back():
    covers = [1 << 5000 | 1, 0, (1 << 4999) - 1]
    chart = Incidence.of(covers, 5001)
    assert chart.bit_sets() == covers
    assert len(chart.rows) == 2 + 4999
