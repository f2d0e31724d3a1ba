"""Loading the R reference datasets and expectations (tests/data/qca-reference)."""

import csv
import json
from functools import cache
from pathlib import Path

import numpy as np

from koers.analysis import truth_table

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "qca-reference"


@cache
def expected() -> dict:
    return json.loads((REFERENCE / "expected.json").read_text())


def load(
    name: str, outcome: str, conditions: list[str]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    with open(REFERENCE / name, newline="") as handle:
        rows = list(csv.DictReader(handle))
    cases = [r["case"] for r in rows]
    data = np.array([[float(r[c]) for c in conditions] for r in rows])
    y = np.array([float(r[outcome.lstrip("~")]) for r in rows])
    return cases, data, (1.0 - y if outcome.startswith("~") else y)


def terms(expression: str) -> frozenset[frozenset[str]]:
    """An expression as a set of terms, each a set of literals: order does not matter."""
    return frozenset(frozenset(t.strip().split("*")) for t in expression.split("+"))


def table_for(case):
    cases, data, y = load(case["csv"], case["outcome"], case["conditions"])
    cut = case["incl.cut"]
    tt = truth_table(
        data,
        y,
        conditions=case["conditions"],
        case_names=cases,
        incl_cut=tuple(cut) if isinstance(cut, list) else (cut,),
        n_cut=case["n.cut"],
        pri_cut=case["pri.cut"],
    )
    return tt, data, y
