"""Writes: a stage move and an action's status, through the pages' services, guarded with
ETag / If-Match (428 without, 412 when stale, nothing overwritten), in the history with the
token's owner as author, and only with a `write` token."""

import pytest

from koers.actions.models import Action
from koers.actions.services import action_create, action_update
from koers.audit.models import ChangeRecord
from koers.projects.models import Project, Visibility
from koers.projects.services import project_update
from tests.factories import make_project

from .conftest import token_client

PROBLEM = "application/problem+json"


def move(client, pk, data, **headers):
    return client.post(
        f"/api/v1/projects/{pk}/stage-events", data, content_type="application/json", **headers
    )


def change(client, pk, data, **headers):
    return client.patch(f"/api/v1/actions/{pk}", data, content_type="application/json", **headers)


def etag(client, url):
    return client.get(url)["ETag"]


def test_stage_move_with_if_match(world):
    writer = token_client(world.a, "write", user=world.member)
    pk = world.project.pk
    assert move(writer, pk, {"toStage": "experiment"}).status_code == 428
    tag = etag(writer, f"/api/v1/projects/{pk}")
    project_update(project=world.project, by=world.member, expected_version=1, title="Tussendoor")
    stale = move(writer, pk, {"toStage": "experiment"}, HTTP_IF_MATCH=tag)
    assert stale.status_code == 412 and stale["Content-Type"] == PROBLEM
    assert Project.objects.get(pk=pk).stage == "idea"

    fresh = etag(writer, f"/api/v1/projects/{pk}")
    done = move(writer, pk, {"toStage": "experiment", "note": "Proef"}, HTTP_IF_MATCH=fresh)
    assert done.status_code == 201
    assert (done.json()["fromStage"], done.json()["toStage"]) == ("idea", "experiment")
    assert done["ETag"] != fresh and done["ETag"] == etag(writer, f"/api/v1/projects/{pk}")
    assert Project.objects.get(pk=pk).stage == "experiment"
    record = ChangeRecord.objects.filter(object_id=pk, action="stage").order_by("-id").first()
    assert record.actor == world.member


def test_stage_move_refused_by_the_lifecycle_is_400(world):
    writer = token_client(world.a, "write", user=world.member)
    pk = world.project.pk
    tag = etag(writer, f"/api/v1/projects/{pk}")
    refused = move(writer, pk, {"toStage": "implemented"}, HTTP_IF_MATCH=tag)
    assert refused.status_code == 400 and refused["Content-Type"] == PROBLEM
    assert refused.json()["invalid-params"][0]["name"] == "toStage"
    stop = move(writer, pk, {"toStage": "stopped"}, HTTP_IF_MATCH=tag)
    assert stop.status_code == 400
    assert stop.json()["invalid-params"][0]["name"] == "note"
    bogus = move(writer, pk, {"toStage": "moon"}, HTTP_IF_MATCH=tag)
    assert bogus.status_code == 400
    assert Project.objects.get(pk=pk).stage == "idea"


def test_action_status_with_if_match(world):
    action = action_create(project=world.project, by=world.member, title="Data op orde")
    writer = token_client(world.a, "write")  # an organisation token: a coordinator's rights
    url = f"/api/v1/actions/{action.pk}"
    assert change(writer, action.pk, {"status": "doing"}).status_code == 428
    tag = etag(writer, url)
    assert tag == '"1"'
    action_update(action=action, by=world.member, expected_version=1, title="Data eerst")
    stale = change(writer, action.pk, {"status": "doing"}, HTTP_IF_MATCH=tag)
    assert stale.status_code == 412 and stale["Content-Type"] == PROBLEM
    assert Action.objects.get(pk=action.pk).status == "planned"

    done = change(writer, action.pk, {"status": "doing"}, HTTP_IF_MATCH=etag(writer, url))
    assert done.status_code == 200 and done.json()["status"] == "doing"
    assert done.json()["title"] == "Data eerst"
    assert done["ETag"] == '"3"'
    record = (
        ChangeRecord.objects.filter(object_id=action.pk, action="updated").order_by("-id").first()
    )
    assert record.actor.username.startswith("api-token-")  # the organisation token's account
    assert record.changes["status"] == ["planned", "doing"]
    invalid = change(writer, action.pk, {"status": "someday"}, HTTP_IF_MATCH=done["ETag"])
    assert invalid.status_code == 400
    assert invalid.json()["invalid-params"][0]["name"] == "status"


@pytest.mark.parametrize("who", ["read_token", "viewer", "other_member", "b_coordinator"])
def test_who_may_not_write(world, who):
    """A read token is 403 whatever its person; a viewer or someone off the team may not edit
    (403); another organisation does not see a project of A's organisation (404)."""
    action = action_create(project=world.project, by=world.member, title="Data op orde")
    if who == "read_token":
        client, expected = token_client(world.a, "read", user=world.member), 403
    elif who == "b_coordinator":
        client, expected = token_client(world.b, "write", user=world.b_coordinator), 404
    else:
        client, expected = token_client(world.a, "write", user=getattr(world, who)), 403
    project_tag, action_tag = f'"{world.project.version}"', '"1"'
    refused = move(client, world.project.pk, {"toStage": "experiment"}, HTTP_IF_MATCH=project_tag)
    assert refused.status_code == expected and refused["Content-Type"] == PROBLEM
    refused = change(client, action.pk, {"status": "done"}, HTTP_IF_MATCH=action_tag)
    assert refused.status_code == expected
    assert Project.objects.get(pk=world.project.pk).stage == "idea"
    assert Action.objects.get(pk=action.pk).status == "planned"


def test_a_hidden_project_is_404_for_a_write_token_too(world):
    hidden = make_project(world.b, world.b_member, visibility=Visibility.ORGANISATION)
    writer = token_client(world.a, "write")
    assert (
        move(writer, hidden.pk, {"toStage": "experiment"}, HTTP_IF_MATCH='"1"').status_code == 404
    )
