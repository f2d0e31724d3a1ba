"""Cross-case analysis of a portfolio: which combinations of the nine factors go with
implementation or scale-up, by Qualitative Comparative Analysis (koers.analysis).

Cases are projects with a scan (cases.py picks the scan closest before the outcome). Factor
scores (0-100) become fuzzy membership in "this factor is strong" by the direct method with
three anchors. Defaults: fully weak at 35, fully strong at 65, the crossover at 51. A score of
50 is the middle of the scale ("neither agree nor disagree" on average) and is common; with
the crossover exactly there such projects would belong to no truth-table row, so it sits just
above: 50 counts as not strong. The anchors are closer together than the scale's ends
because team scores cluster in the middle; wide anchors leave every membership near 0.5,
where no configuration is consistent. The default solution is the parsimonious one: with a
municipal portfolio of tens of projects on nine factors most configurations are unobserved,
and the intermediate and conservative solutions stay as long as single cases. The outcome is
crisp: reached or not.
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Q, QuerySet
from django.utils import timezone

from koers.analysis import (
    AnalysisError,
    NecessityRow,
    SolutionSet,
    fuzzy,
    necessity_table,
    solve,
    truth_table,
)
from koers.analysis.membership import disjunction_membership
from koers.analysis.terms import parse_expression, parse_term
from koers.framework.models import Factor
from koers.framework.selectors import framework_active
from koers.organisations.models import Organisation
from koers.projects.models import Project

from .cases import Case, analysis_cases
from .engine_messages import engine_code, error_text
from .evidence_conditions import EvidenceCondition, evidence_conditions, with_evidence
from .selectors import SHARED

ORGANISATION, NETWORK = "organisation", "network"
DEFAULT_ANCHORS = (35.0, 51.0, 65.0)


@dataclass(frozen=True)
class AnalysisSettings:
    outcome: str = "implemented"
    factors: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8, 9)
    exclusion: float = DEFAULT_ANCHORS[0]
    crossover: float = DEFAULT_ANCHORS[1]
    inclusion: float = DEFAULT_ANCHORS[2]
    incl_cut: float = 0.8
    n_cut: int = 1
    kind: str = "parsimonious"
    scope: str = ORGANISATION
    # evidence conditions beside the factors (evidence_rules.CONDITIONS keys), crisp
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Literal:
    factor: Factor | EvidenceCondition  # a factor's score, or a piece of the record
    strong: bool  # for evidence: present


@dataclass
class Path:
    """One term of a solution, in the factors' own words."""

    literals: list[Literal]
    inclusion: float
    coverage: float
    unique_coverage: float
    cases: int  # cases with the outcome that follow this path (membership > 0.5)
    members: int = 0  # cases that follow this path, with or without the outcome


@dataclass
class Model:
    paths: list[Path]
    inclusion: float
    pri: float
    coverage: float


@dataclass
class Row:
    literals: list[Literal]
    out: str
    n: int
    inclusion: float
    pri: float
    cases: list[Case]


@dataclass
class Necessity:
    literals: list[Literal]  # a disjunction: any of these
    inclusion: float
    relevance: float
    coverage: float


@dataclass
class PortfolioAnalysis:
    settings: AnalysisSettings
    factors: list[Factor]
    cases: list[Case] = field(default_factory=list)
    dropped: int = 0  # cases without a score on a chosen factor
    too_young: int = 0  # open projects without the outcome, started too recently to count
    with_outcome: int = 0
    error_code: str = ""  # engine_messages.error_text says it in the reader's language
    necessity: list[Necessity] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    unassigned: list[Case] = field(default_factory=list)  # a score exactly at the crossover
    remainders: int = 0
    models: list[Model] = field(default_factory=list)
    total_models: int = 0
    models_complete: bool = True
    xy: list[tuple[Case, float, float]] = field(default_factory=list)  # first model vs outcome
    uncovered: list[Case] = field(default_factory=list)  # outcome reached on no path
    # each case's calibrated membership per chosen factor number, as the engine saw it
    memberships: dict[int, dict[int, float]] = field(default_factory=dict)

    @property
    def error(self) -> str:
        return error_text(self.error_code, self.settings)


