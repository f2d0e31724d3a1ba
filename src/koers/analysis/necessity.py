"""Necessity analysis: single conditions (both ways) and disjunctions of two."""

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from .fit import necessity
from .membership import disjunction_membership
from .terms import Term, bit, write_term


@dataclass
class NecessityRow:
    term: str
    inclusion: float
    relevance: float
    coverage: float


def _literals(k: int) -> list[Term]:
    return [(bit(k, j), v) for j in range(k) for v in (bit(k, j), 0)]


def necessity_table(
    data: np.ndarray, y: np.ndarray, names: list[str], *, pairs: bool = True, incl_cut: float = 0.0
) -> list[NecessityRow]:
    """Each literal, and each disjunction of two literals of different conditions, with
    inclusion (consistency of necessity), relevance (RoN) and coverage; rows below
    `incl_cut` are left out, strongest first."""
    k = len(names)
    rows = []
    literals = _literals(k)
    candidates: list[list[Term]] = [[t] for t in literals]
    if pairs:
        candidates += [[a, b] for a, b in combinations(literals, 2) if a[0] != b[0]]
    for terms in candidates:
        f = necessity(disjunction_membership(data, terms), y)
        if f.inclusion >= incl_cut - 1e-12:
            rows.append(
                NecessityRow(
                    " + ".join(write_term(t, names) for t in terms),
                    f.inclusion,
                    f.relevance,
                    f.coverage,
                )
            )
    rows.sort(key=lambda r: (-r.inclusion, -r.coverage, r.term))
    return rows
