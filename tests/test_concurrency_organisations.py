"""Questions, memberships, notice settings and the case library when two people write at the
same moment (PostgreSQL, two connections forced to overlap, see tests/concurrency.py).

- two triage decisions from the same version: the first kept, the second an edit conflict;
- two questions merged into each other at once: one merge, never a loop;
- one question taken up twice by the same project, or linked twice as the same need from
  both sides: one link, the second refused with a message;
- the last two projects unlinked at once: the question goes back to being considered;
- two administrators demoted or removed at once, on the organisation page or through the
  admin: one administrator stays;
- notice settings saved twice at once: the last saved, no error;
- the study cases loaded twice at once: every case once;
- the same case adopted twice at once by one organisation: one project, the second refused;
- the same address invited twice at once: one invitation, the second refused;
- the same identity-provider group mapped twice at once: one mapping, the second refused;
  a person's first two sign-ins at once: one membership.
"""

import json

import pytest
from django.core.exceptions import ValidationError

from koers.accounts.identity import Grant, grants_apply, identity_group_add
from koers.accounts.models import IdentityGroup, Invitation
from koers.accounts.services import invitation_create
from koers.library.models import Adoption, ReferenceCase
from koers.library.services import AlreadyAdopted, case_adopt, reference_cases_load
from koers.notifications.models import NoticeKind, Preference
from koers.notifications.services import preferences_set
from koers.organisations.models import Membership, Role
from koers.organisations.services import membership_change_role, membership_remove, membership_set
from koers.projects.models import Technique, Theme
from koers.projects.services import EditConflict
from koers.projects.vocabulary import vocabulary_sync
from koers.questions import services as questions
from koers.questions.models import Question, QuestionLink, QuestionStatus, SameNeed
from koers.questions.workflow import CONSIDERING, DECLINED, MERGED, PARKED
from tests.concurrency import overlap, postgresql
from tests.factories import make_project, member
from tests.library.test_library import CASES
from tests.questions.conftest import ask

SITE = "http://testserver/"

pytestmark = [postgresql, pytest.mark.django_db(transaction=True)]


# Questions -------------------------------------------------------------------------------


def test_two_triage_decisions_from_the_same_version_keep_the_first(world):
    question = ask(world.a, world.viewer)

    def decide(to, **kw):
        return lambda: questions.question_triage(
            question=question, by=world.coordinator, expected_version=1, to=to, **kw
        )

    result = overlap(decide(PARKED), decide(DECLINED, reason="Buiten ons bereik"))
    assert result.first.get().status == PARKED
    assert result.second_waited
    assert isinstance(result.second.error, EditConflict)
    assert Question.objects.get().status == PARKED


def merge(question, into, world):
    return lambda: questions.question_triage(
        question=question, by=world.coordinator, expected_version=1, to=MERGED, merged_into=into
    )


def test_two_questions_merged_into_each_other_at_once_make_no_loop(world):
    a = ask(world.a, world.viewer, "Waar liggen de gaten?")
    b = ask(world.a, world.member, "Welke wegen zijn kapot?")

    result = overlap(merge(a, b, world), merge(b, a, world))
    result.first.get()
    assert result.second_waited
    assert isinstance(result.second.error, ValidationError)
    assert "merged_into" in result.second.error.message_dict
    merged = dict(Question.objects.values_list("pk", "merged_into"))
    assert merged == {a.pk: b.pk, b.pk: None}


def test_two_merges_closing_a_longer_loop_at_once_make_no_loop(world):
    """B is merged into C and D into A already; A into B and C into D at once would close
    A-B-C-D-A. The merges lock the chain they merge into, so they meet on a row."""
    a, b, c, d = (ask(world.a, world.viewer, f"Vraag {n}") for n in "ABCD")
    for question, into in ((b, c), (d, a)):
        questions.question_triage(
            question=question, by=world.coordinator, expected_version=1, to=MERGED, merged_into=into
        )
    result = overlap(merge(a, b, world), merge(c, d, world))
    result.first.get()
    assert result.second_waited
    assert "merged_into" in result.second.error.message_dict
    assert Question.objects.get(pk=c.pk).merged_into is None


def test_a_question_taken_up_twice_by_one_project_at_once_has_one_link(world):
    question = ask(world.a, world.viewer)

    def take_up():
        return questions.question_take_up(
            question=question, project=world.project, by=world.coordinator
        )

    result = overlap(take_up, take_up)
    result.first.get()
    assert result.second_waited
    assert isinstance(result.second.error, ValidationError)
    assert QuestionLink.objects.count() == 1
    assert Question.objects.get().status == QuestionStatus.TAKEN_UP


def test_the_last_two_projects_unlinked_at_once_leave_the_question_considered(world):
    question = ask(world.a, world.viewer)
    other = make_project(world.a, world.member, title="Tweede")
    first = questions.question_take_up(question=question, project=world.project, by=world.admin)
    second = questions.question_take_up(question=question, project=other, by=world.admin)
    result = overlap(
        lambda: questions.question_unlink(link=first, by=world.coordinator),
        lambda: questions.question_unlink(link=second, by=world.admin),
    )
    result.first.get(), result.second.get()
    assert result.second_waited
    assert not QuestionLink.objects.exists()
    assert Question.objects.get().status == CONSIDERING


