"""The Django admin changes nothing behind the services' back: domain records are read-only
there, and what it may still change (organisations, roles) goes through the services and so
leaves history."""

import pytest
from django.contrib.auth import get_user_model

from koers.audit.models import ChangeRecord
from koers.organisations.models import Membership, Organisation
from koers.projects.models import Project, ProjectMember


@pytest.fixture
def staff(client, world):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-123456!")
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "model", ["projects/project", "assessments/scan", "actions/action", "framework/factor"]
)
def test_domain_records_can_be_read_but_not_added(client, staff, model):
    assert client.get(f"/admin/{model}/").status_code == 200
    assert client.get(f"/admin/{model}/add/").status_code == 403


def test_a_project_cannot_be_changed_or_deleted_in_the_admin(client, staff, world):
    url = f"/admin/projects/project/{world.project.pk}/"
    page = client.get(f"{url}change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.post(f"{url}change/", {"title": "Changed"}).status_code == 403
    assert client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    project = Project.objects.get(pk=world.project.pk)
    assert project.title == "Slim vegen"
    assert ProjectMember.objects.filter(project=project).exists()


def test_an_organisation_made_in_the_admin_is_recorded_with_its_members(client, staff, world):
    response = client.post(
        "/admin/organisations/organisation/add/",
        {
            "name": "Gemeente Ceestad",
            "slug": "ceestad",
            "kind": "municipality",
            "cbs_code": "GM0999",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": str(world.member.pk),
            "memberships-0-role": "coordinator",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    org = Organisation.objects.get(slug="ceestad")
    assert Membership.objects.get(organisation=org, user=world.member).role == "coordinator"
    # (Signing in is in the history too, on the user; this test is about the organisation.)
    actions = set(
        ChangeRecord.objects.filter(actor=staff)
        .exclude(content_type__model="user")
        .values_list("content_type__model", "action")
    )
    assert actions == {("organisation", "created"), ("membership", "created")}


def test_an_organisation_renamed_in_the_admin_is_recorded(client, staff, world):
    response = client.post(
        f"/admin/organisations/organisation/{world.a.pk}/change/",
        {
            "name": "Gemeente Aastad-Noord",
            "slug": world.a.slug,
            "kind": world.a.kind,
            "cbs_code": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    change = ChangeRecord.objects.get(actor=staff, action="updated")
    assert change.changes == {"name": ["Gemeente Aastad", "Gemeente Aastad-Noord"]}
    assert client.post(f"/admin/organisations/organisation/{world.a.pk}/delete/").status_code == 403
