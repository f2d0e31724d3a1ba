"""From a truth table to solutions: conservative, parsimonious and intermediate, with fit."""

from dataclasses import dataclass, field

import numpy as np

from .fit import sufficiency, sufficiency_of_rows
from .membership import disjunction_membership, term_membership
from .minimise import (
    DEFAULT_MODEL_CAP,
    coverage_sets,
    minimal_covers,
    prime_implicants,
    remove_dominated,
)
from .terms import Term, bit, parse_term, term_order_key, write_solution, write_term
from .truthtable import TruthTable

KINDS = ("conservative", "parsimonious", "intermediate")


@dataclass
class TermFit:
    term: str
    inclusion: float
    pri: float
    coverage: float
    unique_coverage: float


@dataclass
class Solution:
    expression: str
    terms: list[TermFit]
    inclusion: float
    pri: float
    coverage: float


@dataclass
class SolutionSet:
    kind: str
    models: list[Solution]
    total_models: int
    complete: bool = True  # False: total_models is a floor (counting stopped)
    essential: list[str] = field(default_factory=list)


def _fit_model(
    terms: list[Term],
    data: np.ndarray,
    y: np.ndarray,
    names: list[str],
    cache: dict[Term, np.ndarray] | None = None,
) -> Solution:
    """Fit of a model and of each of its terms; `cache` keeps term memberships across the
    models of one solution, which share most of their terms."""
    cache = {} if cache is None else cache
    for t in terms:
        if t not in cache:
            cache[t] = term_membership(data, t)
    memberships = np.array([cache[t] for t in terms]).reshape(len(terms), len(y))
    whole = memberships.max(axis=0) if len(terms) else np.zeros(len(y))
    overall = sufficiency(whole, y)
    each = sufficiency_of_rows(memberships, y)
    # each term's unique coverage: what the model loses without it; the model without term
    # i is the largest other membership, i.e. the second largest where i is the largest
    if len(terms) > 1:
        top_two = np.partition(memberships, -2, axis=0)
        rest = np.where(memberships >= top_two[-1], top_two[-2], top_two[-1])
    else:
        rest = np.zeros_like(memberships)
    sy = y.sum()
    lost = np.minimum(whole, y).sum() - np.minimum(rest, y).sum(axis=1)
    unique = lost / sy if sy else np.zeros(len(terms))
    fits = [
        TermFit(write_term(t, names), *map(float, (inc, pri, cov, u)))
        for t, inc, pri, cov, u in zip(terms, *each, unique)
    ]
    return Solution(
        write_solution(terms, names), fits, overall.inclusion, overall.pri, overall.coverage
    )


def _remainders(tt: TruthTable) -> np.ndarray:
    everything = np.arange(2**tt.k, dtype=np.int64)
    return np.setdiff1d(everything, tt.codes)


def parse_directional(expectations: list[str], names: list[str]) -> list[Term]:
    """'DEV', '~URB' or a conjunction '~LIT*IND' each become a term."""
    return [parse_term(e, names) for e in expectations]


def easy_counterfactuals(
    k: int, complex_terms: list[Term], candidates: np.ndarray, expectations: list[Term]
) -> np.ndarray:
    """Remainders reachable from a conservative implicant by changing only literals that go
    against a directional expectation into the expected value, or literals of conditions
    without an expectation (don't care: either value is easy). A conjunctural expectation
    ('~LIT*IND') gives each of its literals as an expectation, as R's QCA does."""
    expected: dict[int, int] = {}
    for mask, value in expectations:
        for j in range(k):
            b = bit(k, j)
            if mask & b:
                expected[b] = value & b
    easy = []
    for r in candidates.tolist():
        for mask, value in complex_terms:
            changed = mask & (r ^ value)
            if all(
                not changed & bit(k, j) or expected.get(bit(k, j), r & bit(k, j)) == r & bit(k, j)
                for j in range(k)
            ):
                easy.append(r)
                break
    return np.array(easy, dtype=np.int64)


def solve(
    tt: TruthTable,
    data: np.ndarray,
    y: np.ndarray,
    *,
    kind: str,
    dir_exp: list[str] | None = None,
    row_dom: bool = False,
    cap: int = DEFAULT_MODEL_CAP,
) -> SolutionSet:
    names, k = tt.conditions, tt.k
    positive = tt.codes_with("1")
    negative = np.concatenate([tt.codes_with("0"), tt.codes_with("C")])
    everything = np.arange(2**k, dtype=np.int64)
    if kind == "conservative":
        forbidden = np.setdiff1d(everything, positive)
    elif kind == "parsimonious":
        forbidden = negative
    elif kind == "intermediate":
        parsimonious = prime_implicants(k, positive, negative)
        conservative = prime_implicants(k, positive, np.setdiff1d(everything, positive))
        remainders = _remainders(tt)
        simplifying = (
            remainders[
                np.array(
                    [any((r & m) == v for m, v in parsimonious) for r in remainders.tolist()],
                    dtype=bool,
                )
            ]
            if len(remainders)
            else remainders
        )
        easy = easy_counterfactuals(
            k, conservative, simplifying, parse_directional(dir_exp or [], names)
        )
        forbidden = np.setdiff1d(everything, np.concatenate([positive, easy]))
    else:
        raise ValueError(f"Unknown solution type '{kind}'; choose one of {', '.join(KINDS)}.")
    implicants = sorted(
        prime_implicants(k, positive, forbidden), key=lambda t: term_order_key(t, k)
    )
    covers = coverage_sets(implicants, positive)
    if row_dom:
        implicants, covers = remove_dominated(implicants, covers)
    result = minimal_covers(covers, len(positive), cap=cap)
    cache: dict[Term, np.ndarray] = {}
    models = [
        _fit_model(
            sorted((implicants[i] for i in model), key=lambda t: term_order_key(t, k)),
            data,
            y,
            names,
            cache,
        )
        for model in result.models
    ]
    if result.total > 1:  # the best-fitting models first
        models.sort(key=lambda m: (-round(m.inclusion, 6), -round(m.coverage, 6)))
    return SolutionSet(
        kind=kind,
        models=models,
        total_models=result.total,
        complete=result.complete,
        essential=[write_term(implicants[i], names) for i in result.essential],
    )


def expression_fit(expression: str, data: np.ndarray, y: np.ndarray, names: list[str]) -> Solution:
    """Fit of any sum of products, for checking a published solution (R's pof)."""
    from .terms import parse_expression

    return _fit_model(parse_expression(expression, names), data, y, names)


__all__ = [
    "KINDS",
    "Solution",
    "SolutionSet",
    "TermFit",
    "disjunction_membership",
    "expression_fit",
    "solve",
]