def test_the_same_need_linked_from_both_sides_at_once_is_one_link(world):
    ours = ask(world.a, world.viewer, visibility="network")
    theirs = ask(
        world.b, world.b_member, "Hoe vaak vallen de containers uit?", visibility="network"
    )
    result = overlap(
        lambda: questions.question_same_need_link(
            question=ours, other=theirs, by=world.coordinator
        ),
        lambda: questions.question_same_need_link(
            question=theirs, other=ours, by=world.b_coordinator
        ),
    )
    result.first.get()
    assert result.second_waited
    assert isinstance(result.second.error, ValidationError)
    assert SameNeed.objects.count() == 1


# Memberships -----------------------------------------------------------------------------


@pytest.fixture
def two_admins(world):
    second = member(world.a, Role.ADMINISTRATOR)
    return [Membership.objects.get(user=u, organisation=world.a) for u in (world.admin, second)]


def _one_administrator_left(world, result):
    result.first.get()
    assert result.second_waited
    assert isinstance(result.second.error, ValidationError)
    admins = Membership.objects.filter(organisation=world.a, role=Role.ADMINISTRATOR)
    assert admins.count() == 1


def test_two_administrators_demoted_at_once_leave_one(world, two_admins):
    first, second = two_admins
    result = overlap(
        lambda: membership_change_role(membership=first, role=Role.COORDINATOR, by=second.user),
        lambda: membership_change_role(membership=second, role=Role.COORDINATOR, by=first.user),
    )
    _one_administrator_left(world, result)


def test_two_administrators_removed_at_once_leave_one(world, two_admins):
    first, second = two_admins
    result = overlap(
        lambda: membership_remove(membership=first, by=second.user),
        lambda: membership_remove(membership=second, by=first.user),
    )
    _one_administrator_left(world, result)


def test_two_administrators_demoted_through_the_admin_at_once_leave_one(world, two_admins):
    first, second = two_admins

    def demote(membership):
        return lambda: membership_set(
            user=membership.user, organisation=world.a, role=Role.COORDINATOR, by=None
        )

    result = overlap(demote(first), demote(second))
    _one_administrator_left(world, result)


# Notice settings, the study cases, adoption --------------------------------------------


def test_notice_settings_saved_twice_at_once_keep_the_last(world):
    def save(delivery, language):
        return lambda: preferences_set(
            user=world.member,
            by=world.member,
            choices={NoticeKind.SCAN_INVITED: delivery, NoticeKind.STAGE_CHANGED: delivery},
            language=language,
        )

    save("weekly", "nl")()
    result = overlap(save("off", "en"), save("immediately", "nl"))
    result.first.get(), result.second.get()
    assert result.second_waited
    assert set(Preference.objects.values_list("kind", "delivery")) == {
        (NoticeKind.SCAN_INVITED, "immediately"),
        (NoticeKind.STAGE_CHANGED, "immediately"),
    }


def test_the_study_cases_loaded_twice_at_once_are_there_once(world):
    vocabulary_sync(Theme, Technique)  # a transactional test starts without the migrations' data
    raw = json.dumps(CASES).encode()
    result = overlap(lambda: reference_cases_load(raw=raw), lambda: reference_cases_load(raw=raw))
    assert result.first.get() == result.second.get() == 2
    assert result.second_waited
    assert ReferenceCase.objects.count() == 2
    assert ReferenceCase.objects.get(key="slim-vegen").themes.get().key == "public_space"


def test_the_same_case_adopted_twice_at_once_makes_one_project(world):
    reference_cases_load(raw=json.dumps(CASES).encode())
    case = ReferenceCase.objects.get(key="slim-vegen")

    def adopt():
        return case_adopt(by=world.b_coordinator, adopter=world.b, original_case=case)

    result = overlap(adopt, adopt)
    result.first.get()
    assert result.second_waited
    assert isinstance(result.second.error, AlreadyAdopted)
    assert Adoption.objects.count() == 1


def test_the_same_address_invited_twice_at_once_gets_one_invitation(world):
    def invite(by):
        return lambda: invitation_create(
            by=by, organisation=world.a, email="nieuw@aastad.nl", role=Role.MEMBER, site_url=SITE
        )

    result = overlap(invite(world.coordinator), invite(world.admin))
    result.first.get()
    assert result.second_waited
    assert "email" in result.second.error.message_dict
    assert Invitation.objects.count() == 1


def test_the_same_group_mapped_twice_at_once_is_one_mapping(world):
    def add(role):
        return lambda: identity_group_add(
            by=world.admin, organisation=world.a, group="koers-medewerkers", role=role
        )

    result = overlap(add(Role.MEMBER), add(Role.VIEWER))
    assert result.first.get().role == Role.MEMBER
    assert result.second_waited
    assert "group" in result.second.error.message_dict
    assert IdentityGroup.objects.get().role == Role.MEMBER


def test_two_first_sign_ins_at_once_make_one_membership(world):
    newcomer = member(world.b, Role.VIEWER)
    grant = lambda: grants_apply(user=newcomer, grants=[Grant(world.a.pk, Role.MEMBER)])  # noqa: E731
    result = overlap(grant, grant)
    result.first.get(), result.second.get()
    assert result.second_waited
    assert Membership.objects.filter(user=newcomer, organisation=world.a).count() == 1
