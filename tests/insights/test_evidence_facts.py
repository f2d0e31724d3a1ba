"""The facts gathered from the other apps' records: partners by kind, budget and mandate,
team disciplines, personal data, steps with a result; as of a reference date; for many
projects in the same number of queries as for one; and the gap of factor 5 on the page."""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.evidence.models import EndUserSession, Step
from koers.insights.evidence import evidence_facts, evidence_facts_many
from koers.insights.evidence_coverage import evidence_coverage
from koers.partners.models import Partner
from koers.projects.models import BudgetLine, Mandate, Project, TeamRole
from koers.projects.services import team_member_set
from tests.factories import make_project

REF = datetime.date(2026, 6, 30)


def _records(project, *, on=datetime.date(2026, 3, 1)):
    Partner.objects.create(project=project, kind="supplier", name="Data BV", starts_on=on)
    Partner.objects.create(project=project, kind="chain_partner", name="Woonstad", starts_on=on)
    BudgetLine.objects.create(
        project=project, amount=1000, source="Fonds", starts_on=on, ends_on=REF
    )
    Mandate.objects.create(project=project, decided_on=on, decided_by="MT", scope="Pilot")
    Step.objects.create(
        project=project, goal="Eén wijk", started_on=on, planned_end=on, ended_on=on, result="redo"
    )
    Step.objects.create(project=project, goal="Lopend", started_on=on, planned_end=REF)
    EndUserSession.objects.create(project=project, kind="test", held_on=on, participants=5)


def test_the_record_as_of_the_reference_date(world):
    _records(world.project)
    Project.objects.filter(pk=world.project.pk).update(handles_personal_data=True)
    team_member_set(
        project=world.project, by=world.member, user=world.other_member, team_role="data_scientist"
    )
    facts = evidence_facts(project=Project.objects.get(pk=world.project.pk), reference=REF)
    assert facts.partners == {"supplier": 1, "chain_partner": 1}
    assert facts.has_budget and facts.has_mandate and facts.handles_personal_data
    assert (facts.steps_finished, facts.steps_redone) == (1, 1)  # the running one has no result
    assert facts.disciplines == frozenset({"data_analyst"})
    assert facts.leaders == 1 and facts.sessions == 1
    before = evidence_facts(project=world.project, reference=datetime.date(2026, 2, 1))
    assert before.partners == {} and not before.has_budget and not before.has_mandate
    assert before.steps_finished == 0 and before.sessions == 0


def test_many_projects_in_the_queries_of_one(world):
    def count(ids):
        with CaptureQueriesContext(connection) as ctx:
            facts = evidence_facts_many(projects=ids, reference=REF)
        return facts, len(ctx.captured_queries)

    _records(world.project)
    _facts, one = count([world.project.pk])
    others = [make_project(world.a, world.member, title=f"P{n}") for n in range(4)]
    for p in others:
        _records(p)
    facts, many = count([world.project.pk, *(p.pk for p in others)])
    assert many == one and len(facts) == 5


def test_personal_data_without_a_privacy_officer_is_a_gap_on_the_page(world):
    Project.objects.filter(pk=world.project.pk).update(handles_personal_data=True)
    client = Client()
    client.force_login(world.member)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("web:project", args=[world.project.pk])).content.decode()
    assert "Gap in the record" in body
    assert "The project handles personal data, but the team has no privacy officer." in body
    team_member_set(
        project=world.project,
        by=world.member,
        user=world.other_member,
        team_role=TeamRole.PRIVACY_OFFICER,
    )
    body = client.get(reverse("web:project", args=[world.project.pk])).content.decode()
    assert "Gap in the record" not in body


def test_coverage_asks_a_privacy_officer_only_where_personal_data_is_handled(world):
    with_data = make_project(world.a, world.member, title="Met persoonsgegevens")
    Project.objects.filter(pk=with_data.pk).update(handles_personal_data=True)
    coverage = evidence_coverage(projects=Project.objects.filter(owner=world.a), reference=REF)
    row = next(r for r in coverage.rows if r.key == "ev_privacy_officer")
    assert (row.count, row.of) == (0, 1)
