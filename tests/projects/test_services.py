"""Project services: registering, editing with conflict detection, moving through the stages,
the team; every write checks the role and leaves history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from koers.audit.selectors import history_for
from koers.projects import lifecycle
from koers.projects.lifecycle import StageMoveRefused
from koers.projects.models import Project, StageEvent, TeamRole
from koers.projects.services import (
    EditConflict,
    project_create,
    project_move_stage,
    project_update,
    team_member_remove,
    team_member_set,
)
from tests.factories import make_project


def test_registering_makes_the_creator_project_leader_and_records_the_idea(world):
    project = world.project
    assert project.stage == lifecycle.IDEA
    assert project.team.get().team_role == TeamRole.PROJECT_LEADER
    assert project.stage_events.get().to_stage == lifecycle.IDEA
    assert history_for(obj=project).filter(action="created").exists()


@pytest.mark.parametrize("who", ["viewer", "b_member"])
def test_only_members_can_register_for_their_organisation(world, who):
    with pytest.raises(PermissionDenied):
        make_project(world.a, getattr(world, who))
    assert Project.objects.count() == 1


def test_title_is_validated_and_nothing_is_saved(world):
    with pytest.raises(ValidationError):
        project_create(
            owner=world.a,
            by=world.member,
            title="x" * 300,
            problem="p",
            domain="physical",
            visibility="team",
        )
    assert Project.objects.count() == 1


def test_update_records_what_changed(world):
    project = project_update(
        project=world.project, by=world.member, expected_version=1, title="Slim vegen 2"
    )
    change = history_for(obj=project).filter(action="updated").get()
    assert change.changes == {"title": ["Slim vegen", "Slim vegen 2"]}
    assert project.version == 2


def test_two_people_editing_at_once_do_not_overwrite_each_other(world):
    project_update(project=world.project, by=world.member, expected_version=1, title="First")
    with pytest.raises(EditConflict):
        project_update(
            project=world.project, by=world.coordinator, expected_version=1, title="Second"
        )
    assert Project.objects.get().title == "First"


@pytest.mark.parametrize("who", ["viewer", "other_member", "b_member", "b_coordinator"])
def test_who_cannot_edit(world, who):
    with pytest.raises(PermissionDenied):
        project_update(
            project=world.project, by=getattr(world, who), expected_version=1, title="Nope"
        )
    with pytest.raises(PermissionDenied):
        project_move_stage(project=world.project, by=getattr(world, who), to=lifecycle.EXPERIMENT)


def test_coordinator_can_edit_any_project_of_the_organisation(world):
    project_move_stage(project=world.project, by=world.coordinator, to=lifecycle.EXPERIMENT)
    assert Project.objects.get().stage == lifecycle.EXPERIMENT


def test_stage_moves_are_dated_events(world):
    today = timezone.localdate()
    project_move_stage(
        project=world.project, by=world.member, to=lifecycle.EXPERIMENT, note="Pilot", on=today
    )
    event = world.project.stage_events.order_by("id").last()
    assert (event.from_stage, event.to_stage, event.on, event.note) == (
        "idea",
        "experiment",
        today,
        "Pilot",
    )


def test_impossible_moves_change_nothing(world):
    with pytest.raises(StageMoveRefused):
        project_move_stage(project=world.project, by=world.member, to=lifecycle.SCALED_INTERNAL)
    assert Project.objects.get().stage == lifecycle.IDEA
    assert StageEvent.objects.count() == 1


def test_stopping_needs_a_reason_and_reopening_returns_to_the_stage(world):
    project_move_stage(project=world.project, by=world.member, to=lifecycle.EXPERIMENT)
    with pytest.raises(ValidationError):
        project_move_stage(project=world.project, by=world.member, to=lifecycle.STOPPED)
    project_move_stage(
        project=world.project, by=world.member, to=lifecycle.STOPPED, note="No budget"
    )
    with pytest.raises(StageMoveRefused, match="Reopen"):
        project_move_stage(project=world.project, by=world.member, to=lifecycle.DEVELOPMENT)
    project_move_stage(
        project=world.project, by=world.member, to=lifecycle.EXPERIMENT, note="Budget found"
    )
    assert Project.objects.get().stage == lifecycle.EXPERIMENT


def test_stage_dates_cannot_be_in_the_future_or_before_the_current_stage(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        project_move_stage(
            project=world.project, by=world.member, to=lifecycle.EXPERIMENT, on=tomorrow
        )
    with pytest.raises(ValidationError):
        project_move_stage(
            project=world.project,
            by=world.member,
            to=lifecycle.EXPERIMENT,
            on=world.project.stage_since - datetime.timedelta(days=1),
        )


def test_team_members_come_from_the_owner_or_partners(world):
    team_member_set(
        project=world.project,
        by=world.member,
        user=world.other_member,
        team_role=TeamRole.DATA_SCIENTIST,
    )
    with pytest.raises(ValidationError):
        team_member_set(
            project=world.project,
            by=world.member,
            user=world.b_member,
            team_role=TeamRole.DATA_SCIENTIST,
        )
    from koers.partners.services import partner_add

    partner_add(
        project=world.project,
        by=world.member,
        kind="municipality",
        organisation=world.b,
        starts_on=world.project.started_on,
        brings=["knowledge"],
    )
    team_member_set(
        project=world.project, by=world.member, user=world.b_member, team_role=TeamRole.OTHER
    )
    assert world.project.team.count() == 3


def test_the_last_project_leader_cannot_be_removed(world):
    with pytest.raises(ValidationError):
        team_member_remove(project=world.project, by=world.member, user=world.member)
    assert world.project.team.count() == 1


def test_a_stage_move_on_a_stale_version_is_refused(world):
    """Two people on the same page: the second move names the version both read and is
    refused with the edit-conflict message; nothing of it is stored."""
    read_at = world.project.version
    project_move_stage(
        project=world.project, by=world.member, to=lifecycle.EXPERIMENT, expected_version=read_at
    )
    with pytest.raises(EditConflict):
        project_move_stage(
            project=Project.objects.get(),
            by=world.coordinator,
            to=lifecycle.STOPPED,
            note="Geen budget",
            expected_version=read_at,
        )
    assert Project.objects.get().stage == lifecycle.EXPERIMENT
    assert StageEvent.objects.count() == 2
