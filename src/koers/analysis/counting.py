"""Counting the minimum covers of a chart without listing them."""

from .relaxation import TOLERANCE, relaxation_of
from .search import Chart, Stop, bits

# A remaining chart's minimum size, how many covers have it, and the columns in all of them.
Found = tuple[int, int, int]
# Remaining charts of at least this many rows are bounded by their linear relaxation too.
RELAXED_ROWS = 40
# What solving one relaxation costs in the counter's work, besides one unit per entry
# (about 3 ms here with scipy's checks, as much as examining 3,000 (row, column) pairs).
RELAXATION_WORK = 3_000


class Counter:
    """Counts the minimum covers of a chart without listing them, for charts with more than
    the search lists within its work limit. It branches on one column at a time (with it,
    without it), and three things let it finish at scale: the rows left often fall apart into groups
    that no usable column joins, whose counts multiply; a remaining chart met again (the
    same rows left, the same usable columns among those touching them) is looked up instead
    of searched again; and lower bounds cut branches that cannot reach the minimum.

    Every cover of the overall minimum size is minimal on each remaining chart too (a
    smaller one there would make a smaller cover overall), so a remaining chart is known by
    its minimum size, how many covers have that size, and which columns are in all of them
    (a bit set, kept along at no cost)."""

    def __init__(self, chart: Chart, limit: int):
        self.columns = [c & chart.rows_mask for c in chart.columns]
        self.weights = [len(m) for m in chart.members]
        self.by_row = {r: sum(1 << j for j in js) for r, js in chart.by_row.items()}
        self.limit = limit
        self.work = 0
        # (rows, columns) -> a Found, or a size the minimum exceeds
        self.known: dict[tuple[int, int], Found | int] = {}

    def minimum(self, uncovered: int, usable: int, bound: int) -> Found | None:
        """(fewest usable columns covering `uncovered`, how many covers have that many,
        counting each column's multiplicity, the columns in all of them), or None when the
        fewest is more than `bound`."""
        if not uncovered:
            return (0, 1, 0) if bound >= 0 else None
        touching = 0
        for r in bits(uncovered):
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

    def _solve(self, uncovered: int, usable: int, bound: int) -> Found | None:
        if uncovered.bit_count() >= RELAXED_ROWS:
            relaxed = self._relax(uncovered, usable, bound)
            if relaxed is None:
                return None
            usable = relaxed
        reach: dict[int, int] = {}  # row -> rows its usable columns cover
        held: dict[int, int] = {}  # row -> its usable columns
        size: dict[int, int] = {}  # usable column -> rows left it covers
        share = 0.0  # a cover has at least the sum over rows of 1 / its widest column
        for r in bits(uncovered):
            columns = self.by_row[r] & usable
            if not columns:
                return None
            near, widest = 0, 0
            self.work += columns.bit_count()
            for j in bits(columns):
                rows = self.columns[j] & uncovered
                near |= rows
                widest = max(widest, size.setdefault(j, rows.bit_count()))
            reach[r], held[r] = near, columns
            share += 1 / widest
        if self.work > self.limit:
            raise Stop
        if share > bound + 1e-9:
            return None
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
            with_j = (with_j[0] + 1, with_j[1] * self.weights[j], with_j[2] | 1 << j)
        return _fewer(with_j, without_j)

    def _relax(self, uncovered: int, usable: int, bound: int) -> int | None:
        """The usable columns the linear relaxation leaves for a cover within `bound`, or
        None when even the relaxation needs more."""
        columns = list(bits(usable))
        cut = [self.columns[j] & uncovered for j in columns]
        self.work += RELAXATION_WORK + sum(c.bit_count() for c in cut)
        found = relaxation_of(cut, uncovered, bound)
        if found is None:
            return usable
        optimum, ruled_out = found
        if optimum > bound + TOLERANCE:
            return None
        for i in ruled_out.tolist():
            usable &= ~(1 << columns[i])
        return usable

    def _product(self, groups: list[int], reach, usable: int, bound: int):
        floors = [_packing_bound({r: reach[r] for r in bits(g)}) for g in groups]
        rest = sum(floors)
        size, count, in_all = 0, 1, 0
        for group, floor in zip(groups, floors):
            rest -= floor
            found = self.minimum(group, usable, bound - size - rest)
            if found is None:
                return None
            size, count, in_all = size + found[0], count * found[1], in_all | found[2]
        return size, count, in_all


def _fewer(a: Found | None, b: Found | None) -> Found | None:
    """Of two results the smaller size; when the sizes tie, counts added and the columns in
    all covers of both."""
    if a is None or b is None:
        return a or b
    if a[0] != b[0]:
        return min(a, b)
    return a[0], a[1] + b[1], a[2] & b[2]


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
            for r in bits(frontier):
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
