"""The portfolio analysis: paths found on a hand-made portfolio, the plain reading, what a
project lacks, the study's blind spot, and who may see it."""

import datetime

import pytest
from django.utils import timezone

from koers.insights.qca import AnalysisSettings, portfolio_analysis, project_path
from koers.insights.qca_reading import analysis_reading
from koers.projects.services import project_move_stage
from tests.factories import make_project
from tests.insights.test_dashboard import scored

# factors 2 and 4 strong (answers 5, score 100) or weak (answers 1, score 0)
PROFILES = {
    "Beide": (True, True, True),
    "Beide ook": (True, True, True),
    "Beide, derde": (True, True, True),
    "Alleen twee": (True, False, False),
    "Alleen vier": (False, True, False),
    "Geen van beide": (False, False, False),
}
SETTINGS = AnalysisSettings(factors=(2, 4), kind="parsimonious")
# Old enough that not having reached implementation counts (cases.TOO_YOUNG_DAYS).
LONG_AGO = timezone.localdate() - datetime.timedelta(days=2 * 365)


def build(world, profiles):
    m = world.member
    projects = {}
    for title, (two, four, implemented) in profiles.items():
        p = make_project(world.a, m, title=title, started_on=LONG_AGO)
        if implemented:
            for stage in ("experiment", "development", "implemented"):
                project_move_stage(project=p, by=m, to=stage)
        scored(
            p, m, lambda n, two=two, four=four: 5 if (n == 2 and two) or (n == 4 and four) else 1
        )
        projects[title] = p
    world.project.delete()  # the fixture's project has no scan; keep the counts exact
    return projects


@pytest.fixture
def portfolio(world):
    return build(world, PROFILES)


def test_the_combination_that_made_the_difference_is_found(world, portfolio):
    a = portfolio_analysis(organisation=world.a, settings=SETTINGS)
    assert a.error == ""
    assert len(a.cases) == 6 and a.with_outcome == 3
    assert a.total_models == 1
    (path,) = a.models[0].paths
    assert [(lit.factor.number, lit.strong) for lit in path.literals] == [(2, True), (4, True)]
    assert path.cases == 3
    assert a.models[0].inclusion == pytest.approx(1.0, abs=1e-3)
    assert a.models[0].coverage == pytest.approx(1.0, abs=1e-3)
    strongest = a.necessity[0]
    assert strongest.inclusion == pytest.approx(1.0, abs=1e-3)
    rows = {tuple(lit.strong for lit in r.literals): r for r in a.rows}
    assert rows[(True, True)].out == "1" and rows[(True, True)].n == 3
    assert rows[(True, False)].out == "0"
    assert {c.title for c in rows[(True, True)].cases} == {"Beide", "Beide ook", "Beide, derde"}
    assert len(a.xy) == 6 and not a.uncovered


def test_the_reading_names_the_factors_and_the_fit(world, portfolio):
    a = portfolio_analysis(organisation=world.a, settings=SETTINGS)
    two, four = (f.name for f in a.factors)
    reading = " ".join(analysis_reading(a))
    assert f"strong “{two}” and strong “{four}” (3 of them)" in reading
    assert "(consistency 0.99, coverage 0.99)" in reading or "(consistency 1.00" in reading


def test_the_reading_says_when_the_explanations_were_not_all_counted(world, portfolio):
    a = portfolio_analysis(organisation=world.a, settings=SETTINGS)
    a.total_models, a.models_complete = 1, False  # as when counting stops at its limit
    reading = " ".join(analysis_reading(a))
    assert "at least 1 explanation this simple; Koers stopped counting there" in reading
    a.total_models = 4
    reading = " ".join(analysis_reading(a))
    assert "at least 4 equally simple explanations; Koers stopped counting there" in reading
    a.total_models, a.models_complete = 1, True
    assert "this simple" not in " ".join(analysis_reading(a))


def test_a_project_hears_which_factor_it_lacks(world, portfolio):
    a = portfolio_analysis(organisation=world.a, settings=SETTINGS)
    path, lacking = project_path(a, portfolio["Alleen twee"].pk)
    assert path is a.models[0].paths[0]
    assert [(lit.factor.number, lit.strong) for lit in lacking] == [(4, True)]
    _path, nothing = project_path(a, portfolio["Beide"].pk)
    assert nothing == []


