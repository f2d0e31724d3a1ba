"""What the project leader's pages cost: a bounded number of queries whatever the data, and
what they read once (the team, the framework's content, the demo flag) still right after a
change."""

import datetime
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from koers.actions.services import action_create
from koers.assessments.models import Response
from koers.assessments.services import scan_close, scan_indicators, scan_start
from koers.framework.selectors import factors_of_version
from koers.framework.services import framework_load
from koers.organisations.models import Membership, Role
from koers.projects.models import TeamRole
from koers.projects.room import budget_line_add
from koers.projects.services import team_member_remove, team_member_set
from tests.factories import OrganisationFactory, framework_data, member, submitted_scan, variant

# Counted on the page of a project with a result, a previous scan, actions, records and a
# team, on SQLite and PostgreSQL alike. Before the pages read the team, the framework and the
# demo flag once: 55 on the page, 14 on the form and 25 on its save (national scale).
PROJECT_PAGE_QUERIES = 39
ANSWER_FORM_QUERIES = 12
ANSWER_SAVE_QUERIES = 22


def client_for(user, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def _fill(world, n: int) -> None:
    if n == 0:
        team_member_set(
            project=world.project, by=world.member, user=world.other_member,
            team_role=TeamRole.DATA_SCIENTIST,
        )  # fmt: skip
    action_create(project=world.project, by=world.member, title=f"Actie {n}")
    budget_line_add(
        project=world.project, by=world.member, amount=Decimal(n + 1), source=f"Fonds {n}",
        starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31),
    )  # fmt: skip
    submitted_scan(world.project, world.member, value=2 + n % 3)


def test_the_project_page_stays_within_its_queries(world, django_assert_max_num_queries):
    url = reverse("web:project", args=[world.project.pk])
    for n in range(2):
        _fill(world, n)
    for user in (world.member, world.coordinator, world.viewer):
        client = client_for(user)
        client.get(url)  # the framework's content is read once a process; the analysis kept
        with django_assert_max_num_queries(PROJECT_PAGE_QUERIES):
            assert client.get(url).status_code == 200
    for n in range(2, 8):
        _fill(world, n)
    client = client_for(world.member)
    client.get(url)  # the tests' task backend computes the new data's analysis in this request
    with django_assert_max_num_queries(PROJECT_PAGE_QUERIES):
        assert client.get(url).status_code == 200


def _open_answer(world):
    scan = scan_start(project=world.project, by=world.member, respondents=[world.member])
    return scan, Response.objects.get(scan=scan), reverse("web:scan_answer", args=[scan.pk])


def test_the_answer_form_and_its_draft_save_stay_within_their_queries(
    world, django_assert_max_num_queries
):
    for n in range(3):
        _fill(world, n)
    scan, response, url = _open_answer(world)
    client = client_for(world.member)
    client.get(url)
    with django_assert_max_num_queries(ANSWER_FORM_QUERIES):
        page = client.get(url)
    body = page.content.decode()
    first = scan_indicators(scan)[0]
    # The radio buttons as Django's RadioSelect writes them, one per answer.
    assert f'<input type="radio" name="i{first.pk}" value="1" id="id_i{first.pk}_0">' in body
    data = {f"i{i.pk}": "3" for i in scan_indicators(scan)}
    with django_assert_max_num_queries(ANSWER_SAVE_QUERIES):
        saved = client.post(url, {**data, "version": response.version, "draft": "1"})
    assert saved.status_code == 302
    again = client.get(url).content.decode()
    assert f'name="i{first.pk}" value="3" id="id_i{first.pk}_2" checked>' in again
    assert Response.objects.get(pk=response.pk).answers.count() == len(data)


def test_a_new_framework_version_shows_its_own_statements(world):
    """The framework's content is kept in the process per version; a version loaded later is
    read afresh, and a scan keeps the texts of the version it was opened on."""
    client = client_for(world.member)
    old_scan, _response, old_url = _open_answer(world)
    assert "Statement 1.1 (en)" in client.get(old_url).content.decode()
    scan_close(scan=old_scan, by=world.member)
    data = variant(framework_data(version=2))
    data["factors"][0]["indicators"][0]["text"] = {"nl": "Nieuw (nl)", "en": "New wording (en)"}
    framework_load(raw=json.dumps(data).encode())
    _new_scan, _r, new_url = _open_answer(world)
    page = client.get(new_url).content.decode()
    assert "New wording (en)" in page and "Statement 1.1 (en)" not in page
    old_scan.refresh_from_db()
    old_texts = [
        i.text for f in factors_of_version(old_scan.framework_version) for i in f.indicators.all()
    ]
    assert "Statement 1.1 (en)" in old_texts and "New wording (en)" not in old_texts


def test_rights_read_from_the_team_follow_a_change_of_the_team(world):
    """can_edit and can_lead read the team the page loaded: after a change, the next page
    shows the new rights."""
    url = reverse("web:project", args=[world.project.pk])
    client = client_for(world.other_member)
    page = client.get(url).content.decode()
    assert "Edit project" not in page and "Archive the project" not in page
    team_member_set(
        project=world.project, by=world.member, user=world.other_member,
        team_role=TeamRole.PROJECT_LEADER,
    )  # fmt: skip
    page = client.get(url).content.decode()
    assert "Edit project" in page and "Archive the project" in page
    team_member_set(
        project=world.project, by=world.member, user=world.other_member,
        team_role=TeamRole.DATA_SCIENTIST,
    )  # fmt: skip
    page = client.get(url).content.decode()
    assert "Edit project" in page and "Archive the project" not in page
    team_member_remove(project=world.project, by=world.member, user=world.other_member)
    page = client.get(url).content.decode()
    assert "Edit project" not in page and "Move to another stage" not in page


@pytest.mark.parametrize("demo", [True, False])
def test_the_demo_banner_follows_the_organisation(db, demo):
    person = member(OrganisationFactory(is_demo=False), Role.MEMBER)
    Membership.objects.create(
        user=person, organisation=OrganisationFactory(is_demo=demo), role=Role.VIEWER
    )
    page = client_for(person).get(reverse("web:home")).content.decode()
    assert ("are fictional" in page) is demo
