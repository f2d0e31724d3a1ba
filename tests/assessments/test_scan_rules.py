"""The rules around a scan: a submission needs an answer per factor, "not applicable" is kept
apart from "don't know", a respondent sees the team's result only after submitting (or once
the scan is closed), and a closed scan takes no answers until it is reopened, on record."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from koers.assessments.models import Answer, FactorScore, Response
from koers.assessments.scoring import NOT_APPLICABLE
from koers.assessments.selectors import result_hidden_for, scan_result
from koers.assessments.services import (
    SubmissionIncomplete,
    response_save,
    scan_close,
    scan_indicators,
    scan_reopen,
)
from koers.audit.selectors import history_for
from koers.projects.models import Project
from koers.reports.documents import project_report_pdf


def save(scan, user, answers, submit=True, notes=None):
    response = Response.objects.get(scan=scan, respondent=user)
    return response_save(
        response=response,
        by=user,
        answers=answers,
        notes=notes or {},
        expected_version=response.version,
        submit=submit,
    )


def first_per_factor(scan, value):
    return {i.pk: value for i in scan_indicators(scan) if i.position == 1}


# 1. The minimum for a submission


def test_an_empty_submission_is_refused_and_names_every_factor(world, scan):
    with pytest.raises(SubmissionIncomplete) as refused:
        save(scan, world.member, {})
    assert [f.number for f in refused.value.missing] == list(range(1, 10))
    assert "1. Factor 1 (en)" in refused.value.messages[0]
    response = Response.objects.get(scan=scan, respondent=world.member)
    assert response.submitted_at is None and response.version == 1
    assert scan.__class__.objects.get(pk=scan.pk).submitted_count == 0


def test_one_factor_missing_is_named(world, scan):
    answers = {i.pk: 4 for i in scan_indicators(scan) if i.factor.number != 7}
    with pytest.raises(SubmissionIncomplete) as refused:
        save(scan, world.member, answers)
    assert [f.number for f in refused.value.missing] == [7]


@pytest.mark.parametrize("value", [4, None, NOT_APPLICABLE])
def test_one_answer_per_factor_is_enough_and_dont_know_or_not_applicable_count(world, scan, value):
    save(scan, world.member, first_per_factor(scan, value))
    assert Response.objects.get(scan=scan, respondent=world.member).submitted_at is not None


def test_a_draft_can_stay_empty(world, scan):
    save(scan, world.member, {}, submit=False)
    assert Response.objects.get(scan=scan, respondent=world.member).version == 2


def test_after_submitting_every_save_keeps_the_minimum(world, scan):
    save(scan, world.member, first_per_factor(scan, 5))
    with pytest.raises(SubmissionIncomplete):
        save(scan, world.member, {}, submit=False)  # a "draft" would lower what counts
    assert Answer.objects.filter(response__respondent=world.member).count() == 9


# 20. "Not applicable" apart from "don't know"


def test_not_applicable_is_stored_apart_and_counts_as_answered(world, scan):
    answers = {i.pk: (NOT_APPLICABLE if i.position == 2 else 3) for i in scan_indicators(scan)}
    save(scan, world.member, answers)
    assert Answer.objects.filter(not_applicable=True, value=None).count() == 9
    score = FactorScore.objects.get(scan=scan, factor_number=1)
    assert (score.score, score.completeness) == (50.0, 1.0)  # n/a: answered, no score
    save(scan, world.other_member, {i.pk: None for i in scan_indicators(scan)})
    score = FactorScore.objects.get(scan=scan, factor_number=1)
    assert (score.score, score.completeness) == (50.0, 0.5)  # 2 of 4: "don't know" is a gap


def test_an_unknown_answer_value_is_refused(world, scan):
    with pytest.raises(ValidationError):
        save(scan, world.member, {i: "x" for i in first_per_factor(scan, 1)})


# 2. The team's result only after one's own submission


def test_a_respondent_sees_the_result_only_after_submitting(world, scan):
    save(scan, world.member, first_per_factor(scan, 4))
    assert not result_hidden_for(scan=scan, user=world.member)
    assert result_hidden_for(scan=scan, user=world.other_member)  # invited, not submitted
    assert not result_hidden_for(scan=scan, user=world.coordinator)  # not invited
    assert not result_hidden_for(scan=scan, user=world.viewer)
    scan_close(scan=scan, by=world.member)
    assert not result_hidden_for(scan=scan, user=world.other_member)  # closed: final


# 3. Closing and reopening


def test_closing_freezes_the_answers(world, scan):
    save(scan, world.member, first_per_factor(scan, 4))
    scan_close(scan=scan, by=world.member)
    with pytest.raises(ValidationError, match="closed"):
        save(scan, world.other_member, first_per_factor(scan, 1))
    with pytest.raises(ValidationError, match="closed"):
        save(scan, world.member, first_per_factor(scan, 1))
    assert {s.score for s in FactorScore.objects.filter(scan=scan)} == {75.0}
    with pytest.raises(ValidationError):
        scan_close(scan=scan, by=world.member)  # closed already


def test_who_may_close(world, scan):
    with pytest.raises(PermissionDenied):
        scan_close(scan=scan, by=world.other_member)  # on the team, not its leader
    with pytest.raises(PermissionDenied):
        scan_close(scan=scan, by=world.viewer)
    with pytest.raises(PermissionDenied):
        scan_close(scan=scan, by=world.b_coordinator)
    scan_close(scan=scan, by=world.coordinator)
    assert scan.closed_at is not None


def test_reopening_needs_a_reason_and_is_recorded(world, scan):
    scan_close(scan=scan, by=world.member)
    with pytest.raises(ValidationError):
        scan_reopen(scan=scan, by=world.member, reason="  ")
    with pytest.raises(PermissionDenied):
        scan_reopen(scan=scan, by=world.other_member, reason="Ik wil nog antwoorden")
    scan_reopen(scan=scan, by=world.coordinator, reason="Ali was met verlof")
    assert scan.closed_at is None
    save(scan, world.other_member, first_per_factor(scan, 2))
    actions = list(history_for(obj=scan).values_list("action", "changes__reason"))
    assert ("reopened", "Ali was met verlof") in actions and ("closed", None) in actions


# 6. Evidence notes per factor


def test_evidence_notes_of_submitted_answers_reach_the_result_and_the_pdf(world, scan):
    factor_ids = {i.factor.number: i.factor_id for i in scan_indicators(scan)}
    save(scan, world.member, first_per_factor(scan, 4), notes={factor_ids[3]: "Vragenlijst Q3"})
    save(scan, world.other_member, {}, submit=False, notes={factor_ids[3]: "Nog een concept"})
    rows = {r.factor.number: r for r in scan_result(scan=scan).rows}
    assert [n.text for n in rows[3].notes] == ["Vragenlijst Q3"]  # a draft's note stays out
    assert rows[1].notes == []
    pdf = project_report_pdf(project=Project.objects.get(), language="en")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Evidence beside opinion" in text and "Vragenlijst Q3" in text
    assert "Nog een concept" not in text
