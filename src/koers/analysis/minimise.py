"""Boolean minimisation: prime implicants and every minimal cover of the positive rows.

Exact, like R's default (CCubes): prime implicants are found level by level (terms of one
literal, then two, ...). A term is an implicant when it covers at least one positive
configuration and no forbidden one; it is prime when no term with fewer literals that it
contains is an implicant, which the level order guarantees. The solutions are all
combinations of the minimum number of prime implicants that cover every positive row
(ties are not broken by literal count), optionally after removing dominated implicants.
"""

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from .terms import Term

DEFAULT_MODEL_CAP = 256


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


def minimal_covers(covers: list[int], n_rows: int, cap: int = DEFAULT_MODEL_CAP) -> Covers:
    """Every combination of the minimum number of implicants covering all rows."""
    full = (1 << n_rows) - 1
    if n_rows == 0:
        return Covers(models=[[]], total=1, essential=[])
    union = 0
    for c in covers:
        union |= c
    if union != full:
        return Covers(models=[], total=0, essential=[])
    by_row = [[i for i, c in enumerate(covers) if c >> r & 1] for r in range(n_rows)]
    essential = sorted({rows[0] for rows in by_row if len(rows) == 1})
    largest = max(bin(c).count("1") for c in covers)
    found: set[tuple[int, ...]] = set()

    def search(uncovered: int, chosen: tuple[int, ...], limit: int) -> None:
        if not uncovered:
            found.add(tuple(sorted(chosen)))
            return
        remaining = limit - len(chosen)
        if remaining <= 0 or -(-bin(uncovered).count("1") // largest) > remaining:
            return
        # branch on the uncovered row with the fewest candidate implicants
        row = min((r for r in range(n_rows) if uncovered >> r & 1), key=lambda r: len(by_row[r]))
        for i in by_row[row]:
            if i not in chosen:
                search(uncovered & ~covers[i], (*chosen, i), limit)

    start = 0
    for i in essential:
        start |= covers[i]
    for limit in range(len(essential), len(covers) + 1):
        search(full & ~start, tuple(essential), limit)
        if found:
            break
    models = sorted(found)
    # As R reports them: the implicants that every minimal model contains.
    in_all = sorted(set.intersection(*(set(m) for m in models))) if models else []
    return Covers(models=[list(m) for m in models[:cap]], total=len(models), essential=in_all)
