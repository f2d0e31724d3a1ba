"""Minimal models: every combination of the fewest prime implicants that covers all positive
rows (R's models: ties are not broken by literal count), counted, with a cap on those kept.

The fewest is found by search for small groups of rows and by integer programming (HiGHS, as
R's findmin uses lpSolve) for large ones. Models are listed by an exact search with a
deterministic work limit; past it they are counted without being listed, and only when that
too runs past its limit is their number reported as a floor.

Every limit counts work, never seconds, so that the same data give the same answer on any
machine at any load: HiGHS gets a limit on branch-and-bound nodes. When it proves no minimum
within it, the best cover it found is shown, or a greedy one when it found none, marked as
not proven smallest."""

import math
from dataclasses import dataclass
from itertools import islice, product

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from .counting import Counter
from .incidence import Incidence
from .relaxation import relaxation_of
from .search import Chart, Stop, bits

DEFAULT_MODEL_CAP = 256
# Search work (rows examined, summed over steps) spent on listing models; past it they are
# counted without listing. Deterministic; about 0.2 s here.
WORK_LIMIT = 40_000
# Counting without listing, when the search stops, may do this many times its work (in
# (row, column) pairs examined; about 1 s here) before the count is given as a floor.
COUNT_WORK_FACTOR = 30
# Groups of rows up to this size find their minimum by search; larger ones by HiGHS.
SMALL_GROUP = 12
# Branch-and-bound nodes HiGHS may explore to prove a minimum cover of one group of rows (a
# work limit: no time limit anywhere, so that load never changes the answer).
ILP_NODES = 200
# Charts with more (row, implicant) pairs than this are not given to HiGHS at all: its root
# node alone can take many minutes there (16 conditions x 100,000 cases: 569,000 pairs) and
# a node limit does not bound it. They get the greedy cover, marked not proven smallest.
ILP_ENTRIES = 200_000


@dataclass
class Covers:
    models: list[list[int]]  # indices into the implicants, each model sorted
    total: int  # how many minimal models exist (may exceed len(models) when capped)
    essential: list[int]  # implicants in every minimal model
    complete: bool = True  # False: counting stopped at the work limit, total is a floor
    proven: bool = True  # False: no cover proven smallest within the work limit; may not be


def minimum_cover(covers: list[int], n_rows: int) -> tuple[int, ...] | None:
    """One cover with the fewest implicants, by integer programming (HiGHS), as R's findmin
    does with lpSolve; None when no cover exists or none is proven smallest within the
    work limit."""
    chart = Incidence.of(covers, n_rows)
    if not np.bincount(chart.rows, minlength=n_rows).all():
        return None
    found, proven = _solve_cover(chart)
    return found if proven else None


def _solve_cover(chart: Incidence, nodes: int | None = None) -> tuple[tuple[int, ...], bool]:
    """The best cover HiGHS finds within `nodes` branch-and-bound nodes, and whether it is
    proven smallest; a greedy cover (not proven) when HiGHS found none within them. Every
    row must have an implicant."""
    if len(chart.rows) > ILP_ENTRIES:
        return greedy_cover(chart), False
    result = milp(
        np.ones(chart.n_columns),
        constraints=[LinearConstraint(chart.matrix(), lb=1)],
        integrality=np.ones(chart.n_columns),
        bounds=Bounds(0, 1),
        options={"node_limit": ILP_NODES if nodes is None else nodes},
    )
    if result.x is None:
        return greedy_cover(chart), False
    return tuple(int(i) for i in np.flatnonzero(result.x > 0.5)), result.status == 0


def greedy_cover(chart: Incidence) -> tuple[int, ...]:
    """A cover by taking, again and again, the implicant that covers most rows still open
    (the lowest number among equals), then dropping any that the others make redundant:
    valid and deterministic, though not always the smallest."""
    matrix = chart.matrix().tocsc()
    by_row = chart.matrix().tocsr()
    open_rows = np.ones(chart.n_rows)
    chosen: list[int] = []
    while open_rows.any():
        j = int(np.argmax(matrix.T @ open_rows))
        chosen.append(j)
        open_rows[matrix.indices[matrix.indptr[j] : matrix.indptr[j + 1]]] = 0
    times = np.asarray(by_row[:, chosen].sum(axis=1)).ravel()  # how often each row is covered
    kept = []
    for j in reversed(chosen):
        rows = matrix.indices[matrix.indptr[j] : matrix.indptr[j + 1]]
        if (times[rows] > 1).all():
            times[rows] -= 1
        else:
            kept.append(j)
    return tuple(sorted(kept))


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
    chart = Chart(incidence.bit_sets(), incidence.n_rows)
    models, total, complete = _list_models(chart, size, cap, work)
    never = 0
    if not complete:  # too many to list within the limit: rule out columns, count (and list again)
        never = _never_in_a_minimum(chart, size)
        if len(models) < cap:  # without those columns the search may reach more models
            again = _list_models(chart, size, cap, work, never)
            if again[2] or len(again[0]) > len(models):
                models, total, complete = again
        if not models:  # neither search reached a model: show the solver's
            models, total = [first], max(total, 1)
    models.sort()
    in_every = set.intersection(*(set(m) for m in models))
    if total > len(models) or not complete:  # more models than listed: count them
        counted = _count(chart, size, work * COUNT_WORK_FACTOR, never)
        if counted is None:  # past the limit: the total is a floor, and no implicant claimed
            in_every = set()
        else:
            total, in_every, complete = *counted, True
    return Covers(
        models=[list(m) for m in models],
        total=total,
        essential=sorted(in_every),
        complete=complete,
    )


def _list_models(
    chart: Chart, size: int, cap: int, work: int, never: int = 0
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
    except Stop:
        return models, total, False
    return models, total, True


def _count(chart: Chart, size: int, limit: int, never: int) -> tuple[int, set[int]] | None:
    """How many minimum covers the chart has (`size` each) without the columns in `never`,
    and the implicants in all of them (a column in all of them whose implicant has no twin);
    None past the work limit."""
    usable = (1 << len(chart.columns)) - 1 & ~never
    try:
        found = Counter(chart, limit).minimum(chart.rows_mask, usable, size)
    except Stop:
        return None
    assert found is not None and found[0] == size  # size is the proven minimum
    in_all = [chart.members[j] for j in bits(found[2])]
    return found[1], {members[0] for members in in_all if len(members) == 1}


def _never_in_a_minimum(chart: Chart, size: int) -> int:
    """Columns no cover of `size` can use, as a mask, by the linear relaxation."""
    found = relaxation_of([c & chart.rows_mask for c in chart.columns], chart.rows_mask, size)
    return sum(1 << int(j) for j in found[1]) if found else 0


def _smallest_cover(incidence: Incidence) -> tuple[tuple[int, ...], bool]:
    """A minimum cover, and whether it is proven so: by trying sizes upwards for a small
    group, by HiGHS otherwise (which may reach its work limit on a very large chart)."""
    if incidence.n_rows > SMALL_GROUP:
        return _solve_cover(incidence)
    chart = Chart(incidence.bit_sets(), incidence.n_rows)
    size = 1
    while True:
        first: list[tuple[int, ...]] = []

        def keep(columns, first=first):
            first.append(tuple(sorted(chart.members[j][0] for j in columns)))
            raise Stop

        try:
            chart.search(size, keep, limit=10**12)
        except Stop:
            return first[0], True
        size += 1
