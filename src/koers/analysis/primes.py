"""Prime implicants: the shortest terms that cover positive configurations and no forbidden
one, found exactly (as R's QCA does), by one of two methods chosen by their expected cost."""

from itertools import combinations

import numpy as np

from .errors import TooMuchWork
from .incidence import Incidence
from .terms import Term

# Above this estimate (sets of conditions x rows) terms by length give way to merging cubes.
LEVEL_BUDGET = 200_000_000
# Work the prime implicants may take, in configurations examined (about 100 ns each here,
# so some 25 seconds; counted, never timed). Past it the analysis stops and says what to
# reduce: with 20 conditions and a few hundred rows the search would take many minutes.
PRIME_WORK = 250_000_000
# What one set of conditions costs terms by length besides its rows (numpy's fixed cost).
SET_WORK = 1_000
# What merging costs per cube and condition, in the same configurations examined.
MERGE_WORK = 5


def prime_implicants(
    k: int, positive: np.ndarray, forbidden: np.ndarray, work: int = PRIME_WORK
) -> list[Term]:
    """All prime implicants of the positive configurations (integer codes) that cover none of
    the forbidden ones. Configurations that are neither are don't-cares.

    Two exact methods: terms by length over every set of conditions, whose cost grows with
    2^k times the rows; or merging allowed configurations into ever larger cubes (Quine and
    McCluskey), whose cost grows with the number of cubes that fit among the allowed
    configurations and is small when the forbidden ones are many and spread, as in large
    noisy data. The cheaper is chosen by that estimate; both give the same implicants.
    Terms by length cost a known amount of work, merging is counted as it goes: when the
    work needed passes `work`, TooMuchWork says so (no partial list: a chart built on some
    of the implicants would give wrong models)."""
    positive = np.unique(positive.astype(np.int64))
    forbidden = np.unique(forbidden.astype(np.int64))
    if len(positive) and not len(forbidden):
        return [(0, 0)]  # nothing to avoid: the empty term (always true) covers everything
    by_level_cost = 2**k * (len(positive) + len(forbidden))
    level_work = (2**k - 1) * (len(positive) + len(forbidden) + SET_WORK)
    if level_work <= work and (by_level_cost <= LEVEL_BUDGET or len(forbidden) < 2**k // 4):
        return _primes_by_level(k, positive, forbidden)
    return _primes_by_merging(k, positive, forbidden, work)


def _too_much(k: int, work: int) -> TooMuchWork:
    return TooMuchWork(
        f"Too many conditions to minimise: finding the prime implicants of these {k} "
        f"conditions takes more than the {work:,} steps of work allowed. Use fewer "
        "conditions (each one more can double the work).",
        conditions=k,
    )


def _primes_by_merging(
    k: int, positive: np.ndarray, forbidden: np.ndarray, work: int = PRIME_WORK
) -> list[Term]:
    """Cubes of allowed configurations (positive or don't-care) merged pairwise along one
    condition at a time; a cube that merges with none is prime, and kept when it contains a
    positive configuration. A cube is one integer: free conditions above, values below.
    A round costs its cubes times the conditions (times MERGE_WORK); past `work` it stops."""
    full = (1 << k) - 1
    # the first two rounds alone, when allowed configurations are dense: each has about
    # k x density allowed neighbours, so about that many cubes of two per configuration
    n_allowed = (1 << k) - len(forbidden)
    if n_allowed * k * MERGE_WORK * (1 + k * n_allowed / (1 << k) / 2) > work:
        raise _too_much(k, work)
    allowed = np.setdiff1d(np.arange(1 << k, dtype=np.int64), forbidden)
    keys = allowed  # free mask 0
    result: list[Term] = []
    done = 0
    while len(keys):
        done += len(keys) * k * MERGE_WORK  # charged before the round's cubes pile up
        if done > work:
            raise _too_much(k, work)
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


def remove_dominated(terms: list[Term], chart: Incidence) -> tuple[list[Term], Incidence]:
    """Row dominance: drop an implicant whose rows are a strict subset of another's."""
    covers = chart.bit_sets()
    keep = [
        i
        for i, ci in enumerate(covers)
        if not any(j != i and ci != cj and ci & cj == ci for j, cj in enumerate(covers))
    ]
    return [terms[i] for i in keep], Incidence.of([covers[i] for i in keep], chart.n_rows)
