"""One table: who sees which project, by role, visibility and organisation, on the project
page and in the API alike (both read through koers.projects.access); the project's records
(evidence, partners, budget, mandates, ...) follow the project. A second table does the same
for questions (koers.questions.access), a third for the coordinator's pages (the portfolio
dashboard and the register page) and their figures and records in the API."""

import pytest
from django.test import Client

from koers.projects.models import Visibility
from koers.questions.services import question_submit
from tests.factories import make_project

from .conftest import token_client

# person (attribute of the `world` fixture) -> visibilities of A's project they may see.
# world.member leads the project; world.other_member is a member of A on no team.
SEES = {
    "viewer": {"organisation", "network", "public"},
    "other_member": {"organisation", "network", "public"},
    "member": {"team", "organisation", "network", "public"},
    "coordinator": {"team", "organisation", "network", "public"},
    "b_member": {"network", "public"},
    "b_coordinator": {"network", "public"},
}
ORGANISATION_OF = {"b_member": "b", "b_coordinator": "b"}
# What the project page shows of a project, each a list under /api/v1/projects/{id}/.
PROJECT_PARTS = (
    "stage-events",
    "team",
    "scans",
    "actions",
    "steps",
    "end-user-sessions",
    "learning-events",
    "partners",
    "budget-lines",
    "mandates",
)
# person -> visibilities of A's question they may see (the asker is world.member).
SEES_QUESTION = {
    "viewer": {"organisation", "network"},
    "other_member": {"organisation", "network"},
    "member": {"organisation", "network"},
    "coordinator": {"organisation", "network"},
    "b_member": {"network"},
    "b_coordinator": {"network"},
}


@pytest.mark.parametrize("visibility", Visibility.values)
@pytest.mark.parametrize("person", SEES)
def test_page_and_api_agree_with_the_table(world, person, visibility):
    project = make_project(world.a, world.member, visibility=visibility)
    user = getattr(world, person)
    expected = 200 if visibility in SEES[person] else 404

    page = Client()
    page.force_login(user)
    assert page.get(f"/projects/{project.pk}/").status_code == expected

    organisation = getattr(world, ORGANISATION_OF.get(person, "a"))
    api = token_client(organisation, "read", user=user)
    assert api.get(f"/api/v1/projects/{project.pk}").status_code == expected
    for part in PROJECT_PARTS:
        assert api.get(f"/api/v1/projects/{project.pk}/{part}").status_code == expected, part
    listed = {p["id"] for p in api.get("/api/v1/projects?pageSize=100").json()["results"]}
    assert (project.pk in listed) == (expected == 200)


@pytest.mark.parametrize("visibility", Visibility.values)
@pytest.mark.parametrize("organisation,scope", [("a", "read"), ("a", "write"), ("b", "read")])
def test_organisation_tokens(world, visibility, organisation, scope):
    """An organisation token reads as a viewer (read) or coordinator (write) of its own."""
    project = make_project(world.a, world.member, visibility=visibility)
    if organisation == "b":
        sees = visibility in {"network", "public"}
    elif scope == "read":
        sees = visibility != "team"
    else:
        sees = True
    api = token_client(getattr(world, organisation), scope)
    assert api.get(f"/api/v1/projects/{project.pk}").status_code == (200 if sees else 404)


@pytest.mark.parametrize("visibility", ["organisation", "network"])
@pytest.mark.parametrize("person", SEES_QUESTION)
def test_question_page_and_api_agree_with_the_table(world, person, visibility):
    question = question_submit(
        organisation=world.a,
        by=world.member,
        title="Waar staan de lantaarnpalen?",
        domain="physical",
        frequency="weekly",
        visibility=visibility,
    )
    user = getattr(world, person)
    expected = 200 if visibility in SEES_QUESTION[person] else 404

    page = Client()
    page.force_login(user)
    assert page.get(f"/questions/{question.pk}/").status_code == expected

    api = token_client(getattr(world, ORGANISATION_OF.get(person, "a")), "read", user=user)
    assert api.get(f"/api/v1/questions/{question.pk}").status_code == expected
    listed = {q["id"] for q in api.get("/api/v1/questions?pageSize=100").json()["results"]}
    assert (question.pk in listed) == (expected == 200)


# The dashboard and the register page: the organisation's coordinators only, 404 for the rest.
COORDINATOR_PAGES = {
    "/dashboard/{}/": "/api/v1/organisations/{}/portfolio-figures",
    "/organisations/{}/algoritmeregister/": "/api/v1/organisations/{}/register-records",
}


@pytest.mark.parametrize("page_url", COORDINATOR_PAGES)
@pytest.mark.parametrize("person", SEES)
def test_coordinator_pages_and_api_agree(world, person, page_url):
    user = getattr(world, person)
    expected = 200 if person == "coordinator" else 404
    page = Client()
    page.force_login(user)
    assert page.get(page_url.format(world.a.slug)).status_code == expected
    api = token_client(getattr(world, ORGANISATION_OF.get(person, "a")), "read", user=user)
    assert api.get(COORDINATOR_PAGES[page_url].format(world.a.slug)).status_code == expected
