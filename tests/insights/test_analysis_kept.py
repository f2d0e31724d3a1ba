"""The portfolio's analysis is computed once per change of the portfolio, not per project
page: the services bump the organisation's data version in their transaction, and the page
reads the analysis kept under that version."""

from unittest import mock

import pytest

from koers.insights import kept
from koers.organisations.models import Organisation
from koers.projects.services import (
    project_archive,
    project_move_stage,
    project_update,
    team_member_set,
)
from tests.factories import submitted_scan


@pytest.fixture
def computed():
    with mock.patch.object(kept, "portfolio_analysis", wraps=kept.portfolio_analysis) as spy:
        yield spy


def version(world):
    return Organisation.objects.get(pk=world.a.pk).data_version


def test_project_pages_share_one_computation_until_the_data_change(
    client, world, computed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted_scan(world.project, world.member)  # the page reads the path once scored
    client.force_login(world.member)
    url = f"/projects/{world.project.pk}/"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    client.force_login(world.coordinator)
    assert client.get(url).status_code == 200
    assert computed.call_count == 1

    with django_capture_on_commit_callbacks(execute=True):
        project_move_stage(project=world.project, by=world.member, to="experiment")
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert computed.call_count == 2


@pytest.mark.parametrize(
    "change, bumps",
    [
        # what the analysis reads: the project's fields, its stage, its scans' scores
        (
            lambda w: project_update(project=w.project, by=w.member, expected_version=1, title="B"),
            1,
        ),
        (lambda w: project_move_stage(project=w.project, by=w.member, to="experiment"), 1),
        (lambda w: submitted_scan(w.project, w.member), 1),
        (lambda w: project_archive(project=w.project, by=w.member), 1),
        # the team: its roles are evidence the analysis can use (a privacy officer)
        (
            lambda w: team_member_set(
                project=w.project, by=w.member, user=w.other_member, team_role="domain_expert"
            ),
            1,
        ),
    ],
)
def test_the_services_bump_the_data_version(world, change, bumps):
    before = version(world)
    change(world)
    assert version(world) == before + bumps
