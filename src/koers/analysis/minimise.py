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
from itertools import combinations, islice, product

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from .terms import Term

DEFAULT_MODEL_CAP = 256
# Above this estimate (sets of conditions x rows) terms by length give way to merging cubes.
LEVEL_BUDGET = 200_000_000
# Groups of rows up to this size find their minimum by search; larger ones by HiGHS.
SMALL_GROUP = 12
# Implicants shared by the models kept are confirmed as in every model one by one, by HiGHS,
# when there are at most this many; otherwise none is claimed.
CONFIRM_AT_MOST = 24
# Time HiGHS may take to prove a minimum cover of one group of rows.
ILP_SECONDS = 15.0
# Search work (rows examined, summed over steps) spent on finding and counting models;
# past it the count is a floor. Deterministic; about 0.2 s here.
WORK_LIMIT = 40_000


def prime_implicants(k: int, positive: np.ndarray, forbidden: np.ndarray) -> list[Term]:
    """All prime implicants of the positive configurations (integer codes) that cover none of
    the forbidden ones. Configurations that are neither are don't-cares.

    Two exact methods: terms by length over every set of conditions, whose cost grows with
    2^k times the rows; or merging allowed configurations into ever larger cubes (Quine and
    McCluskey), whose cost grows with the number of cubes that fit among the allowed
    configurations and is small when the forbidden ones are many and spread, as in large
    noisy data. The cheaper is chosen by that estimate; both give the same implicants."""
    positive = np.unique(positive.astype(np.int64))
    forbidden = np.unique(forbidden.astype(np.int64))
    by_level_cost = 2**k * (len(positive) + len(forbidden))
    if by_level_cost <= LEVEL_BUDGET or len(forbidden) < 2**k // 4:
        return _primes_by_level(k, positive, forbidden)
    return _primes_by_merging(k, positive, forbidden)


def _primes_by_merging(k: int, positive: np.ndarray, forbidden: np.ndarray) -> list[Term]:
    """Cubes of allowed configurations (positive or don't-care) merged pairwise along one
    condition at a time; a cube that merges with none is prime, and kept when it contains a
    positive configuration. A cube is one integer: free conditions above, values below."""
    full = (1 << k) - 1
    allowed = np.setdiff1d(np.arange(1 << k, dtype=np.int64), forbidden)
    keys = allowed  # free mask 0
    result: list[Term] = []
    while len(keys):
        free, value = keys >> k, keys & full
        merged = np.zeros(len(keys), dtype=bool)
        larger = []
        for j in range(k):
            b = 1 << j
            low = np.flatnonzero(((free | value) & b) == 0)
            partner = keys[low] | b
            where = np.searchsorted(keys, partner)
            where[where == len(keys)] = 0
            hit = keys[where] == partner
            merged[low[hit]] = True
            merged[where[hit]] = True
            larger.append(keys[low[hit]] | (b << k))
        primes = keys[~merged]
        if len(primes):
            fixed = full & ~(primes >> k)
            covers_positive = _cubes_contain_any(primes >> k, primes & full, positive, k)
            result += [
                (int(m), int(v))
                for m, v in zip(fixed[covers_positive], (primes & full)[covers_positive])
            ]
        keys = np.unique(np.concatenate(larger)) if larger else keys[:0]
    return result


def _cubes_contain_any(free: np.ndarray, value: np.ndarray, points: np.ndarray, k: int):
    """For each cube (free conditions, value), whether any of the sorted points lies in it:
    the cube's corners are enumerated, since merged cubes in noisy data are small."""
    out = np.zeros(len(free), dtype=bool)
    if not len(points):
        return out
    for size in np.unique(np.bitwise_count(free.astype(np.uint64))):
        rows = np.flatnonzero(np.bitwise_count(free.astype(np.uint64)) == size)
        corners = np.repeat(value[rows], 1 << int(size))
        spread = free[rows]
        for i in range(1 << int(size)):  # scatter the bits of i over each cube's free bits
            offsets = np.zeros(len(rows), dtype=np.int64)
            remaining = spread.copy()
            bit_index = 0
            while remaining.any():
                lowest = remaining & -remaining
                if i >> bit_index & 1:
                    offsets |= lowest
                remaining &= ~lowest
                bit_index += 1
            corners[i :: 1 << int(size)] |= offsets
        where = np.searchsorted(points, corners)
        where[where == len(points)] = 0
        inside = (points[where] == corners).reshape(len(rows), 1 << int(size)).any(axis=1)
        out[rows] = inside
    return out


def _primes_by_level(k: int, positive: np.ndarray, forbidden: np.ndarray) -> list[Term]:
    """Shortest terms first, over every set of conditions (as CCubes): fast when the prime
    implicants are short, whatever the number of don't-cares."""
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
    step = max(1, 4_000_000 // max(1, len(positive)))  # terms per batch: bounded memory
    for start in range(0, len(terms), step):
        batch = np.array(terms[start : start + step], dtype=np.int64).reshape(-1, 2)
        hits = (positive[None, :] & batch[:, :1]) == batch[:, 1:]
        packed = np.packbits(hits, axis=1, bitorder="little")
        out += [int.from_bytes(row.tobytes(), "little") for row in packed]
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
