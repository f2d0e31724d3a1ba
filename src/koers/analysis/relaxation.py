"""The linear relaxation of a prime implicant chart: a lower bound on any cover, and the
implicants that no cover of a given size can use.

With the relaxation's optimum z and reduced cost d_j of implicant j, every cover that uses j
has at least z + d_j implicants (LP duality), so when z + d_j exceeds the size wanted, j is
in no such cover. On noisy charts this rules out about half of the implicants at once.
"""

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from .incidence import Incidence
from .search import bits

# Below this margin two sizes count as equal (the solver's tolerance).
TOLERANCE = 1e-6
# Simplex iterations HiGHS may spend on one relaxation (a work limit, never seconds); past
# it the relaxation gives no bound and rules nothing out.
LP_ITERATIONS = 100_000


def relaxation(chart: csr_array, size: int) -> tuple[float, np.ndarray] | None:
    """The relaxation's optimum over a chart (rows x implicants, every row to be covered),
    and the implicants no cover of `size` implicants can use; None when HiGHS gives no
    optimum within its iteration limit (then nothing is ruled out)."""
    n_rows, n_columns = chart.shape
    relaxed = linprog(
        np.ones(n_columns),
        A_ub=-chart,
        b_ub=-np.ones(n_rows),
        bounds=(0, 1),
        method="highs",
        options={"maxiter": LP_ITERATIONS},
    )
    if relaxed.status != 0:
        return None
    reduced = 1 - chart.T @ -relaxed.ineqlin.marginals
    return float(relaxed.fun), np.flatnonzero(relaxed.fun + reduced > size + TOLERANCE)


def relaxation_of(columns: list[int], rows: int, size: int) -> tuple[float, np.ndarray] | None:
    """relaxation() of a chart given as bit sets: `columns` over the rows in mask `rows`."""
    matrix = Incidence.of(columns, rows.bit_length()).matrix().tocsr()
    return relaxation(matrix[list(bits(rows))], size)
