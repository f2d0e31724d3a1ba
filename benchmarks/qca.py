"""QCA engine speed and memory on generated data (issue 4's scenarios) and the references.

    .venv/bin/python benchmarks/qca.py            # every scenario
    .venv/bin/python benchmarks/qca.py --quick    # skip the 12 and 16 x 100,000 runs

Data: k conditions, n cases, outcome = X1*X2 + X3*~X4 + X5*X6*X7 with noise (a share of the
cases gets the opposite outcome). Each scenario runs in its own process so that peak memory
(max RSS) belongs to it. setqca and pyqca are not project dependencies; they are measured
only when importable here.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

SCENARIOS = [
    ("9 x 20,000 crisp", 9, 20_000, False, 0.05),
    ("9 x 20,000 fuzzy", 9, 20_000, True, 0.05),
    ("9 x 200 noisy", 9, 200, False, 0.20),
    ("12 x 100,000 crisp", 12, 100_000, False, 0.05),
    ("16 x 100,000 crisp", 16, 100_000, False, 0.05),
]


def generate(
    k: int, n: int, fuzzy: bool, noise: float, seed: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    crisp = rng.integers(0, 2, size=(n, k)).astype(float)
    x = crisp.astype(bool)
    y = (x[:, 0] & x[:, 1]) | (x[:, 2] & ~x[:, 3]) | (x[:, 4] & x[:, 5] & x[:, 6])
    flip = rng.random(n) < noise
    y = np.where(flip, ~y, y).astype(float)
    if not fuzzy:
        return crisp, y
    # memberships on the case's side of 0.5, never exactly 0.5
    data = np.where(crisp == 1, rng.uniform(0.7, 1.0, (n, k)), rng.uniform(0.0, 0.3, (n, k)))
    ym = np.where(y == 1, rng.uniform(0.7, 1.0, n), rng.uniform(0.0, 0.3, n))
    return data, ym


def run_koers(data: np.ndarray, y: np.ndarray) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from koers.analysis import solve, truth_table

    names = [f"X{j + 1}" for j in range(data.shape[1])]
    started = time.perf_counter()
    tt = truth_table(
        data, y, conditions=names, case_names=[str(i) for i in range(len(y))], incl_cut=(0.8,)
    )
    t_table = time.perf_counter() - started
    conservative = solve(tt, data, y, kind="conservative")
    t_cons = time.perf_counter() - started - t_table
    parsimonious = solve(tt, data, y, kind="parsimonious")
    total = time.perf_counter() - started
    return {
        "seconds": round(total, 3),
        "truth_table_s": round(t_table, 3),
        "conservative_s": round(t_cons, 3),
        "parsimonious_s": round(total - t_table - t_cons, 3),
        "models": [
            f"{s.total_models}{'' if s.complete else '+'}" for s in (conservative, parsimonious)
        ],
        "first_parsimonious": parsimonious.models[0].expression if parsimonious.models else "",
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def references() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from analysis.reference import expected, load  # tests/analysis/reference.py
    from koers.analysis import solve, truth_table

    for case in expected()["sufficiency_cases"]:
        cases, data, y = load(case["csv"], case["outcome"], case["conditions"])
        cut = case["incl.cut"]
        started = time.perf_counter()
        for _ in range(20):
            tt = truth_table(
                data,
                y,
                conditions=case["conditions"],
                case_names=cases,
                incl_cut=tuple(cut) if isinstance(cut, list) else (cut,),
                n_cut=case["n.cut"],
            )
            for s in case["solutions"]:
                solve(
                    tt, data, y, kind=s["type"], dir_exp=s.get("dir.exp"), row_dom=case["row.dom"]
                )
        per_run = (time.perf_counter() - started) / 20
        kinds = len(case["solutions"])
        print(f"  {case['id']:<30} {per_run * 1000:6.1f} ms (truth table + {kinds} solution types)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        label, k, n, fuzzy, noise = next(s for s in SCENARIOS if s[0] == args.one)
        print(json.dumps(run_koers(*generate(k, n, fuzzy, noise))))
        return
    print("Koers QCA engine (truth table + conservative + parsimonious):")
    for label, _k, n, _fuzzy, _noise in SCENARIOS:
        if args.quick and n >= 100_000:
            continue
        try:
            out = subprocess.run(
                [sys.executable, __file__, "--one", label],
                capture_output=True,
                text=True,
                timeout=600,
                check=True,
            ).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(
                f"  {label:<22} {r['seconds']:8.3f} s  (table {r['truth_table_s']} s, "
                f"conservative {r['conservative_s']} s, parsimonious {r['parsimonious_s']} s), "
                f"peak {r['peak_mb']} MB, models {r['models'][0]}/{r['models'][1]}"
            )
        except subprocess.TimeoutExpired:
            print(f"  {label:<22} did not finish within 600 s")
    print("Reference datasets:")
    references()
    for peer in ("setqca", "pyqca"):
        try:
            __import__(peer)
            print(f"{peer} is installed but not yet wired into this benchmark")
        except ImportError:
            print(f"{peer}: not installed here, not measured")


if __name__ == "__main__":
    main()
