"""QCA engine speed and memory on generated data (issue 4's scenarios) and the references.

    .venv/bin/python benchmarks/qca.py            # every scenario
    .venv/bin/python benchmarks/qca.py --quick    # skip the 12 and 16 x 100,000 runs
    .venv/bin/python benchmarks/qca.py --load 2   # the same beside two busy processes
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install setqca pyqca
    .venv/bin/python benchmarks/qca.py --peers-python /tmp/peers/bin/python  # side by side

Every limit in the engine counts work, not seconds, so the models and their counts must be
the same quiet and loaded; only the times differ. Each scenario says whether every minimum
was proven (HiGHS within its node limit) or a model shown may have more terms than needed.

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
    data = np.where(crisp == 1, rng.uniform(0.9, 1.0, (n, k)), rng.uniform(0.0, 0.1, (n, k)))
    ym = np.where(y == 1, rng.uniform(0.9, 1.0, n), rng.uniform(0.0, 0.1, n))
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
        "proven": all(s.proven for s in (conservative, parsimonious)),
        "first_parsimonious": parsimonious.models[0].expression if parsimonious.models else "",
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def references() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from analysis.reference import expected, table_for  # tests/analysis/reference.py
    from koers.analysis import solve

    for case in expected()["sufficiency_cases"]:
        started = time.perf_counter()
        for _ in range(20):
            tt, data, y = table_for(case)  # reads the CSV too, as a user's run would
            for s in case["solutions"]:
                solve(
                    tt, data, y, kind=s["type"], dir_exp=s.get("dir.exp"), row_dom=case["row.dom"]
                )
        per_run = (time.perf_counter() - started) / 20
        kinds = len(case["solutions"])
        print(f"  {case['id']:<30} {per_run * 1000:6.1f} ms (truth table + {kinds} solution types)")


def run_peer(peer: str, data: np.ndarray, y: np.ndarray, fuzzy: bool) -> dict:
    """setqca or pyqca on the same data: truth table, conservative and parsimonious."""
    import pandas as pd

    names = [f"X{j + 1}" for j in range(data.shape[1])]
    frame = pd.DataFrame(data, columns=names)
    frame["Y"] = y
    started = time.perf_counter()
    if peer == "setqca":
        import setqca

        model = (setqca.FSQCA if fuzzy else setqca.CSQCA)(consistency=0.8)
        result = model.fit(frame, outcome="Y", conditions=names)
        models = [len(result.solutions(kind)) for kind in ("conservative", "parsimonious")]
    else:
        here = Path(__file__).resolve().parent  # this file is qca.py too: look elsewhere
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
        import qca  # pyqca's package name

        model = (qca.FSQCA if fuzzy else qca.CSQCA)(data=frame, outcome="Y", conditions=names)
        result = model.fit(consistency_cutoff=0.8, coverage_cutoff=0.0)
        models = [len(result.formulas)]  # pyqca reports one model per solution type
    return {
        "seconds": round(time.perf_counter() - started, 3),
        "models": models,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def measure(command: list[str], timeout: float) -> dict | str:
    """One scenario in its own process (so that peak memory is its own)."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"gave no answer within {timeout:.0f} s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["killed (out of memory?)"])[-1]
        return f"failed: {last[:120]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--peers-python",
        help="a Python with setqca and pyqca installed (not Koers dependencies), to compare",
    )
    parser.add_argument("--peer-timeout", type=float, default=240)
    parser.add_argument(
        "--load", type=int, default=0, help="run beside this many busy processes (a loaded machine)"
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        label, k, n, fuzzy, noise = next(s for s in SCENARIOS if s[0] == args.one)
        data, y = generate(k, n, fuzzy, noise)
        result = run_peer(args.peer, data, y, fuzzy) if args.peer else run_koers(data, y)
        print(json.dumps(result))
        return
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.load)]
    try:
        compare(args)
    finally:
        for process in busy:
            process.kill()
            process.wait()


def compare(args: argparse.Namespace) -> None:
    print(f"Beside {args.load} busy processes." if args.load else "On a quiet machine.")
    print("Truth table + conservative + parsimonious, each scenario in its own process:")
    for label, _k, n, _fuzzy, _noise in SCENARIOS:
        if args.quick and n >= 100_000:
            continue
        r = measure([sys.executable, __file__, "--one", label], 3600)
        if isinstance(r, str):
            print(f"  {label:<22} Koers {r}")
            continue
        print(
            f"  {label:<22} Koers  {r['seconds']:8.3f} s  (table {r['truth_table_s']} s, "
            f"conservative {r['conservative_s']} s, parsimonious {r['parsimonious_s']} s), "
            f"peak {r['peak_mb']} MB, models {r['models'][0]}/{r['models'][1]}, "
            + ("every minimum proven" if r["proven"] else "a minimum NOT proven (work limit)")
        )
        for peer in ("setqca", "pyqca") if args.peers_python else ():
            p = measure(
                [args.peers_python, __file__, "--one", label, "--peer", peer], args.peer_timeout
            )
            if isinstance(p, str):
                print(f"  {'':<22} {peer:<6} {p}")
            else:
                ratio = p["seconds"] / max(r["seconds"], 1e-9)
                print(
                    f"  {'':<22} {peer:<6} {p['seconds']:8.3f} s, peak {p['peak_mb']} MB, "
                    f"models {'/'.join(map(str, p['models']))}: Koers is {ratio:.0f}x faster"
                )
    print("Reference datasets (Koers):")
    references()
    if not args.peers_python:
        print("Peers not measured; pass --peers-python with setqca and pyqca installed.")


if __name__ == "__main__":
    main()
