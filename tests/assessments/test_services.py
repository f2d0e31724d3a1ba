"""Scans: start with the team, answer as a draft, submit, and the factor scores follow."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from koers.assessments.models import FactorScore, Response, ScanKind
from koers.assessments.selectors import scan_result
from koers.assessments.services import response_save, scan_indicators, scan_start
from koers.projects.models import Project
from koers.projects.services import EditConflict, project_move_stage
from tests.factories import framework_data, load_framework


def answer_all(scan, user, value, submit=True):
    response = Response.objects.get(scan=scan, respondent=user)
    answers = {i.pk: value for i in scan_indicators(scan)}
    return response_save(
        response=response,
        by=user,
        answers=answers,
        notes={},
        expected_version=response.version,
        submit=submit,
    )


def test_a_scan_points_at_the_active_framework_and_invites_the_team(world, scan):
    assert scan.framework_version == world.framework
    assert set(scan.responses.values_list("respondent", flat=True)) == {
        world.member.pk,
        world.other_member.pk,
    }


def test_only_team_members_can_be_invited(world):
    with pytest.raises(ValidationError):
        scan_start(project=world.project, by=world.member, respondents=[world.viewer])


def test_a_draft_counts_for_nothing_until_submitted(world, scan):
    answer_all(scan, world.member, 4, submit=False)
    assert not FactorScore.objects.filter(scan=scan).exists()
    answer_all(scan, world.member, 4)
    scores = FactorScore.objects.filter(scan=scan)
    assert scores.count() == 9 and {s.score for s in scores} == {75.0}
    assert Project.objects.get().last_scan == scan


def test_two_respondents_give_mean_and_spread(world, scan):
    answer_all(scan, world.member, 1)
    answer_all(scan, world.other_member, 5)
    score = FactorScore.objects.get(scan=scan, factor_number=1)
    assert (score.score, score.spread, score.disagreement, score.respondents) == (
        50.0,
        50.0,
        True,
        2,
    )


def test_dont_know_lowers_completeness_not_the_score(world, scan):
    response = Response.objects.get(scan=scan, respondent=world.member)
    indicators = scan_indicators(scan)
    answers = {i.pk: (None if i.position == 2 else 5) for i in indicators}
    response_save(
        response=response,
        by=world.member,
        answers=answers,
        notes={},
        expected_version=1,
        submit=True,
    )
    score = FactorScore.objects.get(scan=scan, factor_number=3)
    assert (score.score, score.completeness) == (100.0, 0.5)


def test_nobody_answers_for_someone_else(world, scan):
    response = Response.objects.get(scan=scan, respondent=world.member)
    with pytest.raises(PermissionDenied):
        response_save(
            response=response,
            by=world.other_member,
            answers={},
            notes={},
            expected_version=1,
            submit=True,
        )


def test_out_of_range_and_foreign_answers_change_nothing(world, scan):
    response = Response.objects.get(scan=scan, respondent=world.member)
    indicator = scan_indicators(scan)[0]
    with pytest.raises(ValidationError):
        response_save(
            response=response,
            by=world.member,
            answers={indicator.pk: 7},
            notes={},
            expected_version=1,
            submit=True,
        )
    with pytest.raises(ValidationError):
        response_save(
            response=response,
            by=world.member,
            answers={10**9: 3},
            notes={},
            expected_version=1,
            submit=True,
        )
    response.refresh_from_db()
    assert response.version == 1 and response.submitted_at is None and not response.answers.exists()


def test_two_tabs_saving_the_same_answers_do_not_overwrite(world, scan):
    response = Response.objects.get(scan=scan, respondent=world.member)
    indicator = scan_indicators(scan)[0]
    response_save(
        response=response,
        by=world.member,
        answers={indicator.pk: 2},
        notes={},
        expected_version=1,
        submit=False,
    )
    with pytest.raises(EditConflict):
        response_save(
            response=response,
            by=world.member,
            answers={indicator.pk: 5},
            notes={},
            expected_version=1,
            submit=False,
        )
    assert response.answers.get().value == 2


def test_a_quickscan_asks_one_statement_per_factor(world):
    scan = scan_start(
        project=world.project, by=world.member, respondents=[world.member], kind=ScanKind.QUICK
    )
    assert len(scan_indicators(scan)) == 9
    answer_all(scan, world.member, 3)
    assert FactorScore.objects.get(scan=scan, factor_number=9).completeness == 1.0


def test_old_scans_keep_their_framework_version(world, scan):
    answer_all(scan, world.member, 3)
    load_framework(framework_data(version=2, indicators=3))
    scan.refresh_from_db()
    assert scan.framework_version.number == 1 and len(scan_indicators(scan)) == 18


def test_result_compares_with_previous_and_recommends_options_for_the_stage(world, scan):
    answer_all(scan, world.member, 2)
    second = scan_start(project=world.project, by=world.member, respondents=[world.member])
    response = Response.objects.get(scan=second, respondent=world.member)
    answers = {i.pk: (1 if i.factor.number == 6 else 4) for i in scan_indicators(second)}
    response_save(
        response=response,
        by=world.member,
        answers=answers,
        notes={},
        expected_version=1,
        submit=True,
    )
    result = scan_result(scan=second)
    assert result.previous == scan
    assert result.weakest[0].factor.number == 6
    assert result.rows[0].previous == 25.0
    # An idea: option 1 of each test factor fits idea and experiment, option 2 later stages.
    assert [o.key for o in result.options[6]] == ["f6.o1"]
    project_move_stage(project=world.project, by=world.member, to="development")
    second.project.refresh_from_db()
    assert [o.key for o in scan_result(scan=second).options[6]] == ["f6.o2"]
