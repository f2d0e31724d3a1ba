"""The truth table: configurations of conditions, their cases, and their output value.

R's semantics (QCA::truthTable): a case belongs to the corner of the property space in which
its membership exceeds 0.5 (a fuzzy score of exactly 0.5 puts it in no row); a row's inclusion
and PRI use every case's membership in that corner; rows with fewer than `n_cut` cases are
remainders; `incl_cut` has one value, or two (rows between them are contradictions 'C');
rows that pass inclusion but have PRI below `pri_cut` are negative ('0', not 'C').
"""

from dataclasses import dataclass, field

import numpy as np

from .errors import TooFewCases
from .terms import bit

# R's admisc::agteb: a >= b up to the square root of the machine epsilon.
TOLERANCE = 2.0**-26
# Memberships held at once for fuzzy data (rows x cases in a chunk): 512 KB, cache-sized.
CELLS = 65_536


@dataclass
class TruthTable:
    conditions: list[str]
    codes: np.ndarray  # observed configurations with n >= n_cut, as integers (R row = code + 1)
    n: np.ndarray
    incl: np.ndarray
    pri: np.ndarray
    out: list[str]  # '1', '0' or 'C'
    cases: list[list[str]]
    below_ncut: np.ndarray  # configurations observed but with fewer than n_cut cases
    n_cut: int
    incl_cut: tuple[float, ...]
    pri_cut: float
    dropped_cases: int = 0
    unassigned_cases: list[str] = field(default_factory=list)

    @property
    def k(self) -> int:
        return len(self.conditions)

    def codes_with(self, value: str) -> np.ndarray:
        return (
            self.codes[np.array([o == value for o in self.out], dtype=bool)]
            if len(self.codes)
            else self.codes
        )

    def counts(self) -> dict[str, int]:
        ones = sum(o == "1" for o in self.out)
        zeros = sum(o == "0" for o in self.out)
        contradictions = sum(o == "C" for o in self.out)
        return {"1": ones, "0": zeros, "C": contradictions, "?": 2**self.k - len(self.codes)}


def configurations(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each case's configuration code, and a mask of cases assigned to a row (no score 0.5)."""
    n, k = data.shape
    weights = np.array([bit(k, j) for j in range(k)], dtype=np.int64)
    codes = (data > 0.5).astype(np.int64) @ weights
    assigned = ~np.any(data == 0.5, axis=1)
    return codes, assigned


def _sums_crisp(codes: np.ndarray, y: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, ...]:
    """Membership is 0/1: a row's sums are sums over its own cases."""
    index = np.searchsorted(rows, codes)
    size = len(rows)
    sx = np.bincount(index, minlength=size).astype(float)
    sxy = np.bincount(index, weights=y, minlength=size)
    sxyny = np.bincount(index, weights=np.minimum(y, 1.0 - y), minlength=size)
    return sx, sxy, sxyny


def _sums_fuzzy(data: np.ndarray, y: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, ...]:
    """Every case's membership in every observed row, built along the rows' shared prefixes:
    the membership in corner (c1..cj) is min(membership in (c1..cj-1), x_j or 1 - x_j), so a
    level costs one minimum per distinct prefix instead of k per row. Cases go in chunks small
    enough to stay in the processor's cache, which also bounds memory."""
    n, k = data.shape
    # per level: for the prefixes ending in 0 and in 1, the index of their parent prefix
    steps = []
    order = np.array([0])  # the previous level's prefixes, in the order their rows are held
    for j in range(k):
        prefixes = np.unique(rows >> (k - 1 - j))
        zeros, ones = prefixes[(prefixes & 1) == 0], prefixes[(prefixes & 1) == 1]
        sorter = np.argsort(order)
        held = order[sorter]
        steps.append(tuple(sorter[np.searchsorted(held, codes >> 1)] for codes in (zeros, ones)))
        order = np.concatenate([zeros, ones])
    position = np.argsort(order)  # rows are sorted, so row i is held at position[i]
    ny = np.minimum(y, 1.0 - y)
    sx, sxy, sxyny = (np.zeros(len(rows)) for _ in range(3))
    chunk = max(1, CELLS // len(rows))
    for start in range(0, n, chunk):
        x = np.ascontiguousarray(data[start : start + chunk].T)  # (k, c)
        m = np.ones((1, x.shape[1]))
        for j, (from_zero, from_one) in enumerate(steps):
            m = np.concatenate(
                [
                    np.minimum(m.take(from_zero, axis=0), 1.0 - x[j]),
                    np.minimum(m.take(from_one, axis=0), x[j]),
                ]
            )
        m = m.take(position, axis=0)
        sx += m.sum(axis=1)
        sxy += np.minimum(m, y[start : start + chunk]).sum(axis=1)
        sxyny += np.minimum(m, ny[start : start + chunk]).sum(axis=1)
    return sx, sxy, sxyny


def _outputs(incl, pri, incl_cut: tuple[float, ...], pri_cut: float) -> list[str]:
    """Each row's output as R computes it: '1' when inclusion reaches the (upper) cut and PRI
    reaches pri.cut, else '0'; then 'C' for inclusion below the upper cut but at or above the
    lower one (1 when only one cut is given), whatever the PRI. So a row that passes
    inclusion but fails PRI is '0', never 'C'. Comparisons allow R's tolerance."""
    high = incl_cut[0]
    low = incl_cut[1] if len(incl_cut) > 1 else 1.0
    out = []
    for i_value, p_value in zip(incl.tolist(), pri.tolist()):
        value = "1" if i_value >= high - TOLERANCE and p_value >= pri_cut - TOLERANCE else "0"
        if i_value < high and i_value >= low - TOLERANCE:
            value = "C"
        out.append(value)
    return out


def truth_table(
    data: np.ndarray,
    y: np.ndarray,
    *,
    conditions: list[str],
    case_names: list[str],
    incl_cut: tuple[float, ...] = (1.0,),
    n_cut: int = 1,
    pri_cut: float = 0.0,
) -> TruthTable:
    codes, assigned = configurations(data)
    rows, counts = np.unique(codes[assigned], return_counts=True)
    kept = counts >= n_cut
    if not kept.any():
        raise TooFewCases(
            f"No configuration has {n_cut} or more cases; lower n.cut (now {n_cut}) or add cases.",
            n_cut=n_cut,
        )
    crisp = bool(np.all((data == 0) | (data == 1)))
    if crisp:
        sx, sxy, sxyny = _sums_crisp(codes[assigned], y[assigned], rows)
    else:
        sx, sxy, sxyny = _sums_fuzzy(data, y, rows)
    incl = np.divide(sxy, sx, out=np.zeros_like(sx), where=sx > 0)
    pri_den = sx - sxyny
    pri = np.divide(sxy - sxyny, pri_den, out=np.zeros_like(sx), where=pri_den > 0)
    out = _outputs(incl[kept], pri[kept], incl_cut, pri_cut)
    names = np.array(case_names, dtype=object)
    case_rows = codes[assigned]
    assigned_names = names[assigned]
    order = np.argsort(case_rows, kind="stable")
    split = np.searchsorted(case_rows[order], rows)
    members = np.split(assigned_names[order], split[1:])
    return TruthTable(
        conditions=conditions,
        codes=rows[kept],
        n=counts[kept],
        incl=incl[kept],
        pri=pri[kept],
        out=out,
        cases=[list(m) for m, keep in zip(members, kept) if keep],
        below_ncut=rows[~kept],
        n_cut=n_cut,
        incl_cut=incl_cut,
        pri_cut=pri_cut,
        unassigned_cases=list(names[~assigned]),
    )
