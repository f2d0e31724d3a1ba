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


class ConfigurationTable:
    """Sums over the cases of each configuration (how many; their outcome; their
    min(y, 1 - y) for PRI), made once and read by every model of a solution."""

    def __init__(self, codes: np.ndarray, y: np.ndarray, k: int):
        size = 1 << k
        self.k = k
        self.cases = np.bincount(codes, minlength=size).astype(float)
        self.with_y = np.bincount(codes, weights=y, minlength=size)
        self.edge = np.bincount(codes, weights=np.minimum(y, 1.0 - y), minlength=size)
        self.sy = float(y.sum())

    def model_fit(
        self, terms: list[Term]
    ) -> tuple[tuple[np.ndarray, ...], tuple[float, float, float]]:
        """(inclusion, PRI, coverage, unique coverage) per term, and the model's
        (inclusion, PRI, coverage). A term's unique coverage is the outcome of the cases no
        other term covers."""
        columns = (self.cases, self.with_y, self.edge)
        times = np.zeros(len(self.cases), dtype=np.int32)  # terms covering each configuration
        owner = np.zeros(len(self.cases), dtype=np.int64)
        sums = np.zeros((3, len(terms)))
        for i, term in enumerate(terms):
            covered = covered_configurations(term, self.k)
            times[covered] += 1
            owner[covered] = i
            sums[:, i] = [column[covered].sum() for column in columns]
        inclusion, pri, coverage = sufficiency_of_sums(*sums, self.sy)
        once = times == 1
        lost = np.bincount(owner[once], weights=self.with_y[once], minlength=len(terms))
        unique = lost / self.sy if self.sy else np.zeros(len(terms))
        anywhere = times > 0
        overall = sufficiency_of_sums(*(np.array([c[anywhere].sum()]) for c in columns), self.sy)
        return (inclusion, pri, coverage, unique), tuple(float(v[0]) for v in overall)
