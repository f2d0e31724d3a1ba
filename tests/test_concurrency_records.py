"""A project's records when two people write at the same moment (PostgreSQL, two connections
forced to overlap, see tests/concurrency.py): evidence (steps, end-user sessions, learning
events) and the room's records (partners, budget lines, mandates).

Every change starts from a version and locks the record's row, so of two edits from the same
version the second waits and is refused as an edit conflict; a record removed while someone
changes it is an edit conflict too, never an error page; two removals make one history line;
a redo recorded twice at once opens one next try."""

import datetime
from decimal import Decimal

import pytest

from koers.audit.models import ChangeRecord
from koers.evidence import services as evidence
from koers.evidence.models import EndUserSession, Step
from koers.partners.models import Partner, PartnerKind
from koers.partners.services import partner_add, partner_change, partner_remove
from koers.projects import room
from koers.projects.models import BudgetLine, Mandate
from koers.projects.services import EditConflict
from tests.concurrency import overlap, postgresql

pytestmark = [postgresql, pytest.mark.django_db(transaction=True)]

DAY = datetime.date(2026, 3, 2)


def _refused_second(result):
    """The first writer won; the second waited for its lock and was told to look again."""
    first = result.first.get()
    assert result.second_waited
    assert isinstance(result.second.error, EditConflict), result.second.error
    return first


@pytest.fixture
def step(world):
    return evidence.step_create(
        project=world.project, by=world.member, goal="Proef", started_on=DAY, planned_end=DAY
    )


def test_two_step_edits_from_the_same_version_keep_the_first(world, step):
    result = overlap(
        lambda: evidence.step_update(step=step, by=world.member, expected_version=1, goal="A"),
        lambda: evidence.step_update(step=step, by=world.coordinator, expected_version=1, goal="B"),
    )
    assert _refused_second(result).goal == "A"
    assert Step.objects.get().goal == "A"


def test_a_redo_recorded_twice_at_once_opens_one_next_try(world, step):
    def redo(by, note):
        return lambda: evidence.step_update(
            step=step, by=by, expected_version=1, result="redo", ended_on=DAY, note=note
        )

    result = overlap(redo(world.member, "Te weinig data"), redo(world.coordinator, "Fout"))
    _refused_second(result)
    next_try = Step.objects.get(previous_try=step)
    assert (next_try.try_number, Step.objects.count()) == (2, 2)
    assert Step.objects.get(pk=step.pk).note == "Te weinig data"


def test_a_redo_of_a_step_deleted_at_the_same_moment_opens_no_try(world, step):
    result = overlap(
        lambda: evidence.step_delete(step=step, by=world.coordinator, expected_version=1),
        lambda: evidence.step_update(
            step=step, by=world.member, expected_version=1, result="redo", ended_on=DAY
        ),
    )
    _refused_second(result)
    assert not Step.objects.exists()


def test_two_session_edits_from_the_same_version_keep_the_first(world):
    session = evidence.end_user_session_create(
        project=world.project, by=world.member, kind="test", held_on=DAY, participants=5
    )

    def edit(by, count):
        return lambda: evidence.end_user_session_update(
            session=session, by=by, expected_version=1, participants=count
        )

    result = overlap(edit(world.member, 6), edit(world.coordinator, 7))
    assert _refused_second(result).participants == 6
    assert EndUserSession.objects.get().participants == 6


def test_a_session_deleted_twice_at_once_is_deleted_once(world):
    session = evidence.end_user_session_create(
        project=world.project, by=world.member, kind="test", held_on=DAY, participants=5
    )

    def delete(by):
        return lambda: evidence.end_user_session_delete(session=session, by=by)

    result = overlap(delete(world.member), delete(world.coordinator))
    result.first.get(), result.second.get()
    assert result.second_waited
    assert not EndUserSession.objects.exists()
    assert ChangeRecord.objects.filter(action="deleted").count() == 1


def test_a_learning_event_changed_while_it_is_deleted_is_a_conflict(world):
    event = evidence.learning_event_create(
        project=world.project, by=world.member, kind="retrospective", held_on=DAY
    )
    result = overlap(
        lambda: evidence.learning_event_delete(event=event, by=world.coordinator),
        lambda: evidence.learning_event_update(
            event=event, by=world.member, expected_version=1, lesson="Begin klein."
        ),
    )
    _refused_second(result)
    assert not ChangeRecord.objects.filter(action="updated").exists()


# The room's records: partners, budget lines, mandates -----------------------------------


def _partner(world):
    return partner_add(
        project=world.project,
        by=world.member,
        kind=PartnerKind.SUPPLIER,
        name="Datalab",
        starts_on=DAY,
        brings=["knowledge"],
    )


def _line(world):
    return room.budget_line_add(
        project=world.project,
        by=world.member,
        amount=Decimal(1000),
        source="Innovatiebudget",
        starts_on=DAY,
        ends_on=DAY + datetime.timedelta(days=365),
    )


def _mandate(world):
    return room.mandate_add(
        project=world.project, by=world.member, decided_on=DAY, decided_by="CIO", scope="Proef"
    )


def test_two_partner_edits_from_the_same_version_keep_the_first(world):
    partner = _partner(world)

    def edit(by, name):
        return lambda: partner_change(partner=partner, by=by, expected_version=1, name=name)

    result = overlap(edit(world.member, "A"), edit(world.coordinator, "B"))
    assert _refused_second(result).name == "A"
    assert Partner.objects.get().name == "A"


def test_a_partner_changed_while_it_is_removed_is_a_conflict(world):
    partner = _partner(world)
    result = overlap(
        lambda: partner_remove(partner=partner, by=world.coordinator, expected_version=1),
        lambda: partner_change(partner=partner, by=world.member, expected_version=1, name="B"),
    )
    _refused_second(result)
    assert not Partner.objects.exists()


def test_a_budget_line_changed_while_it_is_removed_is_a_conflict(world):
    line = _line(world)
    result = overlap(
        lambda: room.budget_line_remove(line=line, by=world.coordinator, expected_version=1),
        lambda: room.budget_line_change(
            line=line, by=world.member, expected_version=1, amount=Decimal(2000)
        ),
    )
    _refused_second(result)
    assert not BudgetLine.objects.exists()


def test_two_budget_edits_from_the_same_version_keep_the_first(world):
    line = _line(world)

    def edit(by, amount):
        return lambda: room.budget_line_change(
            line=line, by=by, expected_version=1, amount=Decimal(amount)
        )

    result = overlap(edit(world.member, 2000), edit(world.coordinator, 3000))
    assert _refused_second(result).amount == Decimal(2000)
    assert BudgetLine.objects.get().amount == Decimal(2000)


def test_two_mandate_edits_from_the_same_version_keep_the_first(world):
    mandate = _mandate(world)

    def edit(by, scope):
        return lambda: room.mandate_change(mandate=mandate, by=by, expected_version=1, scope=scope)

    result = overlap(edit(world.member, "A"), edit(world.coordinator, "B"))
    assert _refused_second(result).scope == "A"
    assert Mandate.objects.get().scope == "A"


def test_a_mandate_removed_twice_at_once_is_removed_once(world):
    mandate = _mandate(world)

    def remove(by):
        return lambda: room.mandate_remove(mandate=mandate, by=by, expected_version=1)

    result = overlap(remove(world.member), remove(world.coordinator))
    result.first.get(), result.second.get()
    assert result.second_waited
    assert not Mandate.objects.exists()
    assert ChangeRecord.objects.filter(action="mandate_removed").count() == 1
