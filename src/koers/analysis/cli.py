"""`python -m koers.analysis` and `koers analyse`: QCA on a CSV file, for scripts and people.

koers analyse FILE.csv --outcome OUT --conditions A,B,C [--fuzzy] [--incl-cut 0.8 or 0.8,0.6]
    [--pri-cut 0] [--n-cut 1] [--solution conservative|parsimonious|intermediate]
    [--dir-exp A,B,~C] [--row-dom] [--json]
"""

import argparse
import json
import sys
from dataclasses import asdict

from .covers import DEFAULT_MODEL_CAP
from .dataset import read_csv
from .errors import AnalysisError
from .necessity import necessity_table
from .solve import KINDS, solve
from .terms import literals
from .truthtable import truth_table


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="koers analyse", description="Qualitative Comparative Analysis of a CSV file."
    )
    p.add_argument("file")
    p.add_argument("--outcome", required=True, help="outcome column; ~OUT for its negation")
    p.add_argument("--conditions", required=True, help="comma-separated condition columns")
    p.add_argument("--fuzzy", action="store_true", help="columns are fuzzy memberships in [0, 1]")
    p.add_argument(
        "--incl-cut", default="1", help="one value, or two (high,low) for contradictions"
    )
    p.add_argument("--pri-cut", type=float, default=0.0)
    p.add_argument("--n-cut", type=int, default=1)
    p.add_argument("--solution", choices=KINDS, default="conservative")
    p.add_argument("--dir-exp", default="", help="directional expectations, e.g. A,B,~C or ~A*B")
    p.add_argument("--row-dom", action="store_true")
    p.add_argument("--max-models", type=int, default=DEFAULT_MODEL_CAP)
    p.add_argument("--json", action="store_true")
    return p


def run(args: argparse.Namespace) -> dict:
    try:
        incl_cut = tuple(float(v) for v in args.incl_cut.split(","))
    except ValueError:
        raise AnalysisError("--incl-cut takes one or two numbers, e.g. 0.8 or 0.8,0.6") from None
    if not 1 <= len(incl_cut) <= 2 or any(not 0 <= v <= 1 for v in incl_cut):
        raise AnalysisError("--incl-cut takes one or two numbers between 0 and 1.")
    if args.solution == "intermediate" and not args.dir_exp:
        raise AnalysisError("An intermediate solution needs --dir-exp.")
    conditions = [c.strip() for c in args.conditions.split(",") if c.strip()]
    ds = read_csv(args.file, outcome=args.outcome, conditions=conditions, fuzzy=args.fuzzy)
    tt = truth_table(
        ds.data,
        ds.y,
        conditions=conditions,
        case_names=ds.cases,
        incl_cut=incl_cut,
        n_cut=args.n_cut,
        pri_cut=args.pri_cut,
    )
    dir_exp = [d.strip() for d in args.dir_exp.split(",") if d.strip()]
    result = solve(
        tt,
        ds.data,
        ds.y,
        kind=args.solution,
        dir_exp=dir_exp,
        row_dom=args.row_dom,
        cap=args.max_models,
    )
    k = tt.k
    return {
        "outcome": args.outcome,
        "conditions": conditions,
        "cases": len(ds.cases),
        "dropped_cases": ds.dropped,
        "necessity": [asdict(r) for r in necessity_table(ds.data, ds.y, conditions)],
        "truth_table": [
            {
                "row": int(code) + 1,
                "config": [int(present) for _, present in literals((2**k - 1, int(code)), k)],
                "OUT": out,
                "n": int(n),
                "incl": float(incl),
                "PRI": float(pri),
                "cases": cases,
            }
            for code, out, n, incl, pri, cases in zip(
                tt.codes, tt.out, tt.n, tt.incl, tt.pri, tt.cases
            )
        ],
        "truth_table_counts": tt.counts(),
        "solutions": [
            {
                "pair": m.pair,
                "expression": m.expression,
                "inclusion": m.inclusion,
                "pri": m.pri,
                "coverage": m.coverage,
                "terms": [asdict(t) for t in m.terms],
            }
            for m in result.models
        ],
        "solution_type": result.kind,
        "models_total": result.total_models,
        "models_counted_completely": result.complete,
        "minimum_proven": result.proven,
        "essential": result.essential,
    }


def _text(report: dict) -> str:
    lines = [
        f"{report['cases']} cases ({report['dropped_cases']} dropped for missing values); "
        f"outcome {report['outcome']}",
        "",
        "Truth table (observed rows):",
    ]
    names = report["conditions"]
    lines.append(
        "  row  " + " ".join(f"{n[:6]:>6}" for n in names) + "   OUT    n   incl    PRI  cases"
    )
    for r in report["truth_table"]:
        lines.append(
            f"  {r['row']:>3}  "
            + " ".join(f"{v:>6}" for v in r["config"])
            + f"   {r['OUT']:>3} {r['n']:>4} {r['incl']:6.3f} {r['PRI']:6.3f}  "
            + ", ".join(r["cases"])
        )
    lines += ["", "Necessity (inclN, RoN, covN):"]
    for r in report["necessity"][:10]:
        lines.append(
            f"  {r['term']:<30} {r['inclusion']:.3f} {r['relevance']:.3f} {r['coverage']:.3f}"
        )
    lines += [
        "",
        f"{report['solution_type'].capitalize()} solution"
        + (f" ({_models(report)} models)" if report["models_total"] != 1 else "")
        + ":",
    ]
    if not report["solutions"]:
        lines.append("  none: no positive configuration to explain")
    for m in report["solutions"]:
        pair = f"{m['pair']}: " if m["pair"] else ""
        lines.append(f"  {pair}{m['expression']} -> {report['outcome']}")
        lines.append(
            f"    inclS {m['inclusion']:.3f}  PRI {m['pri']:.3f}  covS {m['coverage']:.3f}"
        )
        for t in m["terms"]:
            lines.append(
                f"    {t['term']:<28} inclS {t['inclusion']:.3f}  PRI {t['pri']:.3f}  "
                f"covS {t['coverage']:.3f}  covU {t['unique_coverage']:.3f}"
            )
    if not report["minimum_proven"]:
        lines.append(
            "  (the chart is too large to prove within the work limit that no model has fewer "
            "terms; this is the best one found)"
        )
    if report["models_total"] > len(report["solutions"]):
        lines.append(
            f"  ... {len(report['solutions'])} of {_models(report)} models shown, best fit "
            "first (raise --max-models)"
        )
    return "\n".join(lines)


def _models(report: dict) -> str:
    total = f"{report['models_total']:,}"
    return total if report["models_counted_completely"] else f"at least {total}; counting stopped"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        report = run(args)
    except (AnalysisError, OSError, ValueError) as exc:
        print(f"koers analyse: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report, indent=2) if args.json else _text(report))
    return 0
