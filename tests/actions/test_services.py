"""The action plan: options become actions with one call, statuses change, with history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from koers.actions.models import Action, ActionStatus
from koers.actions.services import action_create, action_update
from koers.audit.selectors import history_for
from koers.framework.models import ActionOption
from koers.projects.services import EditConflict


def test_an_option_becomes_an_action_on_its_factor(world):
    option = ActionOption.objects.get(key="f5.o1")
    action = action_create(
        project=world.project, by=world.member, title=option.title, option=option
    )
    assert (action.factor_number, action.status) == (5, ActionStatus.PLANNED)


def test_free_actions_and_status_changes_are_recorded(world):
    action = action_create(
        project=world.project,
        by=world.member,
        title="Demo voor de wijkteams",
        owner=world.other_member,
    )
    action = action_update(
        action=action, by=world.member, expected_version=1, status=ActionStatus.DONE
    )
    assert history_for(obj=action).filter(action="updated").get().changes == {
        "status": ["planned", "done"]
    }


def test_owner_from_another_organisation_is_refused(world):
    with pytest.raises(ValidationError):
        action_create(project=world.project, by=world.member, title="X", owner=world.b_member)
    assert not Action.objects.exists()


def test_viewers_cannot_plan_and_concurrent_edits_are_refused(world):
    with pytest.raises(PermissionDenied):
        action_create(project=world.project, by=world.viewer, title="X")
    action = action_create(project=world.project, by=world.member, title="X")
    action_update(action=action, by=world.member, expected_version=1, title="Y")
    with pytest.raises(EditConflict):
        action_update(action=action, by=world.coordinator, expected_version=1, title="Z")
    assert Action.objects.get().title == "Y"
