"""From a truth table to solutions: conservative, parsimonious and intermediate, with fit."""

from dataclasses import dataclass, field

import numpy as np

from .covers import DEFAULT_MODEL_CAP, minimal_covers
from .crisp_fit import MOST_CONDITIONS, ConfigurationTable
from .fit import sufficiency, sufficiency_of_rows
from .incidence import Incidence
from .membership import disjunction_membership, term_membership
from .primes import prime_implicants, remove_dominated
from .terms import Term, bit, parse_term, sort_terms, write_solution, write_term
from .truthtable import TruthTable, configurations

KINDS = ("conservative", "parsimonious", "intermediate")
# Term memberships held at once while fitting a model (64 MB of floats).
FIT_CELLS = 8_000_000
# Membership evaluations (terms x cases, summed over models) spent on fitting models.
FIT_BUDGET = 300_000_000


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
    proven: bool = True  # False: the models shown may not have the fewest terms possible
    essential: list[str] = field(default_factory=list)


def _model_fitter(data: np.ndarray, y: np.ndarray, names: list[str]):
    """A function giving the fit of a model and of each of its terms on these cases: crisp
    conditions through their configurations, memberships case by case (with a cache of term
    memberships shared by the models of one solution)."""
    k = data.shape[1]
    if k <= MOST_CONDITIONS and np.all((data == 0) | (data == 1)):
        measure = ConfigurationTable(configurations(data)[0], y, k).model_fit
    else:
        data = np.asfortranarray(data)  # each condition's column contiguous: terms read columns
        cache: dict[Term, np.ndarray] = {}

        def measure(terms):
            return _fit_by_cases(terms, data, y, cache)

    def fit(terms: list[Term]) -> Solution:
        per_term, overall = measure(terms)
        fits = [
            TermFit(write_term(t, names), *map(float, values))
            for t, *values in zip(terms, *per_term)
        ]
        return Solution(write_solution(terms, names), fits, *overall)

    return fit


def _fit_by_cases(terms: list[Term], data: np.ndarray, y: np.ndarray, cache: dict):
    """Fit per term (inclusion, PRI, coverage, unique coverage) and of the model, from each
    case's membership. Terms go in blocks of about FIT_CELLS memberships, so that a model of
    thousands of terms over a million cases fits in memory.

    A term's unique coverage is what the model loses without it: where the term is the
    single largest membership, the model falls back to the second largest."""
    n = len(y)
    top, second, owner = np.zeros(n), np.zeros(n), np.full(n, -1)
    each: list[np.ndarray] = []
    block = max(1, FIT_CELLS // max(1, n))
    for start in range(0, len(terms), block):
        rows = []
        for t in terms[start : start + block]:
            m = cache.get(t)
            if m is None:
                m = term_membership(data, t)
                if (len(cache) + 1) * n <= FIT_CELLS:
                    cache[t] = m
            rows.append(m)
        m = np.array(rows).reshape(len(rows), n)
        each.append(np.array(sufficiency_of_rows(m, y)))
        best = m.max(axis=0)
        runner_up = np.partition(m, -2, axis=0)[-2] if len(rows) > 1 else np.zeros(n)
        higher = best > top
        owner = np.where(higher, m.argmax(axis=0) + start, owner)
        second = np.where(higher, np.maximum(top, runner_up), np.maximum(second, best))
        top = np.maximum(top, best)
    overall = sufficiency(top, y)
    sy = y.sum()
    loss = np.minimum(top, y) - np.minimum(second, y)
    held = owner >= 0
    lost = np.bincount(owner[held], weights=loss[held], minlength=len(terms))
    unique = lost / sy if sy else np.zeros(len(terms))
    inclusion, pri, coverage = np.concatenate(each, axis=1) if each else np.zeros((3, 0))
    return (inclusion, pri, coverage, unique), (overall.inclusion, overall.pri, overall.coverage)


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
    implicants = sort_terms(prime_implicants(k, positive, forbidden), k)
    chart = Incidence.of_terms(implicants, positive, k)
    if row_dom:
        implicants, chart = remove_dominated(implicants, chart)
    result = minimal_covers(chart, cap=cap)
    # Fitting costs terms x cases per model: with models of thousands of terms over a
    # hundred thousand cases, only as many as FIT_BUDGET allows are fitted and shown.
    per_model = max(1, len(result.models[0]) if result.models else 1) * max(1, len(y))
    kept = result.models[: max(1, FIT_BUDGET // per_model)]
    fit = _model_fitter(data, y, names)
    models = [fit(sort_terms([implicants[i] for i in model], k)) for model in kept]
    if result.total > 1:  # the best-fitting models first
        models.sort(key=lambda m: (-round(m.inclusion, 6), -round(m.coverage, 6)))
    return SolutionSet(
        kind=kind,
        models=models,
        total_models=result.total,
        complete=result.complete,
        proven=result.proven,
        essential=[write_term(implicants[i], names) for i in result.essential],
    )


def expression_fit(expression: str, data: np.ndarray, y: np.ndarray, names: list[str]) -> Solution:
    """Fit of any sum of products, for checking a published solution (R's pof)."""
    from .terms import parse_expression

    return _model_fitter(data, y, names)(parse_expression(expression, names))


__all__ = [
    "KINDS",
    "Solution",
    "SolutionSet",
    "TermFit",
    "disjunction_membership",
    "expression_fit",
    "solve",
]
