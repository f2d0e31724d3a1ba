"""Minimal models: every combination of the fewest prime implicants that covers all positive
rows (R's models: ties are not broken by literal count), counted, with a cap on those kept.

The fewest is found by search for small groups of rows and by integer programming (HiGHS, as
R's findmin uses lpSolve) for large ones; models are enumerated by an exact search with a
deterministic work limit, past which their number is reported as a floor.
"""

import math
from dataclasses import dataclass
from itertools import islice, product

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

DEFAULT_MODEL_CAP = 256
# Search work (rows examined, summed over steps) spent on finding and counting models;
# past it the count is a floor. Deterministic; about 0.2 s here.
WORK_LIMIT = 40_000
# Groups of rows up to this size find their minimum by search; larger ones by HiGHS.
SMALL_GROUP = 12
# Implicants shared by the models kept are confirmed as in every model one by one, by HiGHS,
# when there are at most this many; otherwise none is claimed.
CONFIRM_AT_MOST = 24
# Time HiGHS may take to prove a minimum cover of one group of rows.
ILP_SECONDS = 10.0


@dataclass
class Covers:
    models: list[list[int]]  # indices into the implicants, each model sorted
    total: int  # how many minimal models exist (may exceed len(models) when capped)
    essential: list[int]  # implicants in every minimal model
    complete: bool = True  # False: counting stopped at the work limit, total is a floor
    proven: bool = True  # False: no cover was proven smallest in time; the one shown may not be


def minimum_cover(
    covers: list[int], n_rows: int, excluded: frozenset[int] = frozenset()
) -> tuple[int, ...] | None:
    """One cover with the fewest implicants, by integer programming (HiGHS), as R's findmin
    does with lpSolve; None when no cover exists or none is proven smallest in time."""
    found, proven = _solve_cover(covers, n_rows, excluded)
    return found if proven else None


def _solve_cover(
    covers: list[int], n_rows: int, excluded: frozenset[int] = frozenset()
) -> tuple[tuple[int, ...] | None, bool]:
    """The best cover HiGHS finds within ILP_SECONDS, and whether it is proven smallest."""
    rows, columns = zip(*((r, i) for i, c in enumerate(covers) for r in _bits(c))) or ((), ())
    chart = coo_array((np.ones(len(rows)), (rows, columns)), shape=(n_rows, len(covers)))
    upper = np.array([0.0 if i in excluded else 1.0 for i in range(len(covers))])
    result = milp(
        np.ones(len(covers)),
        constraints=[LinearConstraint(chart, lb=1)],
        integrality=np.ones(len(covers)),
        bounds=Bounds(0, upper),
        options={"time_limit": ILP_SECONDS},
    )
    if result.x is None:
        return None, result.status != 1
    return tuple(int(i) for i in np.flatnonzero(result.x > 0.5)), result.status == 0


class _Stop(Exception):
    """Ends a search early: enough work done, or the first cover found."""


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
        sets: list[set[int]] = [set() for _ in range(n_rows)]
        rows_of = [list(_bits(c)) for c in self.columns]
        for j, rows in enumerate(rows_of):
            for r in rows:
                sets[r].add(j)
        by_row = [frozenset(found) for found in sets]
        kept: list[int] = []
        kept_set: set[int] = set()
        for r in sorted(range(n_rows), key=lambda r: len(by_row[r])):
            # a row that dominates r shares all its columns with r, so it is in their rows
            near = {q for j in by_row[r] for q in rows_of[j]} & kept_set
            if not any(by_row[q] <= by_row[r] for q in near):
                kept.append(r)
                kept_set.add(r)
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


def _bits(value: int):
    while value:
        lowest = value & -value
        yield lowest.bit_length() - 1
        value ^= lowest


