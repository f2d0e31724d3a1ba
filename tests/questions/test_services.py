"""Asking and triaging questions: who may do what, bad input refused with nothing saved,
history of every change, and the asker told when the status changes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from koers.audit.models import ChangeRecord
from koers.notifications.models import Notice, NoticeKind
from koers.organisations.models import Organisation
from koers.partners.models import PartnerKind
from koers.partners.services import partner_add
from koers.projects.models import Domain, Project, Visibility
from koers.projects.services import EditConflict, project_archive
from koers.questions import services
from koers.questions.models import Question, QuestionLink, QuestionStatus, SameNeed
from koers.questions.selectors import question_history
from tests.factories import make_project

from .conftest import ask


def triage(question, by, to, **kw):
    return services.question_triage(
        question=question, by=by, expected_version=question.version, to=to, **kw
    )


def test_a_viewer_asks_and_the_question_is_new_with_history(world):
    question = ask(world.a, world.viewer)
    assert (question.status, question.asked_by, question.organisation) == (
        QuestionStatus.NEW,
        world.viewer,
        world.a,
    )
    record = question_history(question=question).get()
    assert record.action == "created" and record.changes["department"] == "Openbare ruimte"


def test_people_of_another_organisation_cannot_ask_there(world):
    with pytest.raises(PermissionDenied):
        ask(world.a, world.b_member)
    assert not Question.objects.exists()


def test_field_by_field_validation_saves_nothing(world):
    with pytest.raises(ValidationError) as exc:
        ask(world.a, world.member, title="x" * 201, domain="nowhere")
    assert {"title", "domain"} <= set(exc.value.message_dict)
    assert not Question.objects.exists()


def test_only_coordinators_triage(world, question):
    for person in (world.viewer, world.member, world.b_coordinator):
        with pytest.raises(PermissionDenied):
            triage(question, person, QuestionStatus.CONSIDERING)
    triage(question, world.coordinator, QuestionStatus.CONSIDERING)
    assert Question.objects.get().status == QuestionStatus.CONSIDERING


def test_declining_needs_a_reason(world, question):
    with pytest.raises(ValidationError) as exc:
        triage(question, world.coordinator, QuestionStatus.DECLINED, reason="  ")
    assert "reason" in exc.value.message_dict
    assert Question.objects.get().status == QuestionStatus.NEW
    triage(question, world.coordinator, QuestionStatus.DECLINED, reason="Geen data beschikbaar.")
    saved = Question.objects.get()
    assert (saved.status, saved.status_reason) == (
        QuestionStatus.DECLINED,
        "Geen data beschikbaar.",
    )


def test_moves_the_workflow_does_not_allow_are_refused(world, question):
    with pytest.raises(ValidationError) as exc:
        triage(question, world.coordinator, QuestionStatus.TAKEN_UP)
    assert "status" in exc.value.message_dict
    triage(question, world.coordinator, QuestionStatus.DECLINED, reason="Nee")
    with pytest.raises(ValidationError):
        triage(question, world.coordinator, QuestionStatus.PARKED)


def test_merging_into_itself_is_refused(world, question):
    with pytest.raises(ValidationError) as exc:
        triage(question, world.coordinator, QuestionStatus.MERGED, merged_into=question)
    assert "itself" in exc.value.message_dict["merged_into"][0]
    assert Question.objects.get().status == QuestionStatus.NEW


def test_merging_into_a_chain_that_loops_is_refused(world):
    a, b, c = (ask(world.a, world.member, f"Vraag {n}") for n in "abc")
    triage(a, world.coordinator, QuestionStatus.MERGED, merged_into=b)
    triage(b, world.coordinator, QuestionStatus.MERGED, merged_into=c)
    with pytest.raises(ValidationError) as exc:  # c -> a -> b -> c
        triage(c, world.coordinator, QuestionStatus.MERGED, merged_into=a)
    assert "loop" in exc.value.message_dict["merged_into"][0]
    assert Question.objects.get(pk=c.pk).merged_into_id is None


def test_merging_without_a_target_or_into_another_organisation_is_refused(
    world, question, shared_b
):
    with pytest.raises(ValidationError):
        triage(question, world.coordinator, QuestionStatus.MERGED)
    with pytest.raises(ValidationError) as exc:
        triage(question, world.coordinator, QuestionStatus.MERGED, merged_into=shared_b)
    assert "same organisation" in exc.value.message_dict["merged_into"][0]
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.NEW


def test_a_merged_question_unmerges_to_considering(world, question):
    other = ask(world.a, world.member, "Zelfde vraag")
    triage(question, world.coordinator, QuestionStatus.MERGED, merged_into=other)
    assert Question.objects.get(pk=question.pk).merged_into == other
    triage(question, world.coordinator, QuestionStatus.CONSIDERING)
    assert Question.objects.get(pk=question.pk).merged_into is None


def test_concurrent_triage_is_refused(world, question):
    stale = Question.objects.get(pk=question.pk)
    triage(question, world.coordinator, QuestionStatus.CONSIDERING)
    with pytest.raises(EditConflict):
        triage(stale, world.admin, QuestionStatus.PARKED)
    assert Question.objects.get().status == QuestionStatus.CONSIDERING


def test_the_asker_edits_while_open_and_a_coordinator_always(world, question):
    services.question_update(question=question, by=world.viewer, expected_version=1, title="Nieuw")
    assert Question.objects.get().title == "Nieuw"
    with pytest.raises(PermissionDenied):
        services.question_update(question=question, by=world.member, expected_version=2, title="X")
    triage(question, world.coordinator, QuestionStatus.PARKED)
    with pytest.raises(PermissionDenied):
        services.question_update(
            question=question, by=world.viewer, expected_version=question.version, title="X"
        )
    services.question_update(
        question=question,
        by=world.coordinator,
        expected_version=question.version,
        visibility=Visibility.NETWORK,
    )
    updates = question_history(question=question).filter(action="updated")
    assert [r.changes for r in updates] == [
        {"visibility": ["organisation", "network"]},
        {"title": ["Waar staan de meeste klachten?", "Nieuw"]},
    ]


def test_public_visibility_is_not_offered_for_questions(world, question):
    with pytest.raises(ValidationError) as exc:
        services.question_update(
            question=question, by=world.coordinator, expected_version=1, visibility="public"
        )
    assert "visibility" in exc.value.message_dict


def test_taking_up_links_the_project_and_tells_the_asker(world, question):
    link = services.question_take_up(question=question, project=world.project, by=world.coordinator)
    question.refresh_from_db()
    assert question.status == QuestionStatus.TAKEN_UP and link.project == world.project
    notice = Notice.objects.get(kind=NoticeKind.QUESTION_CHANGED)
    assert notice.recipient == world.viewer
    assert notice.data["to"] == "taken_up" and notice.data["project"] == world.project.title
    assert {"linked", "status"} <= set(
        question_history(question=question).values_list("action", flat=True)
    )


def test_take_up_refuses_other_organisations_and_archived_projects(world, question):
    b_project = make_project(world.b, world.b_member, visibility=Visibility.NETWORK)
    with pytest.raises(ValidationError) as exc:
        services.question_take_up(question=question, project=b_project, by=world.coordinator)
    assert "project" in exc.value.message_dict
    project_archive(project=world.project, by=world.member)
    with pytest.raises(ValidationError):
        services.question_take_up(question=question, project=world.project, by=world.coordinator)
    assert not QuestionLink.objects.exists()
    assert Question.objects.get().status == QuestionStatus.NEW


def test_a_partner_project_may_take_up_the_question(world, question):
    b_project = make_project(world.b, world.b_member, visibility=Visibility.NETWORK)
    partner_add(
        project=b_project,
        by=world.b_member,
        kind=PartnerKind.MUNICIPALITY,
        organisation=world.a,
        starts_on=timezone.localdate(),
        brings=["knowledge"],
    )
    services.question_take_up(question=question, project=b_project, by=world.coordinator)
    assert QuestionLink.objects.get().project == b_project


def test_the_same_project_is_linked_once(world, question):
    services.question_take_up(question=question, project=world.project, by=world.coordinator)
    with pytest.raises(ValidationError):
        services.question_take_up(question=question, project=world.project, by=world.coordinator)
    assert QuestionLink.objects.count() == 1


def test_unlinking_the_last_project_returns_to_considering(world, question):
    second = make_project(world.a, world.member, title="Tweede")
    first_link = services.question_take_up(
        question=question, project=world.project, by=world.coordinator
    )
    second_link = services.question_take_up(question=question, project=second, by=world.coordinator)
    services.question_unlink(link=first_link, by=world.coordinator)
    assert Question.objects.get().status == QuestionStatus.TAKEN_UP
    with pytest.raises(PermissionDenied):
        services.question_unlink(link=second_link, by=world.member)
    services.question_unlink(link=second_link, by=world.coordinator)
    assert Question.objects.get().status == QuestionStatus.CONSIDERING


def test_a_new_project_starts_from_the_question(world, question):
    project = services.question_start_project(
        question=question,
        by=world.coordinator,
        owner=world.a,
        title="Klachtenkaart",
        problem=question.title,
        domain=question.domain,
        visibility=Visibility.ORGANISATION,
    )
    assert Project.objects.filter(pk=project.pk).exists()
    assert QuestionLink.objects.get().project == project
    assert Question.objects.get().status == QuestionStatus.TAKEN_UP


def test_a_failed_new_project_leaves_nothing(world, question):
    with pytest.raises(ValidationError):
        services.question_start_project(
            question=question,
            by=world.coordinator,
            owner=world.a,
            title="",
            problem="x",
            domain=Domain.PHYSICAL,
            visibility=Visibility.ORGANISATION,
        )
    assert Project.objects.count() == 1 and not QuestionLink.objects.exists()


def test_team_members_record_the_askers_feedback(world, question):
    link = services.question_take_up(question=question, project=world.project, by=world.coordinator)
    today = timezone.localdate()
    for person in (world.viewer, world.other_member):  # not on the team
        with pytest.raises(PermissionDenied):
            services.question_feedback_record(
                link=link, by=person, expected_version=1, on=today, feedback="Goed"
            )
    services.question_feedback_record(
        link=link, by=world.member, expected_version=1, on=today, feedback="Precies wat we zochten"
    )
    saved = QuestionLink.objects.get()
    assert (saved.feedback_on, saved.feedback, saved.feedback_by) == (
        today,
        "Precies wat we zochten",
        world.member,
    )
    assert ChangeRecord.objects.filter(action="feedback", object_id=link.pk).exists()


def test_feedback_in_the_future_before_the_question_or_empty_is_refused(world, question):
    link = services.question_take_up(question=question, project=world.project, by=world.coordinator)
    today = timezone.localdate()
    cases = [
        (today + datetime.timedelta(days=1), "Goed", "feedback_on"),
        (today - datetime.timedelta(days=30), "Goed", "feedback_on"),
        (None, "Goed", "feedback_on"),
        (today, "   ", "feedback"),
    ]
    for on, text, field in cases:
        with pytest.raises(ValidationError) as exc:
            services.question_feedback_record(
                link=link, by=world.member, expected_version=1, on=on, feedback=text
            )
        assert field in exc.value.message_dict
    assert QuestionLink.objects.get().feedback == ""


def test_same_need_only_with_a_shared_question_of_another_organisation(world, question, shared_b):
    unshared_b = ask(world.b, world.b_member, "Niet gedeeld")
    with pytest.raises(ValidationError) as exc:
        services.question_same_need_link(question=question, other=unshared_b, by=world.coordinator)
    assert "not shared" in exc.value.message_dict["other"][0]
    own = ask(world.a, world.member, "Eigen vraag")
    with pytest.raises(ValidationError):
        services.question_same_need_link(question=question, other=own, by=world.coordinator)
    with pytest.raises(PermissionDenied):
        services.question_same_need_link(question=question, other=shared_b, by=world.member)
    assert not SameNeed.objects.exists()
    services.question_same_need_link(question=question, other=shared_b, by=world.coordinator)
    with pytest.raises(ValidationError):
        services.question_same_need_link(question=question, other=shared_b, by=world.coordinator)
    assert SameNeed.objects.count() == 1
    services.question_same_need_remove(question=question, other=shared_b, by=world.coordinator)
    assert not SameNeed.objects.exists()
    assert list(question_history(question=question).values_list("action", flat=True)[:2]) == [
        "same_need_removed",
        "same_need",
    ]


def test_no_notice_when_the_asker_changes_it_themselves(world):
    question = ask(world.a, world.coordinator)
    triage(question, world.coordinator, QuestionStatus.CONSIDERING)
    assert not Notice.objects.exists()


def test_the_asker_sees_the_notice_text_in_their_language(world, question, client):
    triage(question, world.coordinator, QuestionStatus.DECLINED, reason="Past niet in het plan")
    from koers.notifications.texts import notice_text

    text = notice_text(Notice.objects.get())
    assert "Declined" in text.title and text.lines == ["Past niet in het plan"]
    assert text.path == f"/questions/{question.pk}/"
    assert Organisation.objects.filter(pk=world.a.pk).exists()