def analysis_projects(*, organisation: Organisation, scope: str) -> QuerySet[Project]:
    """An organisation's own projects, or the projects shared with the network: its own and
    those whose owners share their scans (`share_scan`); the analysis names each case and
    its profile, which another organisation's scans may not show otherwise."""
    if scope == NETWORK:
        return Project.objects.filter(visibility__in=SHARED, archived_at__isnull=True).filter(
            Q(owner=organisation) | Q(share_scan=True)
        )
    return Project.objects.filter(owner=organisation, archived_at__isnull=True)


def _literals(term: str, by_key: dict[str, Any]) -> list[Literal]:
    out = []
    for part in term.split("*"):
        negated = part.startswith("~")
        out.append(Literal(by_key[part.lstrip("~")], not negated))
    return out


def portfolio_analysis(
    *, organisation: Organisation, settings: AnalysisSettings
) -> PortfolioAnalysis:
    version = framework_active()
    all_factors = list(version.factors.order_by("number")) if version else []
    factors = [f for f in all_factors if f.number in settings.factors]
    evidence = evidence_conditions(settings.evidence)
    conditions: list[Any] = [*factors, *evidence]
    result = PortfolioAnalysis(settings=settings, factors=conditions)
    projects = analysis_projects(organisation=organisation, scope=settings.scope)
    cases = analysis_cases(projects=projects, outcome=settings.outcome)
    scored = [c for c in cases if all(c.scores.get(f.number) is not None for f in factors)]
    result.dropped = len(cases) - len(scored)
    # Too young to count for the outcome; their factors are still read (memberships), so
    # that the project page can say which path a young project is on.
    today = timezone.localdate()
    scored = with_evidence(scored, settings.evidence, outcome=settings.outcome, today=today)
    young = [c for c in scored if c.too_young(settings.outcome, today)]
    complete = [c for c in scored if not c.too_young(settings.outcome, today)]
    result.too_young = len(young)
    result.cases = complete
    if len(conditions) < 2:
        result.error_code = "few_factors"
        return result
    if not complete and young:
        result.error_code = "all_too_young"
        return result
    if not complete:
        result.error_code = "no_scores"
        return result
    read = complete + young
    raw = np.array([[c.scores[f.number] for f in factors] for c in read], dtype=float)
    everyone = fuzzy(
        raw.reshape(len(read), len(factors)),
        exclusion=settings.exclusion,
        crossover=settings.crossover,
        inclusion=settings.inclusion,
    )
    if evidence:  # crisp: the record held it or not
        held = np.array([[c.evidence[e.key] for e in evidence] for c in read], dtype=float)
        everyone = np.hstack([everyone, held])
    result.memberships = {
        c.project_id: {f.number: float(m) for f, m in zip(conditions, row)}
        for c, row in zip(read, everyone)
    }
    data = everyone[: len(complete)]
    y = np.array([c.scaled if settings.outcome == "scaled" else c.implemented for c in complete])
    y = y.astype(float)
    result.with_outcome = int(y.sum())
    if result.with_outcome in (0, len(complete)):
        result.error_code = "same_outcome"
        return result
    names = [f.key for f in conditions]
    by_key = {f.key: f for f in conditions}
    try:
        _analyse(result, data, y, names, by_key, complete)
    except (AnalysisError, ValueError) as exc:
        result.error_code = engine_code(exc, settings)
    return result


