"""Nothing lost when two people write at the same moment (PostgreSQL, two connections).

Every service that reads and then writes, or deletes and re-inserts, is run against itself
with the first writer's transaction held open until the second has started. The second must
wait for the first's lock and then see its result: never an error page, never a lost or
half-counted write. The pairs, one test each:

- two team members submitting the same scan: both counted in the factor scores;
- one respondent submitting the same answers twice: the second refused as an edit conflict;
- two people each removing a different project leader: one leader stays;
- a scan started while a respondent is taken off the team: refused, no scan;
- two stage moves, two project edits and two action edits from the same version: one wins;
- two framework versions activated, or the same version loaded, at once: one active, no error.
"""

import json

import pytest
from django.core.exceptions import ValidationError

from koers.actions.services import action_create, action_update
from koers.assessments.models import FactorScore, Response, Scan
from koers.assessments.services import response_save, scan_indicators, scan_start
from koers.framework.models import FrameworkVersion
from koers.framework.services import framework_activate, framework_load
from koers.framework.validation import FrameworkFileError
from koers.projects.lifecycle import StageMoveRefused
from koers.projects.models import ProjectMember, StageEvent, TeamRole
from koers.projects.services import (
    EditConflict,
    project_move_stage,
    project_update,
    team_member_remove,
    team_member_set,
)
from tests.concurrency import overlap, postgresql
from tests.factories import framework_data

pytestmark = [postgresql, pytest.mark.django_db(transaction=True)]


def _submit(scan, user, value, version=None):
    response = Response.objects.get(scan=scan, respondent=user)
    return response_save(
        response=response,
        by=user,
        answers={i.pk: value for i in scan_indicators(scan)},
        notes={},
        expected_version=version or response.version,
        submit=True,
    )


@pytest.fixture
def scan(world):
    team_member_set(
        project=world.project, by=world.member, user=world.other_member, team_role="data_scientist"
    )
    return scan_start(
        project=world.project, by=world.member, respondents=[world.member, world.other_member]
    )


def test_two_team_members_submitting_at_once_are_both_counted(world, scan):
    result = overlap(
        lambda: _submit(scan, world.member, 5), lambda: _submit(scan, world.other_member, 1)
    )
    result.first.get(), result.second.get()
    assert result.second_waited
    scores = FactorScore.objects.filter(scan=scan)
    assert scores.count() == 9
    # 5 -> 100 and 1 -> 0: the mean of both respondents, so neither was lost.
    assert {(s.respondents, s.score) for s in scores} == {(2, 50.0)}
    assert Scan.objects.get(pk=scan.pk).submitted_count == 2


def test_the_same_answers_submitted_twice_at_once_are_refused_the_second_time(world, scan):
    result = overlap(
        lambda: _submit(scan, world.member, 5, version=1),
        lambda: _submit(scan, world.member, 1, version=1),
    )
    result.first.get()
    assert result.second_waited
    assert isinstance(result.second.error, EditConflict)
    assert {s.score for s in FactorScore.objects.filter(scan=scan)} == {100.0}


def test_two_leaders_removed_at_once_leave_one(world):
    team_member_set(
        project=world.project, by=world.member, user=world.other_member, team_role="project_leader"
    )
    result = overlap(
        lambda: team_member_remove(project=world.project, by=world.coordinator, user=world.member),
        lambda: team_member_remove(
            project=world.project, by=world.coordinator, user=world.other_member
        ),
    )
    result.first.get()
    assert result.second_waited
    assert isinstance(result.second.error, ValidationError)
    leaders = ProjectMember.objects.filter(project=world.project, team_role=TeamRole.PROJECT_LEADER)
    assert list(leaders.values_list("user", flat=True)) == [world.other_member.pk]


def test_two_leaders_demoted_at_once_leave_one(world):
    team_member_set(
        project=world.project, by=world.member, user=world.other_member, team_role="project_leader"
    )
    result = overlap(
        lambda: team_member_set(
            project=world.project,
            by=world.coordinator,
            user=world.member,
            team_role="domain_expert",
        ),
        lambda: team_member_set(
            project=world.project,
            by=world.coordinator,
            user=world.other_member,
            team_role="domain_expert",
        ),
    )
    result.first.get()
    assert isinstance(result.second.error, ValidationError)
    leaders = ProjectMember.objects.filter(project=world.project, team_role=TeamRole.PROJECT_LEADER)
    assert leaders.count() == 1


def test_a_scan_started_while_a_respondent_leaves_the_team_is_refused(world):
    team_member_set(
        project=world.project, by=world.member, user=world.other_member, team_role="data_scientist"
    )
    result = overlap(
        lambda: team_member_remove(
            project=world.project, by=world.coordinator, user=world.other_member
        ),
        lambda: scan_start(
            project=world.project, by=world.member, respondents=[world.member, world.other_member]
        ),
    )
    result.first.get()
    assert result.second_waited
    assert isinstance(result.second.error, ValidationError)
    assert not Scan.objects.exists()


def test_two_stage_moves_from_the_same_stage_make_one_event(world):
    move = lambda: project_move_stage(project=world.project, by=world.member, to="experiment")  # noqa: E731
    result = overlap(move, move)
    result.first.get()
    assert result.second_waited
    assert isinstance(result.second.error, StageMoveRefused | ValidationError)
    assert StageEvent.objects.filter(project=world.project, to_stage="experiment").count() == 1


def test_two_project_edits_from_the_same_version_keep_the_first(world):
    result = overlap(
        lambda: project_update(
            project=world.project, by=world.member, expected_version=1, title="A"
        ),
        lambda: project_update(
            project=world.project, by=world.member, expected_version=1, title="B"
        ),
    )
    assert result.first.get().title == "A"
    assert result.second_waited
    assert isinstance(result.second.error, EditConflict)


def test_two_action_edits_from_the_same_version_keep_the_first(world):
    action = action_create(project=world.project, by=world.member, title="Plan")
    result = overlap(
        lambda: action_update(action=action, by=world.member, expected_version=1, title="A"),
        lambda: action_update(action=action, by=world.member, expected_version=1, title="B"),
    )
    assert result.first.get().title == "A"
    assert result.second_waited
    assert isinstance(result.second.error, EditConflict)


def _raw(version):
    return json.dumps(framework_data(version=version)).encode()


def test_two_versions_activated_at_once_leave_the_last_active(world):
    v2 = framework_load(raw=_raw(2), activate=False)
    v3 = framework_load(raw=_raw(3), activate=False)
    result = overlap(lambda: framework_activate(version=v2), lambda: framework_activate(version=v3))
    result.first.get(), result.second.get()
    assert result.second_waited
    assert list(
        FrameworkVersion.objects.filter(is_active=True).values_list("number", flat=True)
    ) == [3]


def test_the_same_version_loaded_twice_at_once_is_refused_with_a_message(world):
    result = overlap(lambda: framework_load(raw=_raw(2)), lambda: framework_load(raw=_raw(2)))
    assert result.first.get().number == 2
    assert result.second_waited
    assert isinstance(result.second.error, FrameworkFileError)
    assert FrameworkVersion.objects.filter(number=2).count() == 1
