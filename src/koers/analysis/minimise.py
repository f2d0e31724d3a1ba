"""Boolean minimisation: prime implicants and every minimal cover of the positive rows.

Exact, like R's default (CCubes): prime implicants are found level by level (terms of one
literal, then two, ...). A term is an implicant when it covers at least one positive
configuration and no forbidden one; it is prime when no term with fewer literals that it
contains is an implicant, which the level order guarantees. The solutions are all
combinations of the minimum number of prime implicants that cover every positive row
(ties are not broken by literal count), optionally after removing dominated implicants.
"""

import math
from dataclasses import dataclass
from itertools import combinations, product

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from .terms import Term

DEFAULT_MODEL_CAP = 256
# Search work (rows examined, summed over steps) spent on finding and counting models;
# past it the count is a floor. Deterministic; about 0.2 s here.
WORK_LIMIT = 40_000


def prime_implicants(k: int, positive: np.ndarray, forbidden: np.ndarray) -> list[Term]:
    """All prime implicants of the positive configurations (integer codes) that cover none of
    the forbidden ones. Configurations that are neither are don't-cares."""
    positive = np.unique(positive.astype(np.int64))
    forbidden = np.unique(forbidden.astype(np.int64))
    found_masks = np.zeros(0, dtype=np.int64)
    found_values = np.zeros(0, dtype=np.int64)
    result: list[Term] = []
    for size in range(1, k + 1):
        level_masks, level_values = [], []
        for chosen in combinations(range(k), size):
            mask = sum(1 << (k - 1 - j) for j in chosen)
            candidates = np.unique(positive & mask)
            if len(forbidden):
                candidates = candidates[~np.isin(candidates, np.unique(forbidden & mask))]
            if len(candidates) and len(found_masks):
                inside = (found_masks & ~mask) == 0
                if inside.any():
                    fm, fv = found_masks[inside], found_values[inside]
                    covered = ((candidates[:, None] & fm[None, :]) == fv[None, :]).any(axis=1)
                    candidates = candidates[~covered]
            for value in candidates.tolist():
                level_masks.append(mask)
                level_values.append(value)
                result.append((mask, value))
        if level_masks:
            found_masks = np.concatenate([found_masks, np.array(level_masks, dtype=np.int64)])
            found_values = np.concatenate([found_values, np.array(level_values, dtype=np.int64)])
    return result


def coverage_sets(terms: list[Term], positive: np.ndarray) -> list[int]:
    """For each term, the positive rows it covers, as a bit set over `positive`'s order."""
    out = []
    for mask, value in terms:
        hits = np.flatnonzero((positive & mask) == value)
        out.append(sum(1 << int(i) for i in hits))
    return out


def remove_dominated(terms: list[Term], covers: list[int]) -> tuple[list[Term], list[int]]:
    """Row dominance: drop an implicant whose rows are a strict subset of another's."""
    keep = [
        i
        for i, ci in enumerate(covers)
        if not any(j != i and ci != cj and ci & cj == ci for j, cj in enumerate(covers))
    ]
    return [terms[i] for i in keep], [covers[i] for i in keep]


@dataclass
class Covers:
    models: list[list[int]]  # indices into the implicants, each model sorted
    total: int  # how many minimal models exist (may exceed len(models) when capped)
    essential: list[int]  # implicants in every minimal model
    complete: bool = True  # False: counting stopped at the work limit, total is a floor


def minimum_cover(
    covers: list[int], n_rows: int, excluded: frozenset[int] = frozenset()
) -> tuple[int, ...] | None:
    """One cover with the fewest implicants, by integer programming (HiGHS), as R's findmin
    does with lpSolve; None when no cover exists."""
    chart = np.array([[c >> r & 1 for c in covers] for r in range(n_rows)], dtype=float)
    upper = np.array([0.0 if i in excluded else 1.0 for i in range(len(covers))])
    result = milp(
        np.ones(len(covers)),
        constraints=[LinearConstraint(chart, lb=1)],
        integrality=np.ones(len(covers)),
        bounds=Bounds(0, upper),
    )
    if result.status != 0:
        return None
    return tuple(int(i) for i in np.flatnonzero(result.x > 0.5))


class _Stop(Exception):
    pass


