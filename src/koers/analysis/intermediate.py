"""Intermediate solutions as R's QCA (3.25) computes them: minimize() with dir.exp, whose
easy counterfactuals come from C_getEC in its src/QCA.c.

For every pair of a conservative model and a parsimonious model, each conservative term is
compared with each term of the parsimonious model that contains it (its literals include the
parsimonious term's). Only the literals the parsimonious term lacks may be relaxed, and only
those that go against a directional expectation: a condition without one (don't care, '-')
keeps the value it has in the conservative term. The relaxed term selects, among the
remainders that this parsimonious model uses, the easy counterfactuals; the pair's
intermediate models minimise the positive rows together with them.
"""

import re

import numpy as np

from .errors import AnalysisError
from .terms import Term, parse_term, sort_terms


def expectations(dir_exp: list[str] | None, names: list[str]) -> list[Term]:
    """The rows of R's matrix of directional expectations, in R's order.

    Two notations, as R's verify.dir.exp: one value per condition in order ('1', '0', '-'
    for don't care, '0;1' for either), or expressions ('DEV', '~URB', a conjunction
    '~LIT*IND'), which R first simplifies to a minimal sum of products. No expectation at
    all (every condition '-') gives the conservative solution."""
    items = [part.strip() for e in dir_exp or [] for part in re.split(r"[,+]", e)]
    items = [i for i in items if i]
    if not items:
        return []
    if all(re.fullmatch(r"[-01;\s]*", i) for i in items):
        return _positional(items, names)
    return _simplified([parse_term(i, names) for i in items], len(names))


def _positional(items: list[str], names: list[str]) -> list[Term]:
    k = len(names)
    if len(items) != k:
        raise AnalysisError(
            f"Give one directional expectation per condition ({k}), in their order, "
            f"or name them, e.g. {names[0]},~{names[-1]}."
        )
    rows = []
    for j, item in enumerate(items):
        b = 1 << (k - 1 - j)
        for value in item.split(";"):
            if value.strip() in ("0", "1"):
                rows.append((b, b if value.strip() == "1" else 0))
    return rows


def _simplified(terms: list[Term], k: int) -> list[Term]:
    """The expectations as the minimal sum of products R's admisc::simplify makes of them
    (single literals on different conditions already are one)."""
    masks = [m for m, _ in terms]
    if all(m.bit_count() == 1 for m in masks) and len(set(masks)) == len(masks):
        return sort_terms(terms, k)
    from .covers import minimal_covers
    from .incidence import Incidence
    from .primes import prime_implicants

    everything = np.arange(1 << k, dtype=np.int64)
    covered = np.zeros(1 << k, dtype=bool)
    for m, v in terms:
        covered |= (everything & m) == v
    if covered.all():
        raise AnalysisError("The directional expectations cancel each other out.")
    positive = everything[covered]
    implicants = sort_terms(prime_implicants(k, positive, everything[~covered]), k)
    found = minimal_covers(Incidence.of_terms(implicants, positive, k))
    if found.total != 1:
        raise AnalysisError("The directional expectations are ambiguous; write them out.")
    return [implicants[i] for i in found.models[0]]


def selection_term(conservative: Term, parsimonious: Term, expected: list[Term]) -> Term:
    """What remains of a conservative term when it is relaxed towards a parsimonious term
    that contains it (R's C_getEC).

    Only literals missing from the parsimonious term may go. A single expectation on a
    condition drops the literal when the term has the other value (no expectation: kept).
    A conjunctural expectation is all or nothing: when the term disagrees with it on any of
    those literals, all of them go. As in R, when conjunctural expectations are given, each
    starts again from the whole conservative term, so the last one decides."""
    mask, value = conservative
    free = mask & ~parsimonious[0]
    single = [(m, v) for m, v in expected if m.bit_count() == 1]
    joint = [(m, v) for m, v in expected if m.bit_count() > 1]
    kept = mask
    if single:
        for m in {m for m, _ in single}:
            values = {v for em, v in single if em == m}
            if free & m and value & m not in values:
                kept &= ~m
    if joint:
        m, v = joint[-1]
        checked = free & m
        kept = mask & ~checked if (value ^ v) & checked else mask
    return kept, value & kept


def contains(outer: Term, inner: Term) -> bool:
    """Whether every literal of `outer` is in `inner` (inner implies outer)."""
    return outer[0] & inner[0] == outer[0] and inner[1] & outer[0] == outer[1]


def easy_counterfactuals(
    conservative: list[Term],
    parsimonious: list[Term],
    expected: list[Term],
    remainders: np.ndarray,
) -> np.ndarray:
    """The remainders one parsimonious model uses (its simplifying assumptions) that lie in
    a conservative term relaxed towards a parsimonious term containing it."""
    used = np.zeros(len(remainders), dtype=bool)
    for m, v in parsimonious:
        used |= (remainders & m) == v
    assumptions = remainders[used]
    easy = np.zeros(len(assumptions), dtype=bool)
    for term in conservative:
        for pars in parsimonious:
            if contains(pars, term):
                m, v = selection_term(term, pars, expected)
                easy |= (assumptions & m) == v
    return assumptions[easy]


__all__ = ["contains", "easy_counterfactuals", "expectations", "selection_term"]
