"""Partners of a project (factors 6 and 7): the team records them, bad input is refused
with a message on its field and nothing saved, edits are versioned, every change is in the
project's history and bumps the organisation's data version."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from koers.audit.models import ChangeRecord
from koers.organisations.models import Organisation
from koers.partners.models import Partner, PartnerKind
from koers.partners.selectors import network_partners_of, partner_get, suppliers_of
from koers.partners.services import partner_add, partner_change, partner_remove
from koers.projects.history import history_lines, project_history
from koers.projects.services import EditConflict

DAY = datetime.date(2026, 3, 1)


def add(world, **overrides):
    values = {
        "project": world.project,
        "by": world.member,
        "kind": PartnerKind.SUPPLIER,
        "name": "Datalab BV",
        "starts_on": DAY,
        "brings": ["technology", "knowledge"],
    }
    return partner_add(**{**values, **overrides})


def data_version(org) -> int:
    return Organisation.objects.get(pk=org.pk).data_version


def test_a_team_member_adds_a_supplier_and_a_linked_network_partner(world):
    before = data_version(world.a)
    supplier = add(world)
    network = add(world, kind=PartnerKind.MUNICIPALITY, organisation=world.b, name="ignored")
    assert supplier.brings == ["technology", "knowledge"]
    assert network.display_name == world.b.name and network.name == ""
    assert list(suppliers_of(project=world.project)) == [supplier]
    assert list(network_partners_of(project=world.project)) == [network]
    assert data_version(world.a) == before + 2
    records = ChangeRecord.objects.filter(action="partner_added").order_by("id")
    assert [r.changes["partner"] for r in records] == [supplier.pk, network.pk]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": DAY - datetime.timedelta(days=1)}, "ends_on"),  # dates in the wrong order
        ({"name": "", "organisation": None}, "name"),  # no organisation and no name
        ({"name": "   "}, "name"),  # a name of spaces is no name
        ({"brings": []}, "brings"),  # brings nothing
        ({"brings": ["gold"]}, "brings"),  # brings what the list does not know
        ({"kind": "friend"}, "kind"),  # a kind that does not exist
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_saved(world, overrides, field):
    with pytest.raises(ValidationError) as refused:
        add(world, **overrides)
    assert field in refused.value.message_dict
    assert not Partner.objects.exists()
    assert not ChangeRecord.objects.filter(action__startswith="partner").exists()


def test_the_owner_is_not_its_own_partner(world):
    with pytest.raises(ValidationError) as refused:
        add(world, organisation=world.a)
    assert "organisation" in refused.value.message_dict


def test_the_refusal_speaks_dutch(world):
    with translation.override("nl"):
        with pytest.raises(ValidationError) as refused:
            add(world, ends_on=DAY - datetime.timedelta(days=1))
        assert "einddatum" in refused.value.message_dict["ends_on"][0]


@pytest.mark.parametrize("who", ["viewer", "other_member", "b_member", "b_coordinator"])
def test_only_people_who_may_edit_the_project_record_partners(world, who):
    with pytest.raises(PermissionDenied):
        add(world, by=getattr(world, who))
    partner = add(world)
    with pytest.raises(PermissionDenied):
        partner_change(partner=partner, by=getattr(world, who), expected_version=1, note="x")
    with pytest.raises(PermissionDenied):
        partner_remove(partner=partner, by=getattr(world, who))


def test_a_coordinator_records_partners_of_any_project_of_the_organisation(world):
    assert add(world, by=world.coordinator).pk


def test_a_change_on_a_stale_version_is_refused(world):
    partner = add(world)
    partner_change(partner=partner, by=world.member, expected_version=1, brings=["data"])
    with pytest.raises(EditConflict):
        partner_change(partner=partner, by=world.coordinator, expected_version=1, note="later")
    partner.refresh_from_db()
    assert partner.version == 2 and partner.brings == ["data"] and partner.note == ""
    with pytest.raises(EditConflict):
        partner_remove(partner=partner, by=world.member, expected_version=1)
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_a_change_records_only_what_changed_and_a_removal_keeps_the_partner(world):
    partner = add(world)
    partner_change(
        partner=partner, by=world.member, expected_version=1, brings=["knowledge"], note=""
    )
    changed = ChangeRecord.objects.get(action="partner_changed")
    assert changed.changes["brings_technology"] == [True, False]
    assert "note" not in changed.changes
    partner_remove(partner=partner, by=world.member, expected_version=2)
    removed = ChangeRecord.objects.get(action="partner_removed")
    assert removed.changes["label"] == "Datalab BV" and removed.changes["kind"] == "supplier"
    lines = [line.text for line in history_lines(project_history(project=world.project))]
    assert any("Datalab BV" in line for line in lines[:3]), lines


def test_unchanged_values_change_no_version(world):
    partner = add(world)
    same = partner_change(partner=partner, by=world.member, expected_version=1, note="")
    assert same.version == 1
    assert not ChangeRecord.objects.filter(action="partner_changed").exists()


def test_another_organisations_partner_is_not_found(world):
    from django.http import Http404

    partner = add(world)
    with pytest.raises(Http404):
        partner_get(user=world.b_member, pk=partner.pk)
    assert partner_get(user=world.viewer, pk=partner.pk) == partner


def test_people_of_a_linked_partner_may_join_the_team(world):
    from koers.projects.models import TeamRole
    from koers.projects.services import team_member_set

    with pytest.raises(ValidationError):
        team_member_set(
            project=world.project, by=world.member, user=world.b_member, team_role=TeamRole.LEGAL
        )
    add(world, kind=PartnerKind.CHAIN_PARTNER, organisation=world.b)
    team_member_set(
        project=world.project, by=world.member, user=world.b_member, team_role=TeamRole.LEGAL
    )
