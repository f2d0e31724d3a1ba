"""Model ambiguity: every minimal cover counted, a cap on those kept, a floor when counting
would take too long, and essential implicants that hold for all models, not just the kept."""

from hypothesis import given, settings
from hypothesis import strategies as st

from koers.analysis.covers import minimal_covers, minimum_cover
from koers.analysis.incidence import Incidence


def independent_rows(rows: int, choices: int) -> list[int]:
    """`rows` rows, each covered by `choices` implicants of its own: choices**rows models."""
    return [1 << r for r in range(rows) for _ in range(choices)]


def test_implicants_covering_the_same_rows_multiply_the_models():
    covers = independent_rows(6, 3)
    result = minimal_covers(Incidence.of(covers, 6), cap=256)
    assert result.total == 3**6
    assert result.complete
    assert len(result.models) == 256
    assert len({tuple(m) for m in result.models}) == 256
    for model in result.models:
        union = 0
        for i in model:
            union |= covers[i]
        assert union == 2**6 - 1 and len(model) == 6


def test_a_larger_cover_is_never_a_model():
    # rows 0..2; implicant 0 covers all three, the others one each
    covers = [0b111, 0b001, 0b010, 0b100]
    result = minimal_covers(Incidence.of(covers, 3))
    assert result.models == [[0]]
    assert result.total == 1
    assert result.essential == [0]


def test_counting_stops_at_the_work_limit_and_says_the_count_is_a_floor():
    # implicants pair each of 8 rows with each of 8 others: every perfect matching (8!)
    # is a minimal model, and no two implicants cover the same rows
    covers = [1 << i | 1 << (8 + j) for i in range(8) for j in range(8)]
    result = minimal_covers(Incidence.of(covers, 16), cap=10, work=200)
    assert not result.complete
    assert 1 <= len(result.models) <= 10
    assert len(result.models) <= result.total < 40320
    assert all(len(m) == 8 for m in result.models)
    assert minimal_covers(Incidence.of(covers, 16), cap=10, work=10**9).total == 40320


@st.composite
def charts(draw):
    """Rows each covered by at least one of a few overlapping implicants."""
    n_rows = draw(st.integers(2, 12))
    covers = draw(st.lists(st.integers(1, 2**n_rows - 1), min_size=1, max_size=30))
    union = 0
    for c in covers:
        union |= c
    return covers + [1 << r for r in range(n_rows) if not union >> r & 1], n_rows


@settings(max_examples=200, deadline=None)
@given(charts())
def test_counting_without_listing_gives_the_listed_total_and_implicants(chart):
    covers, n_rows = chart
    listed = minimal_covers(Incidence.of(covers, n_rows), cap=10**6, work=10**9)
    assert listed.complete and listed.total == len(listed.models)
    in_all = set.intersection(*(set(m) for m in listed.models))
    assert set(listed.essential) == in_all
    # the listing stops at once, the counting goes on
    counted = minimal_covers(Incidence.of(covers, n_rows), cap=1, work=3)
    if counted.complete:
        assert counted.total == listed.total
        assert set(counted.essential) == in_all
    else:
        assert 1 <= counted.total <= listed.total
        assert set(counted.essential) <= in_all  # claimed only when sure


def test_a_chart_with_more_models_than_can_be_listed_is_counted_exactly():
    # rows 0..23 in a ring; implicants cover three neighbouring rows, each twice over:
    # 8 implicants are needed, and every minimal model picks one of 3 offsets, 2**8 ways
    covers = [(0b111 << r | 0b111 >> (24 - r)) & (2**24 - 1) for r in range(24) for _ in range(2)]
    listed = minimal_covers(Incidence.of(covers, 24), cap=5, work=10**9)
    assert listed.total == 3 * 2**8
    counted = minimal_covers(Incidence.of(covers, 24), cap=5, work=300)
    assert counted.complete
    assert counted.total == 3 * 2**8
    assert all(len(m) == 8 for m in counted.models)


def test_essential_implicants_hold_for_all_models_even_beyond_the_cap():
    # row 0 only by implicant 0; rows 1..8 by two implicants each: 256 models share 0
    covers = [0b1] + [1 << r for r in range(1, 9) for _ in range(2)]
    result = minimal_covers(Incidence.of(covers, 9), cap=5)
    assert result.total == 2**8
    assert result.essential == [0]


def test_the_minimum_cover_uses_the_fewest_implicants():
    covers = [0b0011, 0b1100, 0b0110, 0b0001, 0b1000]
    assert len(minimum_cover(covers, 4)) == 2
    assert minimum_cover([0b01], 2) is None


def test_fit_in_blocks_of_terms_equals_fit_at_once(monkeypatch):
    import importlib

    import numpy as np

    solve_module = importlib.import_module("koers.analysis.solve")

    rng = np.random.default_rng(7)
    data, y = rng.random((300, 4)), rng.random(300)
    names = ["A", "B", "C", "D"]
    expression = "A*B + ~C + B*D + ~A*~D + C*D"
    at_once = solve_module.expression_fit(expression, data, y, names)
    monkeypatch.setattr(solve_module, "FIT_CELLS", 300)  # one term per block
    blocked = solve_module.expression_fit(expression, data, y, names)
    assert blocked == at_once
    assert any(t.unique_coverage > 0 for t in at_once.terms)