def test_successes_alone_cannot_show_what_made_the_difference(world, portfolio):
    settings = AnalysisSettings(factors=(2, 4), outcome="scaled")  # nobody scaled up
    a = portfolio_analysis(organisation=world.a, settings=settings)
    assert "same outcome" in a.error and "stalled and stopped" in a.error
    assert a.models == [] and analysis_reading(a) == []


def test_projects_without_a_score_are_left_out_and_counted(world, portfolio):
    make_project(world.a, world.member, title="Nog geen scan")
    a = portfolio_analysis(organisation=world.a, settings=SETTINGS)
    assert "Nog geen scan" not in {c.title for c in a.cases}
    assert len(a.cases) == 6


def test_only_coordinators_of_the_organisation_see_the_analysis(client, world, portfolio):
    url = f"/dashboard/{world.a.slug}/analysis/"
    client.force_login(world.coordinator)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(url).content.decode()
    assert "Paths to the outcome" in page and "Beide ook" in page
    for outsider in (world.member, world.viewer, world.b_coordinator):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_impossible_settings_are_refused_with_a_message(client, world, portfolio):
    client.force_login(world.coordinator)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(
        f"/dashboard/{world.a.slug}/analysis/",
        {
            "outcome": "implemented",
            "scope": "organisation",
            "factors": ["2"],
            "exclusion": 70,
            "crossover": 50,
            "inclusion": 60,
            "incl_cut": 2,
            "n_cut": 1,
            "kind": "parsimonious",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "turning point must lie between" in page
    assert "Choose at least two factors" in page
    assert "Paths to the outcome" not in page


# Twenty projects: eight with factors 2 and 4 strong, all implemented; twelve without.
LARGER = {
    **{f"Beide {i}": (True, True, True) for i in range(8)},
    **{f"Alleen twee {i}": (True, False, False) for i in range(4)},
    **{f"Alleen vier {i}": (False, True, False) for i in range(4)},
    **{f"Geen {i}": (False, False, False) for i in range(4)},
}


def test_the_project_page_says_which_path_a_project_lacks_in_plain_words(client, world):
    projects = build(world, LARGER)
    client.force_login(world.member)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/projects/{projects['Alleen twee 0'].pk}/").content.decode()
    two, four = (
        f.name for f in world.framework.factors.filter(number__in=(2, 4)).order_by("number")
    )
    assert "Implemented projects in your organisation often had" in page
    assert "8 of the 8 projects with that combination got there" in page
    assert f"What this project does not have yet: strong “{four}”" in page
    assert "consistency" not in page  # jargon stays on the analysis page
    page = client.get(f"/projects/{projects['Beide 0'].pk}/").content.decode()
    assert "This project has that too." in page
    assert "See the cross-case analysis" not in page  # a member, not a coordinator
    # A young project is read against the path but does not count as a failure.
    young = make_project(world.a, world.member, title="Net begonnen")
    scored(young, world.member, lambda n: 5 if n == 2 else 1)
    page = client.get(f"/projects/{young.pk}/").content.decode()
    assert f"What this project does not have yet: strong “{four}”" in page


def test_a_thin_portfolio_names_no_path_on_the_project_page(client, world, portfolio):
    """Six projects cannot carry a claim about nine factors: the page says when it will."""
    client.force_login(world.member)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/projects/{portfolio['Alleen twee'].pk}/").content.decode()
    assert "Once your organisation has 20 projects with a scan to compare" in page
    assert "Now 6 can be compared." in page
    assert "often had" not in page and "consistency" not in page


def test_projects_too_young_to_be_implemented_are_left_out_of_the_outcome(world, portfolio):
    young = make_project(world.a, world.member, title="Vandaag geopend")
    scored(young, world.member, lambda n: 1)
    a = portfolio_analysis(organisation=world.a, settings=SETTINGS)
    assert "Vandaag geopend" not in {c.title for c in a.cases}
    assert a.too_young == 1 and len(a.cases) == 6 and a.with_outcome == 3
    assert young.pk in a.memberships  # still read, for the project page
    # A stopped project is a real outcome, however young.
    project_move_stage(project=young, by=world.member, to="stopped", note="Geen data")
    a = portfolio_analysis(organisation=world.a, settings=SETTINGS)
    assert a.too_young == 0 and "Vandaag geopend" in {c.title for c in a.cases}


def test_outsiders_do_not_hear_about_another_portfolio(world, portfolio):
    from koers.insights.kept import project_path_get

    assert project_path_get(user=world.b_member, project=portfolio["Beide"]) is None
    assert project_path_get(user=world.member, project=portfolio["Beide"]) is not None
