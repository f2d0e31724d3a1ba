"""The exact search of a prime implicant chart for covers of a given size."""


class Stop(Exception):
    """Ends a search early: enough work done, or the first cover found."""


class Chart:
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
        rows_of = [list(bits(c)) for c in self.columns]
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

    def search(self, size: int, on_cover, limit: int, excluded: int = 0) -> None:
        """Calls on_cover with every cover of `size` columns outside `excluded`, each once;
        raises Stop when the work passes `limit`."""
        self.work = 0
        self._search(size, on_cover, limit, self.rows_mask, (), excluded)

    def _search(self, size, on_cover, limit, uncovered, chosen, excluded) -> None:
        self.work += uncovered.bit_count()  # a step costs about as much as its rows
        if self.work > limit:
            raise Stop
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
            self._search(
                size, on_cover, limit, uncovered & ~self.columns[j], (*chosen, j), excluded
            )
            excluded |= 1 << j


def bits(value: int):
    while value:
        lowest = value & -value
        yield lowest.bit_length() - 1
        value ^= lowest
