"""Visibility: who sees which project, per role and per visibility level."""

import pytest

from koers.projects.access import can_edit
from koers.projects.models import Visibility
from koers.projects.selectors import projects_visible_to
from tests.factories import make_project

# (visibility, who, sees)
MATRIX = [
    (Visibility.TEAM, "member", True),  # on the team
    (Visibility.TEAM, "other_member", False),  # same organisation, not on the team
    (Visibility.TEAM, "viewer", False),
    (Visibility.TEAM, "coordinator", True),  # coordinators oversee the whole portfolio
    (Visibility.TEAM, "b_coordinator", False),  # another organisation never
    (Visibility.ORGANISATION, "viewer", True),
    (Visibility.ORGANISATION, "other_member", True),
    (Visibility.ORGANISATION, "b_member", False),
    (Visibility.ORGANISATION, "b_coordinator", False),
    (Visibility.NETWORK, "b_member", True),  # shared with all participating organisations
    (Visibility.PUBLIC, "b_member", True),
]


@pytest.mark.parametrize(("visibility", "who", "sees"), MATRIX)
def test_visibility(world, visibility, who, sees):
    project = make_project(world.a, world.member, visibility=visibility, title="Zichtbaarheid")
    assert projects_visible_to(getattr(world, who)).filter(pk=project.pk).exists() is sees


def test_seeing_is_not_editing(world):
    project = make_project(world.a, world.member, visibility=Visibility.NETWORK)
    assert can_edit(world.member, project)
    assert can_edit(world.coordinator, project)
    assert not can_edit(world.viewer, project)
    assert not can_edit(world.other_member, project)
    assert not can_edit(world.b_coordinator, project)
