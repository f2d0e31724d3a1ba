"""The analysis page in the user's language: the engine's refusals translated by type, the
network scope titled as the network, a reading of short lines, and a partial link that
takes the defaults for what it leaves out."""

import re

import pytest

from koers.analysis import AnalysisError
from koers.insights import qca
from koers.insights.qca import NETWORK, AnalysisSettings, portfolio_analysis
from koers.insights.qca_reading import analysis_reading
from koers.projects.models import Project, Visibility
from tests.insights.test_qca import portfolio  # noqa: F401 (fixture)

URL = "/dashboard/{}/analysis/"


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.coordinator)
    return client


def _alert(page: str) -> str:
    found = re.search(r'koers-alert"[^>]*>\s*<p[^>]*>(.*?)</p>', page, re.S)
    return found.group(1) if found else ""


def test_too_few_cases_per_combination_is_said_in_dutch(coordinator, world, portfolio):  # noqa: F811
    page = coordinator.get(URL.format(world.a.slug), {"n_cut": 50}).content.decode()
    alert = _alert(page)
    assert "Geen enkele combinatie van factoren komt voor bij 50 of meer projecten" in alert
    assert "n.cut" not in page and "No configuration" not in page


@pytest.mark.parametrize("error", [AnalysisError("A new English refusal"), ValueError("odd")])
def test_any_other_engine_refusal_reaches_the_page_translated(
    coordinator,
    world,
    portfolio,  # noqa: F811
    monkeypatch,
    error,
):
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(qca, "truth_table", refuse)
    page = coordinator.get(URL.format(world.a.slug), {"factors": ["2", "4"]}).content.decode()
    alert = _alert(page)
    assert alert.startswith("De analyse kan met deze instellingen niet worden uitgevoerd.")
    assert str(error) not in page


def test_a_partial_link_fills_the_defaults(coordinator, world, portfolio):  # noqa: F811
    Project.objects.update(visibility=Visibility.NETWORK)
    page = coordinator.get(URL.format(world.a.slug), {"scope": "network"}).content.decode()
    assert "Dit veld is verplicht" not in page
    assert "Vergelijkende analyse van de projecten die in het netwerk gedeeld zijn" in page
    assert f"voor {world.a.name}" not in page
    # The page's own form sends every setting: an unticked box is then a choice, refused.
    page = coordinator.get(
        URL.format(world.a.slug), {"scope": "network", "complete": "1"}
    ).content.decode()
    assert "Dit veld is verplicht" in page


def test_several_paths_are_read_one_per_line(world, portfolio):  # noqa: F811
    a = portfolio_analysis(organisation=world.a, settings=AnalysisSettings(factors=(2, 4)))
    model = a.models[0]
    model.paths = model.paths * 7  # as a network analysis with many paths
    lines = analysis_reading(a)
    assert any("along 7 paths" in line for line in lines)
    assert sum(line.startswith("Path ") for line in lines) == 5
    assert "2 more paths are in the table below." in lines
    assert max(len(line.split()) for line in lines) < 40
    Project.objects.update(visibility=Visibility.NETWORK)
    network = portfolio_analysis(
        organisation=world.a, settings=AnalysisSettings(factors=(2, 4), scope=NETWORK)
    )
    assert analysis_reading(network)[1].startswith("Among the projects shared in the network")