class _Chart:
    """The prime implicant chart, searched for every cover of a given size.

    Implicants that cover the same rows are one column with a multiplicity (each of them
    makes a different model). Rows whose columns include all of another row's are dropped
    (covering the other covers them too). The search branches on the uncovered row with the
    fewest usable columns; a column tried is excluded from its sibling branches, so each
    cover is reached once. A branch is cut when rows that no single column covers together
    (each needing its own implicant) do not fit in the size left."""

    def __init__(self, covers: list[int], n_rows: int):
        groups: dict[int, list[int]] = {}
        for i, c in enumerate(covers):
            groups.setdefault(c, []).append(i)
        self.columns = list(groups)
        self.members = list(groups.values())
        by_row = [
            frozenset(j for j, c in enumerate(self.columns) if c >> r & 1) for r in range(n_rows)
        ]
        kept: list[int] = []
        for r in sorted(range(n_rows), key=lambda r: len(by_row[r])):
            if not any(by_row[q] <= by_row[r] for q in kept):
                kept.append(r)
        self.rows = kept
        self.by_row = {r: sorted(by_row[r]) for r in kept}
        self.rows_mask = sum(1 << r for r in kept)
        self.work = 0

    def _lower_bound(self, uncovered: int, excluded: int) -> int:
        reach: dict[int, int] = {}
        for r in self.rows:
            if uncovered >> r & 1:
                neighbours = 0
                for j in self.by_row[r]:
                    if not excluded >> j & 1:
                        neighbours |= self.columns[j]
                if not neighbours:
                    return -1
                reach[r] = neighbours & uncovered
        bound = 0
        while reach:  # smallest neighbourhood first keeps the set of rows large
            row = min(reach, key=lambda r: reach[r].bit_count())
            blocked = reach[row]
            bound += 1
            reach = {r: n & ~blocked for r, n in reach.items() if not blocked >> r & 1}
        return bound

    def search(self, size, on_cover, limit, uncovered=None, chosen=(), excluded=0) -> None:
        if uncovered is None:
            uncovered = self.rows_mask
        self.work += uncovered.bit_count()  # a step costs about as much as its rows
        if self.work > limit:
            raise _Stop
        if not uncovered:
            on_cover(chosen)
            return
        bound = self._lower_bound(uncovered, excluded)
        if bound < 0 or len(chosen) + bound > size:
            return
        usable = {
            r: [j for j in self.by_row[r] if not excluded >> j & 1]
            for r in self.rows
            if uncovered >> r & 1
        }
        row = min(usable, key=lambda r: len(usable[r]))
        for j in usable[row]:
            self.search(size, on_cover, limit, uncovered & ~self.columns[j], (*chosen, j), excluded)
            excluded |= 1 << j


def minimal_covers(
    covers: list[int], n_rows: int, cap: int = DEFAULT_MODEL_CAP, work: int = WORK_LIMIT
) -> Covers:
    """Every combination of the minimum number of implicants covering all rows (R's models),
    at most `cap` of them kept; all are counted unless that takes more than `work` steps."""
    if n_rows == 0:
        return Covers(models=[[]], total=1, essential=[])
    union = 0
    for c in covers:
        union |= c
    if union != (1 << n_rows) - 1:
        return Covers(models=[], total=0, essential=[])
    first = minimum_cover(covers, n_rows)
    size = len(first)
    chart = _Chart(covers, n_rows)
    models: list[tuple[int, ...]] = []
    total = 0

    def found(columns: tuple[int, ...]) -> None:
        nonlocal total
        total += math.prod(len(chart.members[j]) for j in columns)
        for combination in product(*(chart.members[j] for j in columns)):
            if len(models) >= cap:
                break
            models.append(tuple(sorted(combination)))

    complete = True
    try:
        chart.search(size, found, work)
    except _Stop:
        complete = False
        if not models:  # the search stopped before it reached a model: show the solver's
            models.append(first)
            total = 1
    models.sort()
    in_every = set.intersection(*(set(m) for m in models)) if models else set()
    if total > len(models):  # confirm each candidate: without it, no cover of that size exists
        in_every = {
            i for i in in_every if len(minimum_cover(covers, n_rows, frozenset([i])) or ()) != size
        }
    return Covers(
        models=[list(m) for m in models],
        total=total,
        essential=sorted(in_every),
        complete=complete,
    )
