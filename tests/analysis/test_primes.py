"""Both ways of finding prime implicants give the same implicants."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from koers.analysis.primes import _primes_by_level, _primes_by_merging, prime_implicants


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2, 7).flatmap(
        lambda k: st.tuples(
            st.just(k), st.lists(st.sampled_from("+-?"), min_size=2**k, max_size=2**k)
        )
    )
)
def test_merging_cubes_finds_the_same_primes_as_terms_by_length(case):
    k, labels = case
    labels = np.array(labels)
    positive = np.flatnonzero(labels == "+").astype(np.int64)
    forbidden = np.flatnonzero(labels == "-").astype(np.int64)
    if not len(forbidden):
        return  # without a forbidden row the only prime is the empty term
    assert set(_primes_by_level(k, positive, forbidden)) == set(
        _primes_by_merging(k, positive, forbidden)
    )


def test_on_larger_noisy_data_both_methods_agree():
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 3, 2**14)
    positive = np.flatnonzero(labels == 0)
    forbidden = np.flatnonzero(labels == 1)
    primes = prime_implicants(14, positive, forbidden)
    assert set(primes) == set(_primes_by_merging(14, positive, forbidden))
    # every prime covers a positive configuration and no forbidden one
    for mask, value in primes[:500]:
        assert ((positive & mask) == value).any()
        assert not ((forbidden & mask) == value).any()


def test_with_nothing_forbidden_the_only_prime_is_the_empty_term():
    assert prime_implicants(3, np.array([1, 5, 6]), np.array([], dtype=np.int64)) == [(0, 0)]