def _analyse(result, data, y, names, by_key, cases) -> None:
    settings = result.settings
    result.necessity = [_necessity(row, by_key) for row in necessity_table(data, y, names)[:12]]
    tt = truth_table(
        data,
        y,
        conditions=names,
        case_names=[str(i) for i in range(len(cases))],
        incl_cut=(settings.incl_cut,),
        n_cut=settings.n_cut,
    )
    k = len(names)
    for code, out, n, incl, pri, members in zip(tt.codes, tt.out, tt.n, tt.incl, tt.pri, tt.cases):
        config = [Literal(by_key[names[j]], bool(int(code) >> (k - 1 - j) & 1)) for j in range(k)]
        result.rows.append(
            Row(config, out, int(n), float(incl), float(pri), [cases[int(i)] for i in members])
        )
    result.rows.sort(key=lambda r: (-r.inclusion, -r.n))
    result.unassigned = [cases[int(i)] for i in tt.unassigned_cases]
    result.remainders = tt.counts()["?"]
    if not any(out == "1" for out in tt.out):
        result.error_code = "none_consistent"
        return
    solution: SolutionSet = solve(
        tt, data, y, kind=settings.kind, dir_exp=names if settings.kind == "intermediate" else None
    )
    result.total_models = solution.total_models
    result.models_complete = solution.complete
    for model in solution.models:
        paths = []
        for term in model.terms:
            membership = disjunction_membership(data, [parse_term(term.term, names)])
            paths.append(
                Path(
                    _literals(term.term, by_key),
                    term.inclusion,
                    term.coverage,
                    term.unique_coverage,
                    int(((membership > 0.5) & (y > 0.5)).sum()),
                    int((membership > 0.5).sum()),
                )
            )
        result.models.append(Model(paths, model.inclusion, model.pri, model.coverage))
    if solution.models:
        first = disjunction_membership(data, parse_expression(solution.models[0].expression, names))
        result.xy = [(c, float(x), float(v)) for c, x, v in zip(cases, first, y)]
        result.uncovered = [c for c, x, v in result.xy if v > 0.5 and x <= 0.5]


def _necessity(row: NecessityRow, by_key: dict[str, Any]) -> Necessity:
    literals = [lit for part in row.term.split(" + ") for lit in _literals(part, by_key)]
    return Necessity(literals, row.inclusion, row.relevance, row.coverage)


def project_path(analysis: PortfolioAnalysis, project_id: int) -> tuple[Path | None, list[Literal]]:
    """The path of the first model a project follows, or the closest one and what it lacks
    (the literals in which its membership is 0.5 or less)."""
    strong = analysis.memberships.get(project_id)  # factor number -> membership in "strong"
    if strong is None or not analysis.models:
        return None, []
    best: tuple[float, Path, list[Literal]] | None = None
    for path in analysis.models[0].paths:
        held = [
            (strong[lit.factor.number] if lit.strong else 1.0 - strong[lit.factor.number], lit)
            for lit in path.literals
        ]
        score = min(m for m, _lit in held)
        lacking = [lit for m, lit in held if m <= 0.5]
        if best is None or score > best[0]:
            best = (score, path, lacking)
    assert best is not None
    return best[1], best[2]


# When the project page may speak about a path. A portfolio of a dozen projects on nine
# factors leaves almost every combination unobserved, and the simplest solution then leans on
# assumptions about combinations nobody has seen; a path also says little when few projects
# follow it. So the page names a path only when at least MIN_CASES projects are compared, at
# least MIN_EACH_SIDE reached implementation and as many did not (projects too young to have
# got there are not counted, see cases.TOO_YOUNG_DAYS), and at least MIN_PATH_PROJECTS
# projects that got there followed the path.
MIN_CASES = 20
MIN_EACH_SIDE = 5
MIN_PATH_PROJECTS = 3


@dataclass
class ProjectPath:
    path: Path
    lacking: list[Literal]


@dataclass
class ProjectReading:
    """What the project page says: a path, or why it says none yet (`found` is None)."""

    found: ProjectPath | None
    compared: int
    needed: int = MIN_CASES


def carries_a_project_reading(analysis: PortfolioAnalysis) -> bool:
    without = len(analysis.cases) - analysis.with_outcome
    return (
        not analysis.error_code
        and bool(analysis.models)
        and len(analysis.cases) >= MIN_CASES
        and min(analysis.with_outcome, without) >= MIN_EACH_SIDE
    )
