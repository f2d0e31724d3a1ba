"""Portfolio arithmetic, table-driven, without a database."""

import pytest

from koers.insights import figures

REACHED = [
    (["idea"], set()),  # an idea has not reached the funnel
    (["idea", "experiment"], {"experiment"}),
    (["idea", "development"], {"experiment", "development"}),  # skipping counts as passing
    (
        ["idea", "experiment", "development", "implemented"],
        {"experiment", "development", "implemented"},
    ),
    (["idea", "experiment", "stopped"], {"experiment"}),
    (
        ["idea", "experiment", "development", "implemented", "scaled_external"],
        {"experiment", "development", "implemented", "scaled"},
    ),
]


@pytest.mark.parametrize(("stages", "steps"), REACHED)
def test_reached(stages, steps):
    assert figures.reached(stages) == steps


def test_conversion_by_start_year():
    rows = figures.conversion_by_start_year(
        {
            1: (2024, ["idea", "experiment"]),
            2: (2024, ["idea", "experiment", "development", "implemented"]),
            3: (2025, ["idea"]),
            4: (2025, ["idea", "experiment", "stopped"]),
        }
    )
    assert [(r.year, r.experiment, r.development, r.implemented, r.scaled) for r in rows] == [
        (2024, 2, 1, 1, 0),
        (2025, 1, 0, 0, 0),
    ]
    assert rows[0].share("implemented") == 0.5


def test_profile_by_stage_and_weakest_counts():
    latest = {1: {1: 20.0, 2: 60.0}, 2: {1: 40.0, 2: 10.0}, 3: {1: 80.0, 2: None}}
    stage_of = {1: "experiment", 2: "experiment", 3: "implemented"}
    assert figures.profile_by_stage(latest, stage_of) == {
        "experiment": {1: 30.0, 2: 35.0},
        "implemented": {1: 80.0, 2: None},
    }
    assert figures.weakest_counts(latest) == {1: 2, 2: 1}


@pytest.mark.parametrize(("orgs", "shown"), [(4, False), (5, True)])
def test_network_figures_need_five_organisations(orgs, shown):
    values = {org: [50.0] for org in range(orgs)} | {99: []}  # an org without data does not count
    assert (figures.network_figure(values) is not None) is shown


def test_quarters():
    import datetime

    assert figures.quarter_of(datetime.date(2025, 3, 31)) == "2025-Q1"
    assert figures.quarter_of(datetime.date(2025, 10, 1)) == "2025-Q4"
