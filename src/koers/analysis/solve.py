"""From a truth table to solutions: conservative, parsimonious and intermediate, with fit."""

from dataclasses import dataclass, field

import numpy as np

from .covers import DEFAULT_MODEL_CAP, Covers, minimal_covers
from .crisp_fit import MOST_CONDITIONS, ConfigurationTable
from .fit import sufficiency, sufficiency_of_rows
from .incidence import Incidence
from .intermediate import easy_counterfactuals, expectations
from .membership import disjunction_membership, term_membership
from .primes import prime_implicants, remove_dominated
from .terms import Term, sort_terms, write_solution, write_term
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
    pair: str = ""  # intermediate: the conservative and parsimonious models it comes from


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


def _minimal(
    k: int, positive: np.ndarray, forbidden: np.ndarray, row_dom: bool, cap: int
) -> tuple[list[Term], Covers]:
    """The prime implicants of the positive rows that avoid the forbidden configurations (the
    rest are don't-cares), in R's order, and the chart's minimal models."""
    implicants = sort_terms(prime_implicants(k, positive, forbidden), k)
    chart = Incidence.of_terms(implicants, positive, k)
    if row_dom:
        implicants, chart = remove_dominated(implicants, chart)
    return implicants, minimal_covers(chart, cap=cap)


def _fitted(implicants: list[Term], covers: Covers, fit, k: int, cases: int, pair: str = ""):
    """The listed models with their fit, in the covers' order. Fitting costs terms x cases
    per model: with models of thousands of terms over a hundred thousand cases, only as
    many as FIT_BUDGET allows are fitted and shown."""
    per_model = max(1, len(covers.models[0]) if covers.models else 1) * max(1, cases)
    kept = covers.models[: max(1, FIT_BUDGET // per_model)]
    models = [fit(sort_terms([implicants[i] for i in model], k)) for model in kept]
    for model in models:
        model.pair = pair
    return models


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
    fit = _model_fitter(data, y, names)
    if kind == "intermediate":
        return _intermediate(tt, positive, negative, dir_exp, row_dom, cap, fit, len(y))
    if kind == "conservative":
        forbidden = np.setdiff1d(everything, positive)
    elif kind == "parsimonious":
        forbidden = negative
    else:
        raise ValueError(f"Unknown solution type '{kind}'; choose one of {', '.join(KINDS)}.")
    implicants, result = _minimal(k, positive, forbidden, row_dom, cap)
    models = _fitted(implicants, result, fit, k, len(y))
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


def _intermediate(tt, positive, negative, dir_exp, row_dom, cap, fit, cases) -> SolutionSet:
    """R's intermediate solutions: one set of models for every pair of a conservative model
    (C) and a parsimonious model (P), named C1P1, C1P2, ... in R's order (see intermediate.py).
    Without any directional expectation each pair gives its conservative model."""
    names, k = tt.conditions, tt.k
    expected = expectations(dir_exp, names)
    everything = np.arange(2**k, dtype=np.int64)
    c_terms, c_sol = _minimal(k, positive, np.setdiff1d(everything, positive), row_dom, cap)
    p_terms, p_sol = _minimal(k, positive, negative, row_dom, cap)
    remainders = _remainders(tt)
    models: list[Solution] = []
    total, complete, proven = 0, c_sol.complete and p_sol.complete, c_sol.proven and p_sol.proven
    in_every: set[str] | None = None
    for c, c_model in enumerate(c_sol.models, start=1):
        conservative = [c_terms[i] for i in c_model]
        for p, p_model in enumerate(p_sol.models, start=1):
            pair = f"C{c}P{p}"
            if not expected:
                terms = sort_terms(conservative, k)
                pair_covers = Covers(models=[list(range(len(terms)))], total=1, essential=[])
                pair_covers.essential = pair_covers.models[0]
            else:
                easy = easy_counterfactuals(
                    conservative, [p_terms[i] for i in p_model], expected, remainders
                )
                allowed = np.union1d(positive, easy)
                terms, pair_covers = _minimal(
                    k, positive, np.setdiff1d(everything, allowed), row_dom, cap
                )
            room = cap - len(models)
            if room > 0:
                pair_covers.models = pair_covers.models[:room]
                models += _fitted(terms, pair_covers, fit, k, cases, pair)
            total += pair_covers.total
            complete = complete and pair_covers.complete
            proven = proven and pair_covers.proven
            essential = {write_term(terms[i], names) for i in pair_covers.essential}
            in_every = essential if in_every is None else in_every & essential
    return SolutionSet(
        kind="intermediate",
        models=models,
        total_models=total,
        complete=complete,
        proven=proven,
        essential=sorted(in_every or []),
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
