"""The dashboard on a small hand-computed portfolio; who may see it; network figures only
from five organisations; a query count that does not grow with the data."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.actions.models import ActionStatus
from koers.actions.services import action_create
from koers.assessments.models import Response
from koers.assessments.services import response_save, scan_indicators, scan_start
from koers.insights.selectors import DashboardFilter, dashboard_get
from koers.insights.summary import dashboard_summary
from koers.organisations.models import Role
from koers.projects.models import Project, Visibility
from koers.projects.services import project_move_stage
from tests.factories import OrganisationFactory, make_project, member


def scored(project, by, value_for_factor):
    scan = scan_start(project=project, by=by, respondents=[by])
    response = Response.objects.get(scan=scan)
    answers = {i.pk: value_for_factor(i.factor.number) for i in scan_indicators(scan)}
    response_save(
        response=response, by=by, answers=answers, notes={}, expected_version=1, submit=True
    )
    return scan


@pytest.fixture
def portfolio(world):
    """Three projects of A: an idea, an implemented one, a stopped experiment."""
    m, c = world.member, world.coordinator
    idea = world.project  # stays an idea; factor 8 weakest
    scored(idea, m, lambda n: 1 if n == 8 else 4)
    done = make_project(world.a, m, title="Klaar")
    for stage in ("experiment", "development", "implemented"):
        project_move_stage(project=done, by=m, to=stage)
    scored(done, m, lambda n: 2 if n == 8 else 5)
    stopped = make_project(world.a, m, title="Gestopt")
    project_move_stage(project=stopped, by=m, to="experiment")
    project_move_stage(project=stopped, by=m, to="stopped", note="Geen budget")
    scored(stopped, m, lambda n: 1 if n == 3 else 3)
    action_create(project=done, by=c, title="A", factor_number=8, status=ActionStatus.DONE)
    action_create(
        project=idea,
        by=c,
        title="B",
        factor_number=8,
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    action_create(project=idea, by=c, title="C", factor_number=3)
    return world


def test_figures_of_a_small_portfolio(portfolio):
    d = dashboard_get(
        user=portfolio.coordinator, organisation=portfolio.a, filters=DashboardFilter()
    )
    counts = {stage: n for stage, _label, n in d.stage_counts}
    assert (d.total, counts["idea"], counts["implemented"], counts["stopped"]) == (3, 1, 1, 1)
    year = timezone.localdate().year
    assert [(c.year, c.experiment, c.development, c.implemented) for c in d.cohorts] == [
        (year, 2, 1, 1)
    ]
    assert d.weakest == {8: 2, 3: 1}
    # Latest scores: idea f8 = 0, implemented f8 = 25, stopped f3 = 0 and others 50.
    assert d.profile["idea"][8] == 0.0 and d.profile["implemented"][8] == 25.0
    assert d.profile["stopped"][3] == 0.0 and d.profile["stopped"][1] == 50.0
    assert d.actions[8] == {"open": 1, "overdue": 1, "done": 1}
    assert d.actions[3] == {"open": 1, "overdue": 0, "done": 0}
    assert d.stalls == []  # everything happened today
    summary = " ".join(dashboard_summary(d))
    assert "1 of 3 projects is implemented" in summary
    assert "Factor 8" in summary and "weakest in 2 projects" in summary
    assert "1 action is overdue" in summary


def test_stalls_oldest_first(portfolio):
    old = timezone.localdate() - datetime.timedelta(weeks=30)
    Project.objects.filter(pk=portfolio.project.pk).update(stage_since=old)
    portfolio.project.scans.update(opened_on=old)
    portfolio.project.actions.update(updated_at=timezone.now() - datetime.timedelta(weeks=30))
    d = dashboard_get(
        user=portfolio.coordinator, organisation=portfolio.a, filters=DashboardFilter()
    )
    assert [s.project["id"] for s in d.stalls] == [portfolio.project.pk]
    assert d.stalls[0].weakest == 8
    longer = DashboardFilter(stall_weeks=40)
    assert (
        dashboard_get(user=portfolio.coordinator, organisation=portfolio.a, filters=longer).stalls
        == []
    )


def test_filters_narrow_the_portfolio(portfolio):
    d = dashboard_get(
        user=portfolio.coordinator,
        organisation=portfolio.a,
        filters=DashboardFilter(domain="social"),
    )
    assert d.total == 0


@pytest.mark.parametrize("who", ["member", "viewer", "b_coordinator"])
def test_only_coordinators_of_the_organisation(portfolio, who):
    with pytest.raises(PermissionDenied):
        dashboard_get(
            user=getattr(portfolio, who), organisation=portfolio.a, filters=DashboardFilter()
        )
    client = Client()
    client.force_login(getattr(portfolio, who))
    assert client.get(reverse("web:dashboard", args=[portfolio.a.slug])).status_code == 404


def test_network_figures_only_from_five_other_organisations(portfolio):
    def other_org(i):
        org = OrganisationFactory()
        user = member(org, Role.MEMBER)
        project = make_project(org, user, visibility=Visibility.NETWORK, title=f"Netwerk {i}")
        scored(project, user, lambda n: 5)
        # A private project of the same organisation never counts.
        private = make_project(org, user, visibility=Visibility.ORGANISATION, title=f"Privé {i}")
        scored(private, user, lambda n: 1)

    for i in range(4):
        other_org(i)
    d = dashboard_get(
        user=portfolio.coordinator, organisation=portfolio.a, filters=DashboardFilter()
    )
    assert set(d.network.values()) == {None}
    other_org(4)
    d = dashboard_get(
        user=portfolio.coordinator, organisation=portfolio.a, filters=DashboardFilter()
    )
    assert set(d.network.values()) == {None}  # the network's figures are kept a while
    cache.clear()  # ... until they expire
    d = dashboard_get(
        user=portfolio.coordinator, organisation=portfolio.a, filters=DashboardFilter()
    )
    assert d.network[1] == 100.0  # only the shared projects, only of other organisations


def test_dashboard_page_and_its_query_count(portfolio):
    client = Client()
    client.force_login(portfolio.coordinator)
    url = reverse("web:dashboard", args=[portfolio.a.slug])

    def count():
        cache.clear()  # count the network's query too
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url + "?sort=f8")
            assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    small, body = count()
    assert "Klaar" in body and "<rect" in body
    assert not re.search(r'(width|x|y)="\d+,\d', body)  # SVG numbers never get a decimal comma
    for i in range(10):
        p = make_project(portfolio.a, portfolio.member, title=f"Extra {i}")
        scored(p, portfolio.member, lambda n: 3)
        action_create(project=p, by=portfolio.member, title="X", factor_number=2)
    large, _ = count()
    assert large == small
    assert client.get(reverse("web:dashboard_home")).status_code == 302
