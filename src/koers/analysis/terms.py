"""Terms (conjunctions of literals) and how they are written in R's notation.

A term over k conditions is a pair of integers (mask, value): bit j of `mask` says whether
condition j takes part, bit j of `value` whether it is present (1) or negated (0). Bit k-1
is the first condition, so that configurations sort as R numbers truth-table rows.
"""

from collections.abc import Sequence

import numpy as np

Term = tuple[int, int]


def bit(k: int, j: int) -> int:
    """The bit of condition j (0 = first) among k conditions."""
    return 1 << (k - 1 - j)


def literals(term: Term, k: int) -> list[tuple[int, bool]]:
    mask, value = term
    return [(j, bool(value & bit(k, j))) for j in range(k) if mask & bit(k, j)]


def write_term(term: Term, names: Sequence[str]) -> str:
    k = len(names)
    parts = [(names[j] if present else f"~{names[j]}") for j, present in literals(term, k)]
    return "*".join(parts) if parts else "1"


def write_solution(terms: Sequence[Term], names: Sequence[str]) -> str:
    return " + ".join(write_term(t, names) for t in terms)


def parse_term(text: str, names: Sequence[str]) -> Term:
    """'A*~B' -> term; condition names as given, '~' negates (R also accepts lower case for
    negation in crisp sets; Koers asks for the explicit '~')."""
    k = len(names)
    if text.strip() == "1":
        return 0, 0  # the empty term, always true
    index = {n: j for j, n in enumerate(names)}
    mask = value = 0
    for raw in text.replace(" ", "").split("*"):
        negated = raw.startswith("~")
        name = raw[1:] if negated else raw
        if name not in index:
            raise ValueError(f"Unknown condition '{name}' in '{text}'. Known: {', '.join(names)}")
        b = bit(k, index[name])
        if mask & b:
            raise ValueError(f"Condition '{name}' appears twice in '{text}'.")
        mask |= b
        if not negated:
            value |= b
    return mask, value


def parse_expression(text: str, names: Sequence[str]) -> list[Term]:
    return [parse_term(part, names) for part in text.split("+") if part.strip()]


def sort_terms(terms: Sequence[Term], k: int) -> list[Term]:
    """Terms as R lists them: fewer literals first, then by condition order, a condition
    present before negated. Computed for all terms at once (charts of a hundred thousand)."""
    if not terms:
        return []
    masks = np.array([m for m, _ in terms], dtype=np.int64)
    values = np.array([v for _, v in terms], dtype=np.int64)
    codes = np.full((len(terms), k), 2 * k, dtype=np.int64)  # absent: after every literal
    for j in range(k):
        present = (masks & bit(k, j)) != 0
        codes[present, j] = 2 * j + ((values[present] & bit(k, j)) == 0)
    codes.sort(axis=1)  # each term's literals first, in condition order
    length = (codes < 2 * k).sum(axis=1)
    order = np.lexsort((*codes.T[::-1], length))
    return [terms[i] for i in order.tolist()]


def covered_configurations(term: Term, k: int) -> np.ndarray:
    """Codes of every configuration of k conditions that the term covers."""
    mask, value = term
    codes = np.array([value], dtype=np.int64)
    free = ~mask & ((1 << k) - 1)
    while free:
        lowest = free & -free
        codes = np.concatenate([codes, codes | lowest])
        free ^= lowest
    return codes
