"""Projects through the API: visibility as on the pages, filters, pages, problems, ETags."""

import pytest

from koers.projects.models import Project, Visibility
from koers.projects.services import project_update
from tests.factories import make_project

from .conftest import token_client

PROBLEM = "application/problem+json"


def test_without_a_token_401_problem(client, world):
    response = client.get("/api/v1/projects")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"] == "1.0.0"
    assert response["WWW-Authenticate"] == "Token"
    body = response.json()
    assert body["status"] == 401 and body["title"] == "Unauthorized"


def test_a_wrong_token_401(client, world):
    response = client.get("/api/v1/projects", HTTP_AUTHORIZATION="Token koers_nothing")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


def test_read_token_lists_what_its_organisation_may_see(world, org_reader):
    own_team_only = make_project(world.a, world.member, visibility=Visibility.TEAM)
    b_org = make_project(world.b, world.b_member, visibility=Visibility.ORGANISATION)
    b_network = make_project(world.b, world.b_member, visibility=Visibility.NETWORK)
    response = org_reader.get("/api/v1/projects")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    ids = {p["id"] for p in response.json()["results"]}
    assert world.project.pk in ids
    assert b_network.pk in ids
    assert b_org.pk not in ids
    assert own_team_only.pk not in ids  # a viewer's sight: team-only stays with the team


def test_write_token_acts_as_coordinator_and_sees_team_only(world):
    own_team_only = make_project(world.a, world.member, visibility=Visibility.TEAM)
    response = token_client(world.a, "write").get("/api/v1/projects")
    assert own_team_only.pk in {p["id"] for p in response.json()["results"]}


def test_personal_token_sees_as_its_person_in_its_organisation(world):
    team_only = make_project(world.a, world.member, visibility=Visibility.TEAM)
    mine = token_client(world.a, "read", user=world.member)
    ids = {p["id"] for p in mine.get("/api/v1/projects").json()["results"]}
    assert team_only.pk in ids
    other = token_client(world.a, "read", user=world.other_member)
    ids = {p["id"] for p in other.get("/api/v1/projects").json()["results"]}
    assert team_only.pk not in ids


def test_unknown_parameter_and_invalid_value_400(world, org_reader):
    response = org_reader.get("/api/v1/projects?bogus=1")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["invalid-params"] == [
        {"name": "bogus", "reason": "Onbekende queryparameter."}  # Dutch by default
    ]
    response = org_reader.get("/api/v1/projects?stage=nowhere&pageSize=0")
    names = {p["name"] for p in response.json()["invalid-params"]}
    assert response.status_code == 400 and names == {"stage", "pageSize"}


def test_filters(world, org_reader):
    project = make_project(world.a, world.member)
    Project.objects.filter(pk=project.pk).update(domain="social", stage="experiment")
    response = org_reader.get("/api/v1/projects?stage=experiment&domain=social")
    assert [p["id"] for p in response.json()["results"]] == [project.pk]
    assert org_reader.get("/api/v1/projects?domain=safety").json()["count"] == 0
    later = org_reader.get("/api/v1/projects?updatedSince=2999-01-01T00:00:00Z").json()
    assert later["count"] == 0


def test_pages_with_links(world, org_reader):
    for _ in range(4):
        make_project(world.a, world.member)
    first = org_reader.get("/api/v1/projects?pageSize=2").json()
    assert first["count"] == 5 and len(first["results"]) == 2
    assert first["_links"]["prev"] is None
    assert "page=2" in first["_links"]["next"]["href"]
    assert "page=3" in first["_links"]["last"]["href"]
    last = org_reader.get(first["_links"]["last"]["href"]).json()
    assert len(last["results"]) == 1 and last["_links"]["next"] is None
    assert org_reader.get("/api/v1/projects?page=9").status_code == 404


def test_list_queries_do_not_grow(world, org_reader, django_assert_max_num_queries):
    for _ in range(6):
        make_project(world.a, world.member)
    with django_assert_max_num_queries(12):
        assert org_reader.get("/api/v1/projects").status_code == 200


def test_detail_and_404_for_what_is_not_visible(world, org_reader):
    response = org_reader.get(f"/api/v1/projects/{world.project.pk}")
    assert response.status_code == 200
    assert response["ETag"] == f'"{world.project.version}"'
    assert response.json()["organisation"] == world.a.slug
    hidden = make_project(world.b, world.b_member, visibility=Visibility.ORGANISATION)
    for path in (f"/api/v1/projects/{hidden.pk}", "/api/v1/projects/99999999999999999999"):
        response = org_reader.get(path)
        assert response.status_code == 404 and response["Content-Type"] == PROBLEM


def test_trailing_slash_and_unknown_address_are_404_problems(world, org_reader):
    for path in ("/api/v1/projects/", "/api/v1/nothing"):
        response = org_reader.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
        assert response["API-Version"] == "1.0.0"


def _patch(client, pk, data, **headers):
    return client.patch(
        f"/api/v1/projects/{pk}", data, content_type="application/json", headers=headers
    )


def test_update_needs_if_match_and_refuses_stale(world, org_writer):
    pk = world.project.pk
    assert _patch(org_writer, pk, {"title": "Nieuw"}).status_code == 428
    etag = org_writer.get(f"/api/v1/projects/{pk}")["ETag"]
    project_update(
        project=world.project, by=world.coordinator, expected_version=1, title="Tussendoor"
    )
    stale = _patch(org_writer, pk, {"title": "Nieuw"}, if_match=etag)
    assert stale.status_code == 412 and stale["Content-Type"] == PROBLEM
    assert Project.objects.get(pk=pk).title == "Tussendoor"
    fresh = org_writer.get(f"/api/v1/projects/{pk}")["ETag"]
    done = _patch(org_writer, pk, {"title": "Nieuw"}, if_match=fresh)
    assert done.status_code == 200 and done.json()["title"] == "Nieuw"
    assert done["ETag"] != fresh


def test_update_is_on_record_with_the_token_as_author(world):
    from koers.audit.models import ChangeRecord

    writer = token_client(world.a, "write", user=world.member)
    etag = writer.get(f"/api/v1/projects/{world.project.pk}")["ETag"]
    assert (
        _patch(writer, world.project.pk, {"title": "Via de API"}, if_match=etag).status_code == 200
    )
    record = ChangeRecord.objects.filter(object_id=world.project.pk, action="updated").last()
    assert record.actor == world.member


def test_update_invalid_value_400_with_api_names(world, org_writer):
    etag = org_writer.get(f"/api/v1/projects/{world.project.pk}")["ETag"]
    response = _patch(org_writer, world.project.pk, {"domain": "moon"}, if_match=etag)
    assert response.status_code == 400
    assert response.json()["invalid-params"][0]["name"] == "domain"


@pytest.mark.parametrize("scope", ["read"])
def test_read_token_cannot_write(world, scope):
    reader = token_client(world.a, scope, user=world.member)
    response = _patch(reader, world.project.pk, {"title": "x"}, if_match='"1"')
    assert response.status_code == 403 and response["Content-Type"] == PROBLEM


def test_viewer_role_cannot_write_even_with_a_write_token(world):
    from koers.organisations.models import Membership, Role

    member = token_client(world.a, "write", user=world.member)
    Membership.objects.filter(user=world.member).update(role=Role.VIEWER)
    etag = member.get(f"/api/v1/projects/{world.project.pk}")["ETag"]
    response = _patch(member, world.project.pk, {"title": "x"}, if_match=etag)
    assert response.status_code == 403
