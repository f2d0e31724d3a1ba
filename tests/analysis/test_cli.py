"""The command line: the interface scripts rely on, in text and JSON."""

import json

from koers.analysis.cli import main

from .reference import REFERENCE, terms


def run_json(capsys, *args):
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_report(capsys):
    report = run_json(
        capsys,
        str(REFERENCE / "LF.csv"),
        "--outcome",
        "SURV",
        "--conditions",
        "DEV,URB,LIT,IND,STB",
        "--fuzzy",
        "--incl-cut",
        "0.8",
        "--solution",
        "intermediate",
        "--dir-exp",
        "DEV,URB,LIT,IND,STB",
    )
    assert {"necessity", "truth_table", "solutions"} <= set(report)
    solution = report["solutions"][0]
    assert terms(solution["expression"]) == terms("DEV*URB*LIT*STB + DEV*LIT*~IND*STB")
    assert round(solution["inclusion"], 3) == 0.866 and len(solution["terms"]) == 2
    assert report["truth_table"][0]["row"] == 1 and report["truth_table"][0]["cases"] == [
        "GR",
        "PT",
        "ES",
    ]


def test_all_equally_minimal_models_are_listed(capsys):
    report = run_json(
        capsys,
        str(REFERENCE / "CVF.csv"),
        "--outcome",
        "PROTEST",
        "--conditions",
        "DEMOC,ETHFRACT,GEOCON,POLDIS,NATPRIDE",
        "--fuzzy",
        "--incl-cut",
        "0.8",
        "--solution",
        "parsimonious",
    )
    assert len(report["solutions"]) == report["models_total"] == 4


def test_text_report_and_negated_outcome(capsys):
    assert (
        main(
            [
                str(REFERENCE / "LC.csv"),
                "--outcome",
                "~SURV",
                "--conditions",
                "DEV,URB,LIT,IND,STB",
                "--solution",
                "parsimonious",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "-> ~SURV" in out and "Truth table" in out


def test_errors_exit_2_with_a_message(capsys, tmp_path):
    bad = tmp_path / "same.csv"
    bad.write_text("case,A,B,Y\na,1,0,1\nb,0,1,1\n")
    assert main([str(bad), "--outcome", "Y", "--conditions", "A,B"]) == 2
    assert "sufficiency cannot be inferred" in capsys.readouterr().err
    assert main([str(bad), "--outcome", "Y", "--conditions", "A,B", "--incl-cut", "2"]) == 2
    assert main([str(tmp_path / "missing.csv"), "--outcome", "Y", "--conditions", "A"]) == 2


def test_koers_analyse_runs_the_same_command():
    import subprocess
    import sys
    from pathlib import Path

    koers = Path(sys.executable).with_name("koers")
    result = subprocess.run(
        [
            str(koers),
            "analyse",
            str(REFERENCE / "HC.csv"),
            "--outcome",
            "VOTE",
            "--conditions",
            "FOREIGN,UNEMP,CONV,PRES80",
            "--solution",
            "parsimonious",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert terms(json.loads(result.stdout)["solutions"][0]["expression"]) == terms("CONV + PRES80")
