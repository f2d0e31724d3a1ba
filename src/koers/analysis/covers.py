"""Minimal models: every combination of the fewest prime implicants that covers all positive
rows (R's models: ties are not broken by literal count), counted, with a cap on those kept.

The fewest is found by search for small groups of rows and by integer programming (HiGHS, as
R's findmin uses lpSolve) for large ones. Models are listed by an exact search with a
deterministic work limit; past it they are counted without being listed, and only when that
too runs past its limit is their number reported as a floor."""

import math
from dataclasses import dataclass
from itertools import islice, product

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from .incidence import Incidence

DEFAULT_MODEL_CAP = 256
# Search work (rows examined, summed over steps) spent on listing models; past it they are
# counted without listing. Deterministic; about 0.2 s here.
WORK_LIMIT = 40_000
# Counting without listing, when the search stops, may do this many times its work (rows
# examined, summed over steps; about 1 s here) before the count is given as a floor.
COUNT_WORK_FACTOR = 6
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
    found, proven = _solve_cover(Incidence.of(covers, n_rows), excluded)
    return found if proven else None


def _solve_cover(
    chart: Incidence, excluded: frozenset[int] = frozenset()
) -> tuple[tuple[int, ...] | None, bool]:
    """The best cover HiGHS finds within ILP_SECONDS, and whether it is proven smallest."""
    upper = np.ones(chart.n_columns)
    upper[list(excluded)] = 0
    result = milp(
        np.ones(chart.n_columns),
        constraints=[LinearConstraint(chart.matrix(), lb=1)],
        integrality=np.ones(chart.n_columns),
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


class _Counter:
    """Counts the minimum covers of a chart without listing them, for charts with more than
    the search lists in time. The same branching as _Chart.search, with two savings that
    keep it exact at scale: the rows left often fall apart into groups that no usable column
    joins, whose counts multiply; and a remaining chart met again (the same rows left, the
    same usable columns among those touching them) is looked up instead of searched again.

    Every cover of the overall minimum size is minimal on each remaining chart too (a
    smaller one there would make a smaller cover overall), so a remaining chart is known by
    its minimum size and how many covers have that size."""

    def __init__(self, chart: _Chart, limit: int):
        self.columns = [c & chart.rows_mask for c in chart.columns]
        self.weights = [len(m) for m in chart.members]
        self.by_row = {r: sum(1 << j for j in js) for r, js in chart.by_row.items()}
        self.limit = limit
        self.work = 0
        # (rows, columns) -> (minimum size, number of covers), or a size the minimum exceeds
        self.known: dict[tuple[int, int], tuple[int, int] | int] = {}

    def minimum(self, uncovered: int, usable: int, bound: int) -> tuple[int, int] | None:
        """(fewest usable columns covering `uncovered`, how many covers have that many,
        counting each column's multiplicity), or None when the fewest is more than `bound`."""
        if not uncovered:
            return (0, 1) if bound >= 0 else None
        touching = 0
        for r in _bits(uncovered):
            touching |= self.by_row[r]
        key = (uncovered, usable & touching)
        seen = self.known.get(key)
        if isinstance(seen, tuple):
            return seen if seen[0] <= bound else None
        if seen is not None and bound <= seen:
            return None
        found = self._solve(uncovered, key[1], bound)
        self.known[key] = found if found is not None else bound
        return found

    def _solve(self, uncovered: int, usable: int, bound: int) -> tuple[int, int] | None:
        reach: dict[int, int] = {}  # row -> rows its usable columns cover
        held: dict[int, int] = {}  # row -> its usable columns
        size: dict[int, int] = {}  # usable column -> rows left it covers
        share = 0.0  # a cover has at least the sum over rows of 1 / its widest column
        for r in _bits(uncovered):
            columns = self.by_row[r] & usable
            if not columns:
                return None
            near, widest = 0, 0
            for j in _bits(columns):
                rows = self.columns[j] & uncovered
                near |= rows
                widest = max(widest, size.setdefault(j, rows.bit_count()))
            reach[r], held[r] = near, columns
            share += 1 / widest
        self.work += len(reach)
        if self.work > self.limit:
            raise _Stop
        if share > bound + 1e-9:
            return None
        needed = _undominated(held)
        if needed != uncovered:  # covering the other rows covers these too
            return self.minimum(needed, usable, bound)
        groups = _groups_of(reach)
        if len(groups) > 1:
            return self._product(groups, reach, usable, bound)
        if _packing_bound(reach) > bound:
            return None
        # Branch on the column covering most rows: with it the chart shrinks most, without
        # it the rows are most likely to fall apart into groups.
        j = max(size, key=size.__getitem__)
        with_j = self.minimum(uncovered & ~self.columns[j], usable & ~(1 << j), bound - 1)
        without_j = self.minimum(uncovered, usable & ~(1 << j), bound)
        if with_j is not None:
            with_j = (with_j[0] + 1, with_j[1] * self.weights[j])
        return _fewer(with_j, without_j)

    def _product(self, groups: list[int], reach, usable: int, bound: int):
        floors = [_packing_bound({r: reach[r] for r in _bits(g)}) for g in groups]
        rest = sum(floors)
        size, count = 0, 1
        for group, floor in zip(groups, floors):
            rest -= floor
            found = self.minimum(group, usable, bound - size - rest)
            if found is None:
                return None
            size, count = size + found[0], count * found[1]
        return size, count


def _fewer(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    """Of two (size, count) results the smaller size, counts added when the sizes tie."""
    if a is None or b is None:
        return a or b
    if a[0] != b[0]:
        return min(a, b)
    return a[0], a[1] + b[1]


def _undominated(held: dict[int, int]) -> int:
    """Rows whose usable columns do not include all of another row's, as a mask."""
    kept: list[int] = []
    mask = 0
    for r in sorted(held, key=lambda r: held[r].bit_count()):
        columns = held[r]
        if all(held[q] & ~columns for q in kept):
            kept.append(r)
            mask |= 1 << r
    return mask


def _groups_of(reach: dict[int, int]) -> list[int]:
    """Rows joined through the rows their columns reach, as masks."""
    groups = []
    left = 0
    for r in reach:
        left |= 1 << r
    while left:
        group = frontier = left & -left
        while frontier:
            near = 0
            for r in _bits(frontier):
                near |= reach[r]
            frontier = near & ~group
            group |= frontier
        groups.append(group)
        left &= ~group
    return groups


def _packing_bound(reach: dict[int, int]) -> int:
    """Rows no single column covers two of each need their own: a lower bound on any cover."""
    bound, blocked = 0, 0
    for r in sorted(reach, key=lambda r: reach[r].bit_count()):
        if not blocked >> r & 1:
            bound += 1
            blocked |= reach[r]
    return bound


def _bits(value: int):
    while value:
        lowest = value & -value
        yield lowest.bit_length() - 1
        value ^= lowest


def minimal_covers(
    chart: Incidence, cap: int = DEFAULT_MODEL_CAP, work: int = WORK_LIMIT
) -> Covers:
    """Every combination of the minimum number of implicants covering all rows (R's models),
    at most `cap` of them kept; all are counted unless that takes more than `work` steps.

    Implicants that alone cover some row are in every model; the rows they leave fall apart
    into groups that no implicant joins, each solved on its own: the models are every
    combination of the groups' models, and their number the product."""
    n_rows = chart.n_rows
    if n_rows == 0:
        return Covers(models=[[]], total=1, essential=[])
    per_row = np.bincount(chart.rows, minlength=n_rows)
    if not per_row.all():
        return Covers(models=[], total=0, essential=[])
    sole = np.unique(chart.columns[per_row[chart.rows] == 1])
    open_rows = np.ones(n_rows, dtype=bool)
    open_rows[chart.rows[np.isin(chart.columns, sole)]] = False
    parts = []
    for members, group in _groups(chart, open_rows):
        part = _group_covers(group, cap, work)
        parts.append(([[int(members[i]) for i in m] for m in part.models], part, members))
    sole_list = sole.tolist()
    models = [
        sorted(sole_list + [i for chosen in combination for i in chosen])
        for combination in islice(product(*(p[0] for p in parts)), cap)
    ]
    in_every = set(sole_list)
    for _models, part, members in parts:
        in_every |= {int(members[i]) for i in part.essential}
    return Covers(
        models=sorted(models),
        total=math.prod(p[1].total for p in parts),
        essential=sorted(in_every),
        complete=all(p[1].complete for p in parts),
        proven=all(p[1].proven for p in parts),
    )


def _groups(chart: Incidence, open_rows: np.ndarray) -> list[tuple[np.ndarray, Incidence]]:
    """The open rows joined by shared implicants, each group as (its implicants, its chart
    in local numbers), in the order of their first rows."""
    keep = open_rows[chart.rows]
    rows, columns = chart.rows[keep], chart.columns[keep]
    if not len(rows):
        return []
    nodes = chart.n_rows + chart.n_columns
    links = coo_array((np.ones(len(rows)), (rows, chart.n_rows + columns)), shape=(nodes, nodes))
    label = connected_components(links, directed=False)[1][rows]
    first_row = np.full(nodes, chart.n_rows)
    np.minimum.at(first_row, label, rows)
    order = np.lexsort((rows, first_row[label]))
    rows, columns, label = rows[order], columns[order], label[order]
    starts = np.flatnonzero(np.r_[True, label[1:] != label[:-1]])
    groups = []
    for start, stop in zip(starts, np.r_[starts[1:], len(rows)]):
        local_rows, row_index = np.unique(rows[start:stop], return_inverse=True)
        members, column_index = np.unique(columns[start:stop], return_inverse=True)
        groups.append((members, Incidence(row_index, column_index, len(local_rows), len(members))))
    return groups


def _group_covers(incidence: Incidence, cap: int, work: int) -> Covers:
    """Every minimal cover of one group of rows (see minimal_covers)."""
    first, proven = _smallest_cover(incidence)
    if not proven:
        return Covers(models=[list(first)], total=1, essential=[], complete=False, proven=False)
    size = len(first)
    chart = _Chart(incidence.bit_sets(), incidence.n_rows)
    models, total, complete = _list_models(chart, size, cap, work)
    if not complete:  # too many to list in time: rule out columns, list again, and count
        never = _never_in_a_minimum(chart, size)
        again = _list_models(chart, size, cap, work, never)
        if again[2] or len(again[0]) > len(models):
            models, total, complete = again
        if not complete:
            counted = _count(chart, size, work * COUNT_WORK_FACTOR, never)
            if counted is not None:
                total, complete = counted, True
        if not models:  # neither search reached a model: show the solver's
            models, total = [first], max(total, 1)
    models.sort()
    in_every = set.intersection(*(set(m) for m in models)) if models else set()
    if total > len(models) or not complete:  # confirm: without it, no cover of that size exists
        in_every = {
            i
            for i in in_every
            if len(in_every) <= CONFIRM_AT_MOST
            and len(_solve_cover(incidence, frozenset([i]))[0] or ()) != size
        }
    return Covers(
        models=[list(m) for m in models],
        total=total,
        essential=sorted(in_every),
        complete=complete,
    )


def _list_models(
    chart: _Chart, size: int, cap: int, work: int, never: int = 0
) -> tuple[list[tuple[int, ...]], int, bool]:
    """Models found by the chart's search (at most `cap` kept), how many, and whether the
    search finished within `work`; `never` masks columns the search may leave out."""
    models: list[tuple[int, ...]] = []
    total = 0

    def found(columns: tuple[int, ...]) -> None:
        nonlocal total
        total += math.prod(len(chart.members[j]) for j in columns)
        for combination in product(*(chart.members[j] for j in columns)):
            if len(models) >= cap:
                break
            models.append(tuple(sorted(combination)))

    try:
        chart.search(size, found, work, excluded=never)
    except _Stop:
        return models, total, False
    return models, total, True


def _count(chart: _Chart, size: int, limit: int, never: int) -> int | None:
    """How many minimum covers the chart has (`size` each) without the columns in `never`,
    or None past the work limit."""
    counter = _Counter(chart, limit)
    usable = (1 << len(chart.columns)) - 1 & ~never
    try:
        found = counter.minimum(chart.rows_mask, usable, size)
    except _Stop:
        return None
    assert found is not None and found[0] == size  # size is the proven minimum
    return found[1]


def _never_in_a_minimum(chart: _Chart, size: int) -> int:
    """Columns no cover of `size` can use, as a mask, by the linear relaxation's reduced
    costs: a cover with column j has at least LP optimum + reduced cost of j columns.
    On noisy charts this rules out about half of them before any search."""
    columns = [c & chart.rows_mask for c in chart.columns]
    chart_matrix = Incidence.of(columns, chart.rows_mask.bit_length()).matrix().tocsr()
    chart_matrix = chart_matrix[chart.rows]
    relaxed = linprog(
        np.ones(len(chart.columns)),
        A_ub=-chart_matrix,
        b_ub=-np.ones(len(chart.rows)),
        bounds=(0, 1),
        method="highs",
    )
    if relaxed.status != 0:
        return 0
    reduced = 1 - chart_matrix.T @ -relaxed.ineqlin.marginals
    beyond = np.flatnonzero(relaxed.fun + reduced > size + 1e-6)
    return sum(1 << int(j) for j in beyond)


def _smallest_cover(incidence: Incidence) -> tuple[tuple[int, ...], bool]:
    """A minimum cover, and whether it is proven so: by trying sizes upwards for a small
    group, by HiGHS otherwise (which may run out of time on a very large chart)."""
    if incidence.n_rows > SMALL_GROUP:
        found, proven = _solve_cover(incidence)
        assert found is not None  # every row has an implicant, so a cover exists
        return found, proven
    chart = _Chart(incidence.bit_sets(), incidence.n_rows)
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
