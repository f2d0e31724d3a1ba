"""Limits in work, never in seconds: prime implicants stop with a plain message past their
work limit, a cover HiGHS cannot prove within its node limit is still a valid cover (marked
not proven), and the same analysis gives the same answer on a busy machine."""

import json
import subprocess
import sys
from dataclasses import asdict

import numpy as np
import pytest

from koers.analysis import TooMuchWork, solve, truth_table
from koers.analysis import covers as covers_module
from koers.analysis.cli import main
from koers.analysis.covers import greedy_cover, minimal_covers
from koers.analysis.incidence import Incidence
from koers.analysis.primes import prime_implicants


def noisy(k: int, n: int, noise: float, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Crisp cases with outcome X1*X2 + X3*~X4 + X5*X6*X7 and a share of them flipped."""
    rng = np.random.default_rng(seed)
    data = rng.integers(0, 2, size=(n, k)).astype(float)
    x = data.astype(bool)
    y = (x[:, 0] & x[:, 1]) | (x[:, 2] & ~x[:, 3]) | (x[:, 4] & x[:, 5] & x[:, 6])
    return data, np.where(rng.random(n) < noise, ~y, y).astype(float)


def test_twenty_conditions_stop_with_a_plain_message(tmp_path, capsys):
    data, y = noisy(20, 300, 0.05)
    names = [f"C{j + 1}" for j in range(20)]
    lines = ["case," + ",".join(names) + ",OUT"]
    lines += [f"c{i}," + ",".join(str(int(v)) for v in row) + f",{int(o)}" for i, (row, o) in
              enumerate(zip(data, y))]  # fmt: skip
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(lines) + "\n")
    code = main(
        [str(path), "--outcome", "OUT", "--conditions", ",".join(names), "--solution",
         "parsimonious"]
    )  # fmt: skip
    assert code == 2
    message = capsys.readouterr().err
    assert "Too many conditions" in message and "Use fewer conditions" in message


def test_more_conditions_than_the_work_allows_raise_at_once():
    k = 24
    positive = np.array([0, 5, 1 << 20], dtype=np.int64)
    negative = np.array([3, 1 << 23], dtype=np.int64)
    with pytest.raises(TooMuchWork) as raised:
        prime_implicants(k, positive, negative)
    assert raised.value.params == {"conditions": k}


def test_a_small_work_limit_stops_both_methods_and_a_large_one_does_not():
    rng = np.random.default_rng(2)
    codes = rng.permutation(1 << 10)
    positive, forbidden = codes[:300], codes[300:700]
    full = prime_implicants(10, positive, forbidden)
    assert full  # within the default limit
    with pytest.raises(TooMuchWork):
        prime_implicants(10, positive, forbidden, work=10_000)


def hard_chart(seed: int = 3) -> tuple[list[int], int]:
    """300 rows, 600 implicants of 8 random rows each: a set cover HiGHS does not solve in
    a handful of nodes."""
    rng = np.random.default_rng(seed)
    n_rows = 300
    covers = [sum(1 << int(r) for r in rng.choice(n_rows, 8, replace=False)) for _ in range(600)]
    return covers, n_rows


def test_the_greedy_cover_is_a_valid_irredundant_cover():
    covers, n_rows = hard_chart()
    chosen = greedy_cover(Incidence.of(covers, n_rows))
    union = 0
    for j in chosen:
        union |= covers[j]
    assert union == (1 << n_rows) - 1
    for j in chosen:  # none can be left out
        rest = 0
        for i in chosen:
            if i != j:
                rest |= covers[i]
        assert rest != (1 << n_rows) - 1


def test_without_a_proven_minimum_a_valid_cover_is_shown_and_marked(monkeypatch):
    monkeypatch.setattr(covers_module, "ILP_NODES", 0)
    covers, n_rows = hard_chart()
    result = minimal_covers(Incidence.of(covers, n_rows))
    assert not result.proven and not result.complete
    assert len(result.models) == 1
    union = 0
    for j in result.models[0]:
        union |= covers[j]
    assert union == (1 << n_rows) - 1


def analysis_json() -> str:
    """A noisy analysis whose models are counted in the hundreds of thousands (search, count
    and HiGHS at work), and a chart HiGHS gets no node for (the greedy cover)."""
    data, y = noisy(9, 3_000, 0.25)
    names = [f"X{j + 1}" for j in range(9)]
    tt = truth_table(
        data, y, conditions=names, case_names=[str(i) for i in range(len(y))], incl_cut=(0.8,)
    )
    results = [asdict(solve(tt, data, y, kind=kind)) for kind in ("conservative", "parsimonious")]
    covers, n_rows = hard_chart()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(covers_module, "ILP_NODES", 0)
        results.append(asdict(minimal_covers(Incidence.of(covers, n_rows))))
    return json.dumps(results, sort_keys=True)


def test_the_same_analysis_gives_the_same_answer_on_a_busy_machine():
    quiet = analysis_json()
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        loaded = analysis_json()
    finally:
        for process in busy:
            process.kill()
            process.wait()
    assert loaded == quiet
    assert '"total_models": 207304' in quiet  # the count is exact, not a floor


def test_a_chart_too_large_for_highs_gets_the_greedy_cover(monkeypatch):
    monkeypatch.setattr(covers_module, "ILP_ENTRIES", 100)
    covers, n_rows = hard_chart()
    chart = Incidence.of(covers, n_rows)
    result = minimal_covers(chart)
    assert not result.proven
    assert result.models == [list(greedy_cover(chart))]
