"""Fit of a model on crisp conditions through its configurations instead of its cases.

With 0/1 conditions every case of one configuration has the same membership in every term,
so a term's sums over cases are sums over the configurations it covers, of sums per
configuration made once. A term of k conditions with f left out covers 2**f of the 2**k
configurations: thousands of terms over a million cases cost about a table of 2**k and the
terms' configurations, not terms x cases.
"""

import numpy as np

from .fit import sufficiency_of_sums
from .terms import Term, covered_configurations

# Conditions up to this many keep a table per configuration (2**20 entries, 8 MB a column).
MOST_CONDITIONS = 20


def crisp_model_fit(
    terms: list[Term], codes: np.ndarray, y: np.ndarray, k: int
) -> tuple[tuple[np.ndarray, ...], tuple[float, float, float]]:
    """(inclusion, PRI, coverage, unique coverage) per term, and the model's (inclusion,
    PRI, coverage), for cases with configuration `codes` and outcome memberships y.

    A term's unique coverage is the outcome of the cases no other term covers."""
    size = 1 << k
    cases = np.bincount(codes, minlength=size).astype(float)
    with_y = np.bincount(codes, weights=y, minlength=size)
    edge = np.bincount(codes, weights=np.minimum(y, 1.0 - y), minlength=size)
    times = np.zeros(size, dtype=np.int32)  # how many terms cover each configuration
    owner = np.zeros(size, dtype=np.int64)
    sums = np.zeros((3, len(terms)))
    for i, term in enumerate(terms):
        covered = covered_configurations(term, k)
        times[covered] += 1
        owner[covered] = i
        sums[:, i] = cases[covered].sum(), with_y[covered].sum(), edge[covered].sum()
    sy = float(y.sum())
    inclusion, pri, coverage = sufficiency_of_sums(*sums, sy)
    once = times == 1
    lost = np.bincount(owner[once], weights=with_y[once], minlength=len(terms))
    unique = lost / sy if sy else np.zeros(len(terms))
    anywhere = times > 0
    overall = sufficiency_of_sums(
        *(np.array([column[anywhere].sum()]) for column in (cases, with_y, edge)), sy
    )
    return (inclusion, pri, coverage, unique), tuple(float(v[0]) for v in overall)
