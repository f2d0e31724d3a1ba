"""Leader and room (factors 1 and 2): the sponsor, budget lines and mandates. Recorded by
the team, refused with a message on the field when wrong (nothing saved), versioned, told in
the project's history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from koers.audit.models import ChangeRecord
from koers.organisations.models import Organisation
from koers.projects.history import history_lines, project_history
from koers.projects.models import BudgetLine, Mandate
from koers.projects.room import (
    budget_line_add,
    budget_line_change,
    budget_line_get,
    budget_line_remove,
    mandate_add,
    mandate_change,
    mandate_get,
    room_of,
)
from koers.projects.selectors import project_get
from koers.projects.services import EditConflict, project_update

DAY = datetime.date(2026, 1, 1)


def budget(world, **overrides):
    values = {
        "project": world.project,
        "by": world.member,
        "amount": Decimal("25000"),
        "source": "Innovatiefonds",
        "starts_on": DAY,
        "ends_on": DAY + datetime.timedelta(days=364),
    }
    return budget_line_add(**{**values, **overrides})


def mandate(world, **overrides):
    values = {
        "project": world.project,
        "by": world.member,
        "decided_on": DAY,
        "decided_by": "Directieteam",
        "scope": "Een experiment van zes maanden.",
    }
    return mandate_add(**{**values, **overrides})


def test_budget_and_mandate_are_recorded_and_shown_in_the_history(world):
    version = Organisation.objects.get(pk=world.a.pk).data_version
    budget(world)
    budget(world, amount=Decimal("1234.50"), source="Afdeling", starts_on=DAY, ends_on=DAY)
    mandate(world)
    room = room_of(project=project_get(user=world.viewer, pk=world.project.pk))
    assert room.budget_total == Decimal("26234.50")
    assert [m.decided_by for m in room.mandates] == ["Directieteam"]
    assert room.leaders == [world.member]
    assert Organisation.objects.get(pk=world.a.pk).data_version == version + 3
    lines = [line.text for line in history_lines(project_history(project=world.project))]
    assert "Directieteam" in lines[0]
    assert "€\u00a01,234.50" in lines[1] and "Afdeling" in lines[1]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": Decimal("-1")}, "amount"),  # a negative amount
        ({"ends_on": DAY - datetime.timedelta(days=1)}, "ends_on"),  # dates in the wrong order
        ({"source": ""}, "source"),  # no source
        ({"source": "x" * 201}, "source"),  # a source longer than a title
    ],
)
def test_bad_budget_lines_are_refused_and_nothing_saved(world, overrides, field):
    with pytest.raises(ValidationError) as refused:
        budget(world, **overrides)
    assert field in refused.value.message_dict
    assert not BudgetLine.objects.exists()
    assert not ChangeRecord.objects.filter(action__startswith="budget").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"decided_on": timezone.localdate() + datetime.timedelta(days=1)}, "decided_on"),
        ({"decided_by": ""}, "decided_by"),
        ({"scope": ""}, "scope"),
    ],
)
def test_bad_mandates_are_refused_and_nothing_saved(world, overrides, field):
    with pytest.raises(ValidationError) as refused:
        mandate(world, **overrides)
    assert field in refused.value.message_dict
    assert not Mandate.objects.exists()


def test_a_change_of_a_budget_line_on_a_stale_version_is_refused(world):
    line = budget(world)
    budget_line_change(line=line, by=world.member, expected_version=1, amount=Decimal("30000"))
    with pytest.raises(EditConflict):
        budget_line_change(line=line, by=world.coordinator, expected_version=1, source="Rijk")
    line.refresh_from_db()
    assert (line.amount, line.source, line.version) == (Decimal("30000"), "Innovatiefonds", 2)
    text = history_lines(project_history(project=world.project))[0].text
    assert "25,000.00" in text and "30,000.00" in text


def test_a_changed_period_in_the_wrong_order_is_refused(world):
    line = budget(world)
    with pytest.raises(ValidationError):
        budget_line_change(
            line=line, by=world.member, expected_version=1, ends_on=DAY - datetime.timedelta(1)
        )
    line.refresh_from_db()
    assert line.version == 1


@pytest.mark.parametrize("who", ["viewer", "other_member", "b_coordinator"])
def test_only_people_who_may_edit_the_project_record_room(world, who):
    person = getattr(world, who)
    with pytest.raises(PermissionDenied):
        budget(world, by=person)
    with pytest.raises(PermissionDenied):
        mandate(world, by=person)
    line, given = budget(world), mandate(world)
    with pytest.raises(PermissionDenied):
        budget_line_remove(line=line, by=person)
    with pytest.raises(PermissionDenied):
        mandate_change(mandate=given, by=person, expected_version=1, scope="Meer")


def test_another_organisations_budget_and_mandate_are_not_found(world):
    line, given = budget(world), mandate(world)
    with pytest.raises(Http404):
        budget_line_get(user=world.b_member, pk=line.pk)
    with pytest.raises(Http404):
        mandate_get(user=world.b_member, pk=given.pk)


def test_the_sponsor_is_someone_of_the_owner(world):
    with pytest.raises(ValidationError) as refused:
        project_update(
            project=world.project, by=world.member, expected_version=1, sponsor=world.b_member
        )
    assert "sponsor" in refused.value.message_dict
    project = project_update(
        project=world.project, by=world.member, expected_version=1, sponsor=world.coordinator
    )
    assert project.sponsor == world.coordinator
    record = ChangeRecord.objects.filter(action="updated").latest("id")
    assert record.changes == {"sponsor": [None, world.coordinator.pk]}


def test_handles_personal_data_is_kept_and_in_the_history(world):
    project_update(
        project=world.project, by=world.member, expected_version=1, handles_personal_data=True
    )
    world.project.refresh_from_db()
    assert world.project.handles_personal_data
    text = history_lines(project_history(project=world.project))[0].text
    assert "personal data" in text
