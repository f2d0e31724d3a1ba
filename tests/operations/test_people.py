"""People leave: deleting a person or an organisation never silently takes projects, answers
or history with it (the records are protected), and a person who leaves is anonymised: name,
e-mail, username and password gone, their answers still counted, the history still whole."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db.models import ProtectedError
from django.utils import timezone

from koers.accounts.models import Invitation
from koers.assessments.models import FactorScore, Response
from koers.audit.models import ChangeRecord
from koers.audit.services import change_record
from koers.operations.services import user_anonymise
from koers.organisations.models import Membership
from koers.projects.models import Project, ProjectMember
from koers.projects.services import team_member_set
from tests.factories import OrganisationFactory, member, submitted_scan


@pytest.fixture
def leaver(world):
    """world.other_member: co-leader of the project, answered its scan, was invited by mail."""
    world.other_member.email = "piet@aastad.nl"
    world.other_member.save()
    team_member_set(
        project=world.project, by=world.member, user=world.other_member, team_role="project_leader"
    )
    world.project = Project.objects.get(pk=world.project.pk)  # the team as it is now
    world.scan = submitted_scan(world.project, world.other_member, value=5)
    invitation = Invitation.objects.create(
        email="piet@aastad.nl",
        name="Piet",
        organisation=world.a,
        token_hash="x" * 64,
        invited_by=world.coordinator,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    change_record(
        actor=world.coordinator,
        obj=invitation,
        action="created",
        changes={"email": "piet@aastad.nl", "role": "member"},
    )
    return world.other_member


def test_a_person_with_answers_cannot_be_deleted(world, leaver):
    with pytest.raises(ProtectedError):
        leaver.delete()
    assert Response.objects.filter(respondent=leaver).exists()


def test_an_organisation_with_projects_or_members_cannot_be_deleted(world):
    with pytest.raises(ProtectedError):
        world.a.delete()  # projects
    empty = OrganisationFactory()
    member(empty)
    with pytest.raises(ProtectedError):
        empty.delete()  # only a member
    assert world.a.projects.count() == 1 and Membership.objects.filter(organisation=empty).exists()


def test_anonymising_removes_the_identity_and_keeps_the_work(world, leaver, client):
    old_username = leaver.username
    scores = list(FactorScore.objects.filter(scan=world.scan).values_list("score", flat=True))
    orphaned = user_anonymise(user=leaver, by=leaver)

    leaver.refresh_from_db()
    assert orphaned == []  # world.member still leads the project
    assert leaver.username == f"former-{leaver.pk}"
    assert (leaver.first_name, leaver.last_name, leaver.email) == ("", "", "")
    assert not leaver.has_usable_password() and not leaver.is_active
    assert not get_user_model().objects.filter(username=old_username).exists()
    # the work stays: the answers still count in the scan
    assert Response.objects.get(respondent=leaver).submitted_at is not None
    assert list(FactorScore.objects.filter(scan=world.scan).values_list("score", flat=True)) == (
        scores
    )
    # off the team and out of the organisation, each step in the history
    assert not ProjectMember.objects.filter(user=leaver).exists()
    assert not Membership.objects.filter(user=leaver).exists()
    actions = set(ChangeRecord.objects.filter(actor=leaver).values_list("action", flat=True))
    assert {"team_removed", "member_left", "anonymised"} <= actions
    # nothing names the address any more
    assert not Invitation.objects.filter(email="piet@aastad.nl").exists()
    assert not ChangeRecord.objects.filter(changes__email="piet@aastad.nl").exists()


def test_a_project_left_without_a_leader_is_reported(world):
    orphaned = user_anonymise(user=world.member, by=None)
    assert orphaned == [world.project]
    out = io.StringIO()
    lone = member(world.a)
    call_command("anonymise_user", lone.username, stdout=out)
    assert f"former-{lone.pk}" in out.getvalue()


def test_only_staff_or_the_person_themself_may_anonymise(world, leaver):
    with pytest.raises(PermissionDenied):
        user_anonymise(user=leaver, by=world.coordinator)
    assert get_user_model().objects.get(pk=leaver.pk).email == "piet@aastad.nl"


def test_the_admin_anonymises_instead_of_deleting(world, leaver, client):
    staff = get_user_model().objects.create_superuser("staff", "s@example.org", "pw-123456!")
    client.force_login(staff)
    url = f"/admin/auth/user/{leaver.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    response = client.post(
        "/admin/auth/user/", {"action": "anonymise", "_selected_action": [leaver.pk]}
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(pk=leaver.pk).username == f"former-{leaver.pk}"
