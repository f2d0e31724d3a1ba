"""Archive and delete: an archived project leaves the portfolio, the figures, the analysis and
the library list, and comes back when restored, both on record; an action can be deleted and
its history stays with the project; a team never loses its only member or last leader."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from koers.actions.models import Action
from koers.actions.services import action_create, action_delete
from koers.audit.selectors import history_for
from koers.insights.qca import analysis_projects
from koers.insights.selectors import DashboardFilter, dashboard_build
from koers.library.selectors import LibraryFilter, shared_projects
from koers.projects.history import history_lines, project_history
from koers.projects.models import Project, TeamRole, Visibility
from koers.projects.selectors import PortfolioFilter, portfolio
from koers.projects.services import (
    project_archive,
    project_restore,
    project_update,
    team_member_remove,
    team_member_set,
)


def shared(world):
    project_update(
        project=world.project,
        by=world.member,
        expected_version=world.project.version,
        visibility=Visibility.NETWORK,
    )
    return Project.objects.get(pk=world.project.pk)


def places(world, project) -> dict[str, bool]:
    """Where the project shows up."""
    return {
        "portfolio": project in portfolio(user=world.member, filters=PortfolioFilter()),
        "archive": project in portfolio(user=world.member, filters=PortfolioFilter(archived=True)),
        "dashboard": dashboard_build(organisation=world.a, filters=DashboardFilter()).total == 1,
        "analysis": project in analysis_projects(organisation=world.a, scope="organisation"),
        "library": project in shared_projects(user=world.b_member, filters=LibraryFilter()),
    }


def test_an_archived_project_is_hidden_everywhere_and_restorable(world):
    project = shared(world)
    before = places(world, project)
    assert before == {
        "portfolio": True,
        "archive": False,
        "dashboard": True,
        "analysis": True,
        "library": True,
    }
    project_archive(project=project, by=world.member)
    assert places(world, project) == {
        "portfolio": False,
        "archive": True,
        "dashboard": False,
        "analysis": False,
        "library": False,
    }
    with pytest.raises(ValidationError):
        project_archive(project=project, by=world.member)
    project_restore(project=project, by=world.coordinator)
    assert places(world, project) == before
    assert {"archived", "restored"} <= set(
        history_for(obj=project).values_list("action", flat=True)
    )


@pytest.mark.parametrize("who", ["other_member", "viewer", "b_coordinator"])
def test_only_the_project_leader_or_a_coordinator_archives(world, who):
    team_member_set(
        project=world.project,
        by=world.member,
        user=world.other_member,
        team_role=TeamRole.DATA_SCIENTIST,
    )
    with pytest.raises(PermissionDenied):
        project_archive(project=world.project, by=getattr(world, who))
    assert Project.objects.get().archived_at is None


def test_archiving_through_the_page(world):
    client = Client()
    client.force_login(world.member)
    url = reverse("web:project", args=[world.project.pk])
    assert "Het project archiveren" in client.get(url).content.decode()
    client.post(reverse("web:project_archive", args=[world.project.pk]))
    body = client.get(url).content.decode()
    assert "Gearchiveerd op" in body and "Het project terugzetten" in body
    listing = client.get(reverse("web:projects")).content.decode()
    assert "Slim vegen" not in listing
    assert "Slim vegen" in client.get(reverse("web:projects") + "?archived=1").content.decode()
    client.post(reverse("web:project_archive", args=[world.project.pk]), {"restore": "1"})
    assert Project.objects.get().archived_at is None


def test_an_action_is_deleted_and_its_history_stays_with_the_project(world):
    action = action_create(project=world.project, by=world.member, title="Dubbele actie")
    with pytest.raises(PermissionDenied):
        action_delete(action=action, by=world.viewer)
    client = Client()
    client.force_login(world.member)
    edit = client.get(reverse("web:action_edit", args=[action.pk])).content.decode()
    assert "Deze actie verwijderen" in edit
    response = client.post(reverse("web:action_delete", args=[action.pk]))
    assert response.status_code == 302 and not Action.objects.exists()
    lines = [line.text for line in history_lines(project_history(project=world.project))]
    # newest first: the deletion, said in the language of the request that came last
    assert lines[0] in (
        "deleted “Dubbele actie” from the action plan.",
        "verwijderde “Dubbele actie” van het actieplan.",
    ), lines


def test_the_only_member_and_the_last_leader_stay(world):
    with pytest.raises(ValidationError, match="project leader"):
        team_member_remove(project=world.project, by=world.member, user=world.member)
    world.project.team.update(team_role=TeamRole.DOMAIN_EXPERT)  # a team of one, no leader
    with pytest.raises(ValidationError, match="team member"):
        team_member_remove(project=world.project, by=world.member, user=world.member)
    assert world.project.team.count() == 1
