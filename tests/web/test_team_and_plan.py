"""Adding someone to the team asks for their role (no project leader by default) and offers
only people not on the team yet; an option for action taken into the plan asks for an owner
and a due date."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koers.actions.models import Action
from koers.projects.models import TeamRole
from koers.projects.services import team_member_set


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_team_form_has_no_default_role_and_leaves_out_the_team(world):
    team_member_set(
        project=world.project, by=world.member, user=world.viewer, team_role=TeamRole.END_USER
    )
    page = client_for(world.member).get(reverse("web:project_team", args=[world.project.pk]))
    form = page.context["form"]
    assert form["team_role"].value() is None
    assert '<option value="" selected>' in page.content.decode()
    assert 'value="project_leader" selected' not in page.content.decode()
    offered = set(form.fields["user"].queryset)
    assert world.member not in offered and world.viewer not in offered  # on the team already
    assert world.other_member in offered
    # submitting without a role adds no one
    response = client_for(world.member).post(
        reverse("web:project_team", args=[world.project.pk]), {"user": world.other_member.pk}
    )
    assert response.status_code == 200
    assert not world.project.team.filter(user=world.other_member).exists()


def test_an_option_goes_into_the_plan_with_an_owner_and_a_due_date(world):
    option = world.framework.factors.get(number=2).options.first()
    url = reverse("web:action_adopt_option", args=[world.project.pk, option.pk])
    client = client_for(world.member)
    page = client.get(url).content.decode()
    assert option.title in page and 'id="id_owner"' in page and 'id="id_due_date"' in page
    assert client.post(url, {}).status_code == 200  # nothing chosen: asked again
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(url, {"owner": world.other_member.pk, "due_date": yesterday})
    assert response.status_code == 200 and not Action.objects.exists()
    due = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(url, {"owner": world.other_member.pk, "due_date": due})
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.option, action.owner, action.due_date) == (option, world.other_member, due)
    assert action.factor_number == 2


def test_a_viewer_cannot_put_an_option_in_the_plan(world):
    option = world.framework.factors.get(number=2).options.first()
    url = reverse("web:action_adopt_option", args=[world.project.pk, option.pk])
    assert client_for(world.viewer).get(url).status_code == 403
