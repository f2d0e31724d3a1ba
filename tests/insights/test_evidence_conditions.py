"""Evidence as conditions of the cross-case analysis: each case's record read as of the day it
reached the outcome (or today), crisp beside the calibrated factor scores, named in words in
the reading and the truth table; the settings form offers them; the dashboard counts the
running projects that have each record, in a fixed number of queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.evidence.models import EndUserSession
from koers.insights.cases import analysis_cases
from koers.insights.evidence_conditions import with_evidence
from koers.insights.evidence_coverage import evidence_coverage
from koers.insights.forms import AnalysisForm
from koers.insights.qca import AnalysisSettings, portfolio_analysis
from koers.insights.qca_reading import analysis_reading
from koers.projects.models import Project, TeamRole
from koers.projects.services import project_move_stage, team_member_set
from tests.factories import make_project
from tests.insights.test_dashboard import scored
from tests.insights.test_qca import LONG_AGO, PROFILES, build

TODAY = timezone.localdate()
IMPLEMENTED_ON = LONG_AGO + datetime.timedelta(days=200)


def session(project, on):
    EndUserSession.objects.create(project=project, kind="test", held_on=on, participants=4)


def implement(project, by, on=IMPLEMENTED_ON):
    for stage in ("experiment", "development", "implemented"):
        project_move_stage(project=project, by=by, to=stage, on=on)


def test_each_case_is_read_as_of_its_outcome(world):
    m = world.member
    before = make_project(world.a, m, title="Before", started_on=LONG_AGO)
    after = make_project(world.a, m, title="After", started_on=LONG_AGO)
    open_one = make_project(world.a, m, title="Open", started_on=LONG_AGO)
    for p in (before, after):
        implement(p, m)
    for p in (before, after, open_one):
        scored(p, m, lambda n: 3)
    session(before, IMPLEMENTED_ON - datetime.timedelta(days=10))  # on the way: counts
    session(after, IMPLEMENTED_ON + datetime.timedelta(days=10))  # after the outcome: not
    session(open_one, TODAY - datetime.timedelta(days=10))  # open: read as of today
    cases = analysis_cases(
        projects=Project.objects.filter(pk__in=[before.pk, after.pk, open_one.pk]),
        outcome="implemented",
    )
    held = {
        c.title: c.evidence["ev_end_users"]
        for c in with_evidence(cases, ("ev_end_users",), outcome="implemented", today=TODAY)
    }
    assert held == {"Before": True, "After": False, "Open": True}


def test_end_users_as_a_condition_beside_the_factors(world):
    projects = build(world, PROFILES)
    for title, (_two, _four, implemented) in PROFILES.items():
        if implemented:  # the implemented ones had end users in the half year before
            outcome_day = projects[title].stage_events.get(to_stage="implemented").on
            session(projects[title], outcome_day - datetime.timedelta(days=30))
    settings = AnalysisSettings(factors=(2, 4), evidence=("ev_end_users",))
    a = portfolio_analysis(organisation=world.a, settings=settings)
    assert a.error == ""
    assert [str(c.number) for c in a.factors] == ["2", "4", "E8"]
    assert all(len(r.literals) == 3 for r in a.rows)
    row = next(r for r in a.rows if r.out == "1")
    evidence = row.literals[2]
    assert evidence.strong and evidence.factor.key == "ev_end_users"
    reading = " ".join(analysis_reading(a))
    assert "end users took part in the six months before" in reading
    # the same data, the same answer
    again = portfolio_analysis(organisation=world.a, settings=settings)
    assert [
        [(str(lit.factor.number), lit.strong) for lit in p.literals] for p in a.models[0].paths
    ] == [
        [(str(lit.factor.number), lit.strong) for lit in p.literals] for p in again.models[0].paths
    ]


def test_without_evidence_the_analysis_is_as_before(world):
    build(world, PROFILES)
    a = portfolio_analysis(organisation=world.a, settings=AnalysisSettings(factors=(2, 4)))
    assert [c.number for c in a.factors] == [2, 4]


def test_the_form_offers_the_evidence_and_refuses_others(world):
    # a link that names some settings: the others take their defaults
    form = AnalysisForm({"factors": ["2", "4"], "evidence": ["ev_end_users"]})
    assert form.is_valid(), form.errors
    assert form.settings().evidence == ("ev_end_users",)
    bad = AnalysisForm({"factors": ["2", "4"], "evidence": ["ev_made_up"]})
    assert not bad.is_valid() and "evidence" in bad.errors
    plain = AnalysisForm({"scope": "organisation"})
    assert plain.is_valid() and plain.settings().evidence == ()


def test_coverage_counts_running_projects_in_fixed_queries(world):
    m = world.member
    running = [make_project(world.a, m, title=f"Loopt {n}") for n in range(2)]
    done = make_project(world.a, m, title="Klaar")
    implement(done, m, on=TODAY)
    session(running[0], TODAY - datetime.timedelta(days=20))
    session(done, TODAY)  # not running: not counted
    team_member_set(
        project=running[1], by=m, user=world.other_member, team_role=TeamRole.PRIVACY_OFFICER
    )
    portfolio = Project.objects.filter(owner=world.a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            coverage = evidence_coverage(projects=portfolio, reference=TODAY)
        return coverage, len(ctx.captured_queries)

    coverage, first = count()
    rows = {r.key: r for r in coverage.rows}
    assert coverage.running == 3  # the two, and the world's own project
    assert (rows["ev_end_users"].count, rows["ev_end_users"].of) == (1, 3)
    assert rows["ev_end_users"].share == 1 / 3
    for n in range(5):
        p = make_project(world.a, m, title=f"Meer {n}")
        session(p, TODAY)
    coverage, later = count()
    assert later == first
    assert {r.key: r for r in coverage.rows}["ev_end_users"].count == 6
