"""Set membership of cases in terms and configurations (crisp or fuzzy, vectorised)."""

import numpy as np

from .terms import Term, literals


def term_membership(data: np.ndarray, term: Term) -> np.ndarray:
    """Membership of every case (rows of `data`, columns = conditions) in a conjunction:
    the minimum over its literals (1 - x for a negated literal)."""
    n, k = data.shape
    out = np.ones(n)
    for j, present in literals(term, k):
        column = data[:, j] if present else 1.0 - data[:, j]
        np.minimum(out, column, out=out)
    return out


def disjunction_membership(data: np.ndarray, terms: list[Term]) -> np.ndarray:
    """Membership in a sum of terms: the maximum over the terms."""
    out = np.zeros(data.shape[0])
    for term in terms:
        np.maximum(out, term_membership(data, term), out=out)
    return out
