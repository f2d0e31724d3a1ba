"""A project's steps, end-user sessions, learning events, partners, budget lines and
mandates: to whoever may see the project's page, 404 for everyone else."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from koers.evidence.services import (
    end_user_session_create,
    learning_event_create,
    step_create,
)
from koers.partners.services import partner_add
from koers.projects.models import Visibility
from koers.projects.room import budget_line_add, mandate_add
from tests.factories import make_project

from .conftest import token_client
from .flat import queries_of

PARTS = ("steps", "end-user-sessions", "learning-events", "partners", "budget-lines", "mandates")
DAY = datetime.date(2026, 3, 2)


def record_everything(project, by, n: int = 1) -> None:
    for i in range(n):
        step_create(
            project=project,
            by=by,
            goal=f"Prototype {i}",
            started_on=DAY,
            planned_end=DAY + datetime.timedelta(days=14),
        )
        end_user_session_create(
            project=project, by=by, kind="test", held_on=DAY, participants=5, audience="Wijkteam"
        )
        learning_event_create(
            project=project, by=by, kind="retrospective", held_on=DAY, lesson=f"Les {i}"
        )
        partner_add(
            project=project,
            by=by,
            kind="supplier",
            name=f"Leverancier {i}",
            starts_on=DAY,
            brings=["technology", "data"],
        )
        budget_line_add(
            project=project,
            by=by,
            amount=Decimal("12500.50"),
            source="Innovatiefonds",
            starts_on=DAY,
            ends_on=DAY + datetime.timedelta(days=365),
        )
        mandate_add(project=project, by=by, decided_on=DAY, decided_by="CIO", scope="Pilot")


def test_every_record_as_the_page_has_it(world, org_reader):
    record_everything(world.project, world.member)
    pk = world.project.pk
    first = {part: org_reader.get(f"/api/v1/projects/{pk}/{part}").json() for part in PARTS}
    for part, body in first.items():
        assert body["count"] == 1 and body["results"][0]["project"] == pk, part
    assert first["steps"]["results"][0]["goal"] == "Prototype 0"
    assert first["steps"]["results"][0]["result"] == ""
    assert first["end-user-sessions"]["results"][0]["participants"] == 5
    assert first["learning-events"]["results"][0]["lesson"] == "Les 0"
    partner = first["partners"]["results"][0]
    assert (partner["name"], partner["brings"]) == ("Leverancier 0", ["technology", "data"])
    assert first["budget-lines"]["results"][0]["amount"] == 12500.5
    assert first["mandates"]["results"][0]["decidedBy"] == "CIO"


@pytest.mark.parametrize("part", PARTS)
def test_another_organisations_project_is_404(world, part):
    hidden = make_project(world.b, world.b_member, visibility=Visibility.ORGANISATION)
    record_everything(hidden, world.b_member)
    response = token_client(world.a, "read").get(f"/api/v1/projects/{hidden.pk}/{part}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("part", PARTS)
def test_unknown_parameter_400(world, org_reader, part):
    response = org_reader.get(f"/api/v1/projects/{world.project.pk}/{part}?since=2026")
    assert response.status_code == 400
    assert response.json()["invalid-params"][0]["name"] == "since"


def test_the_page_shows_them_too(world):
    """The table test (test_visibility_matrix) compares who may read; these are the same
    records the page shows."""
    record_everything(world.project, world.member)
    page = Client()
    page.force_login(world.viewer)
    html = page.get(f"/projects/{world.project.pk}/").content.decode()
    for text in ("Prototype 0", "Wijkteam", "Les 0", "Leverancier 0", "Innovatiefonds", "Pilot"):
        assert text in html, text


@pytest.mark.parametrize("part", PARTS)
def test_queries_do_not_grow(world, org_reader, part, django_assert_max_num_queries):
    url = f"/api/v1/projects/{world.project.pk}/{part}?pageSize=100"
    record_everything(world.project, world.member, 1)
    few = queries_of(org_reader, url)
    record_everything(world.project, world.member, 6)
    with django_assert_max_num_queries(few):
        assert org_reader.get(url).json()["count"] == 7
