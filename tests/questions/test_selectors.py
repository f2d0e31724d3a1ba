"""Who sees which questions: the organisation's people all of its questions, the network the
shared ones, the asker their own; another organisation's unshared question gives 404."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from koers.organisations.models import Membership
from koers.projects.models import Domain
from koers.questions import selectors, services
from koers.questions.models import Question, QuestionStatus

from .conftest import ask


def test_every_member_of_the_organisation_sees_its_questions(world, question):
    for person in (world.viewer, world.member, world.coordinator, world.admin):
        assert selectors.question_get(user=person, pk=question.pk) == question


def test_another_organisations_unshared_question_is_404(world, question):
    with pytest.raises(Http404):
        selectors.question_get(user=world.b_member, pk=question.pk)
    assert not selectors.board(
        user=world.b_coordinator, organisation=world.a, filters=selectors.BoardFilter()
    ).exists()


def test_shared_questions_are_seen_across_the_network(world, shared_b):
    assert selectors.question_get(user=world.viewer, pk=shared_b.pk) == shared_b


def test_the_asker_keeps_seeing_their_question_after_leaving(world, question):
    Membership.objects.filter(user=world.viewer).delete()
    del world.viewer._koers_roles
    assert selectors.question_get(user=world.viewer, pk=question.pk) == question
    assert list(selectors.my_questions(user=world.viewer)) == [question]


def test_board_filters_by_search_domain_status_and_age(world):
    old = ask(world.a, world.member, "Oude vraag over afval", domain=Domain.PHYSICAL)
    Question.objects.filter(pk=old.pk).update(
        asked_at=timezone.now() - datetime.timedelta(days=400)
    )
    social = ask(world.a, world.member, "Welke gezinnen missen hulp?", domain=Domain.SOCIAL)
    services.question_triage(
        question=social, by=world.coordinator, expected_version=1, to=QuestionStatus.PARKED
    )

    def titles(**kw):
        filters = selectors.BoardFilter(**kw)
        return [
            q.title
            for q in selectors.board(user=world.viewer, organisation=world.a, filters=filters)
        ]

    assert titles() == ["Welke gezinnen missen hulp?", "Oude vraag over afval"]
    assert titles(q="afval") == ["Oude vraag over afval"]
    assert titles(domain=Domain.SOCIAL) == ["Welke gezinnen missen hulp?"]
    assert titles(status=QuestionStatus.PARKED) == ["Welke gezinnen missen hulp?"]
    assert titles(age="older") == ["Oude vraag over afval"]
    assert titles(age="month") == ["Welke gezinnen missen hulp?"]


def test_domain_counts_in_one_query(world, django_assert_num_queries):
    for n in range(3):
        ask(world.a, world.member, f"Vraag fysiek {n}")
    ask(world.a, world.member, "Sociale vraag", domain=Domain.SOCIAL)
    with django_assert_num_queries(1):
        counts = selectors.domain_counts(user=world.member, organisation=world.a)
    assert [(key, total, open_) for key, _label, total, open_ in counts] == [
        ("physical", 3, 3),
        ("social", 1, 1),
    ]


def test_a_project_lists_only_questions_the_reader_may_see(world, question, shared_b):
    services.question_take_up(question=question, project=world.project, by=world.coordinator)
    links = selectors.questions_of_project(user=world.member, project=world.project)
    assert [link.question for link in links] == [question]


def test_same_need_candidates_are_shared_questions_of_others(world, question, shared_b):
    ask(world.b, world.b_member, "Niet gedeeld")
    assert list(selectors.same_need_candidates(user=world.coordinator, question=question)) == [
        shared_b
    ]
    services.question_same_need_link(question=question, other=shared_b, by=world.coordinator)
    assert not selectors.same_need_candidates(user=world.coordinator, question=question).exists()
    assert selectors.same_needs(user=world.viewer, question=question) == [shared_b]
