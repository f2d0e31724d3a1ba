"""The stalled-projects query (My tasks, the coordinators' overview) agrees with the
dashboard's stalled table, project for project, on a generated demo portfolio."""

import datetime
from zoneinfo import ZoneInfo

from koers.demo.generator import generate
from koers.insights.selectors import DashboardFilter, dashboard_build
from koers.insights.stalls import last_activity, stalled_projects
from koers.organisations.models import Organisation
from koers.projects.models import Project

TODAY = datetime.date(2026, 11, 1)


def test_stalled_projects_match_the_dashboard(framework, monkeypatch):
    noon = datetime.datetime.combine(TODAY, datetime.time(12), ZoneInfo("Europe/Amsterdam"))
    monkeypatch.setattr("django.utils.timezone.now", lambda: noon)
    generate(seed=3, organisations=3, projects_per_org=12, today=TODAY)
    found = 0
    for org in Organisation.objects.all():
        dashboard = dashboard_build(organisation=org, filters=DashboardFilter())
        expected = {s.project["id"]: s.last_activity for s in dashboard.stalls}
        stalled = stalled_projects(Project.objects.filter(owner=org), today=TODAY)
        assert {p.pk: last_activity(p) for p in stalled} == expected
        found += len(expected)
    assert found > 0  # the demo has stalled projects, so the comparison says something