def minimal_covers(
    covers: list[int], n_rows: int, cap: int = DEFAULT_MODEL_CAP, work: int = WORK_LIMIT
) -> Covers:
    """Every combination of the minimum number of implicants covering all rows (R's models),
    at most `cap` of them kept; all are counted unless that takes more than `work` steps.

    Implicants that alone cover some row are in every model; the rows they leave fall apart
    into groups that no implicant joins, each solved on its own: the models are every
    combination of the groups' models, and their number the product."""
    if n_rows == 0:
        return Covers(models=[[]], total=1, essential=[])
    union = 0
    for c in covers:
        union |= c
    if union != (1 << n_rows) - 1:
        return Covers(models=[], total=0, essential=[])
    rows_of = [list(_bits(c)) for c in covers]
    implicants_of: list[list[int]] = [[] for _ in range(n_rows)]
    for i, rows in enumerate(rows_of):
        for r in rows:
            implicants_of[r].append(i)
    sole = sorted({found[0] for found in implicants_of if len(found) == 1})
    covered = 0
    for i in sole:
        covered |= covers[i]
    groups = _groups([[r for r in rows if not covered >> r & 1] for rows in rows_of], n_rows)
    parts = []
    for rows in groups:
        local = {r: n for n, r in enumerate(rows)}
        members = sorted({i for r in rows for i in implicants_of[r]})
        local_covers = [sum(1 << local[r] for r in rows_of[i] if r in local) for i in members]
        part = _group_covers(local_covers, len(rows), cap, work)
        parts.append(([[members[i] for i in m] for m in part.models], part, members))
    models = [
        sorted(sole + [i for chosen in combination for i in chosen])
        for combination in islice(product(*(p[0] for p in parts)), cap)
    ]
    in_every = set(sole)
    for _models, part, members in parts:
        in_every |= {members[i] for i in part.essential}
    return Covers(
        models=sorted(models),
        total=math.prod(p[1].total for p in parts),
        essential=sorted(in_every),
        complete=all(p[1].complete for p in parts),
        proven=all(p[1].proven for p in parts),
    )


def _groups(rows_of: list[list[int]], n_rows: int) -> list[list[int]]:
    """Rows joined by shared implicants (union-find), each group sorted; rows in no list
    (covered already) belong to no group."""
    parent = list(range(n_rows))

    def root(r: int) -> int:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    active = set()
    for rows in rows_of:
        active.update(rows)
        for r in rows[1:]:
            parent[root(r)] = root(rows[0])
    grouped: dict[int, list[int]] = {}
    for r in sorted(active):
        grouped.setdefault(root(r), []).append(r)
    return list(grouped.values())


def _group_covers(covers: list[int], n_rows: int, cap: int, work: int) -> Covers:
    """Every minimal cover of one group of rows (see minimal_covers)."""
    first, proven = _smallest_cover(covers, n_rows)
    if not proven:
        return Covers(models=[list(first)], total=1, essential=[], complete=False, proven=False)
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
            i
            for i in in_every
            if len(in_every) <= CONFIRM_AT_MOST
            and len(minimum_cover(covers, n_rows, frozenset([i])) or ()) != size
        }
    return Covers(
        models=[list(m) for m in models],
        total=total,
        essential=sorted(in_every),
        complete=complete,
    )


def _smallest_cover(covers: list[int], n_rows: int) -> tuple[tuple[int, ...], bool]:
    """A minimum cover, and whether it is proven so: by trying sizes upwards for a small
    group, by HiGHS otherwise (which may run out of time on a very large chart)."""
    if n_rows > SMALL_GROUP:
        found, proven = _solve_cover(covers, n_rows)
        assert found is not None  # every row has an implicant, so a cover exists
        return found, proven
    chart = _Chart(covers, n_rows)
    size = 1
    while True:
        first: list[tuple[int, ...]] = []

        def keep(columns, first=first):
            first.append(tuple(sorted(chart.members[j][0] for j in columns)))
            raise _Stop

        try:
            chart.search(size, keep, limit=10**12)
        except _Stop:
            return first[0], True
        size += 1
