"""The engine reproduces R's QCA package (3.25.1) on published datasets: truth tables, every
model of every solution type with term and solution fit, pof, necessity and calibration.
Models are compared as sets of terms, fit to 3 decimals."""

import numpy as np
import pytest

from koers.analysis import crisp, expression_fit, fuzzy, necessity_table, solve
from koers.analysis.fit import necessity
from koers.analysis.membership import disjunction_membership
from koers.analysis.terms import parse_expression

from .reference import expected, load, table_for, terms

CASES = expected()["sufficiency_cases"]
TOL = 0.0015  # R rounds to 3 decimals


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_truth_table(case):
    tt, _, _ = table_for(case)
    got = {
        int(code) + 1: (out, int(n), incl, pri, sorted(cs))
        for code, out, n, incl, pri, cs in zip(tt.codes, tt.out, tt.n, tt.incl, tt.pri, tt.cases)
    }
    want = {r["row"]: r for r in case["truth_table_observed"]}
    assert set(got) == set(want)
    for row, r in want.items():
        out, n, incl, pri, cases = got[row]
        assert (out, n, cases) == (r["OUT"], r["n"], sorted(r["cases"])), row
        assert incl == pytest.approx(r["incl"], abs=TOL) and pri == pytest.approx(
            r["PRI"], abs=TOL
        ), row
    assert tt.counts() == case["truth_table_counts"]


SOLUTIONS = [(c, s) for c in CASES for s in c["solutions"]]


@pytest.mark.parametrize(
    ("case", "solution"), SOLUTIONS, ids=[f"{c['id']}-{s['type']}" for c, s in SOLUTIONS]
)
def test_solutions_and_fit(case, solution):
    tt, data, y = table_for(case)
    result = solve(
        tt, data, y, kind=solution["type"], dir_exp=solution.get("dir.exp"), row_dom=case["row.dom"]
    )
    got = {terms(m.expression): m for m in result.models}
    assert set(got) == {terms(m["expression"]) for m in solution["models"]}
    assert result.total_models == len(solution["models"])
    if "essential" in solution:
        assert {frozenset(e.split("*")) for e in result.essential} == {
            frozenset(e.split("*")) for e in solution["essential"]
        }
    for model in solution["models"]:
        mine = got[terms(model["expression"])]
        fit = model["solution_fit"]
        assert (mine.inclusion, mine.pri, mine.coverage) == pytest.approx(
            (fit["inclS"], fit["PRI"], fit["covS"]), abs=TOL
        )
        by_term = {frozenset(t.term.split("*")): t for t in mine.terms}
        for tf in model["term_fit"]:
            t = by_term[frozenset(tf["term"].split("*"))]
            assert (t.inclusion, t.pri, t.coverage) == pytest.approx(
                (tf["inclS"], tf["PRI"], tf["covS"]), abs=TOL
            )
            if "covU" in tf:
                assert t.unique_coverage == pytest.approx(tf["covU"], abs=TOL)


POF = expected()["pof_cases"]
CONDITIONS = {
    "CVF": ["DEMOC", "ETHFRACT", "GEOCON", "POLDIS", "NATPRIDE"],
    "LF": ["DEV", "URB", "LIT", "IND", "STB"],
    "LC": ["DEV", "URB", "LIT", "IND", "STB"],
}


@pytest.mark.parametrize("case", POF, ids=[c["id"] for c in POF])
def test_pof(case):
    names = CONDITIONS[case["dataset"]]
    _, data, y = load(f"{case['dataset']}.csv", case["outcome"], names)
    results = {r["term"]: r for r in case["results"]}
    if case["relation"] == "sufficiency":
        fit = expression_fit(case["expression"], data, y, names)
        whole = results["expression"]
        assert (fit.inclusion, fit.pri, fit.coverage) == pytest.approx(
            (whole["inclS"], whole["PRI"], whole["covS"]), abs=TOL
        )
        for t in fit.terms:
            r = results[t.term]
            assert (t.inclusion, t.pri, t.coverage, t.unique_coverage) == pytest.approx(
                (r["inclS"], r["PRI"], r["covS"], r["covU"]), abs=TOL
            )
    else:
        parts = parse_expression(case["expression"], names)
        for label, selection in [
            ("expression", parts),
            *[(case["expression"].split(" + ")[i], [p]) for i, p in enumerate(parts)],
        ]:
            f = necessity(disjunction_membership(data, selection), y)
            r = results[label.strip()]
            assert (f.inclusion, f.relevance, f.coverage) == pytest.approx(
                (r["inclN"], r["RoN"], r["covN"]), abs=TOL
            )


NECESSITY = expected()["necessity_cases"]


@pytest.mark.parametrize("case", NECESSITY, ids=[c["id"] for c in NECESSITY])
def test_necessity_of_single_conditions_and_pairs(case):
    """R's superSubset also searches conjunctions and longer disjunctions; every result of one
    literal, or a disjunction of two, must be in our table with the same figures."""
    names = CONDITIONS[case["dataset"]]
    _, data, y = load(f"{case['dataset']}.csv", case["outcome"], names)
    table = {frozenset(r.term.split(" + ")): r for r in necessity_table(data, y, names)}
    checked = 0
    for r in case["results"]:
        parts = r["term"].split(" + ")
        if "*" in r["term"] or len(parts) > 2:
            continue
        mine = table[frozenset(parts)]
        assert (mine.inclusion, mine.relevance, mine.coverage) == pytest.approx(
            (r["inclN"], r["RoN"], r["covN"]), abs=TOL
        )
        checked += 1
    assert checked >= 1


CALIBRATION = expected()["calibration_cases"]


def _anchors(text):
    return {part.split("=")[0].strip(): float(part.split("=")[1]) for part in text.split(",")}


@pytest.mark.parametrize(
    "case", CALIBRATION, ids=[f"{c['column']}-{c['type']}" for c in CALIBRATION]
)
def test_calibration(case):
    raw = np.array(case["raw"], dtype=float)
    if case["type"] == "crisp":
        got = crisp(raw, float(case["thresholds"]))
    else:
        a = _anchors(case["thresholds"])
        got = fuzzy(raw, exclusion=a["e"], crossover=a["c"], inclusion=a["i"])
    assert got == pytest.approx(np.array(case["expected"]), abs=0.00015)
