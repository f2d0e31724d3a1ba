"""An organisation's administrators manage its members: a role change is its own recorded
step, removal keeps at least one administrator, and nobody else can do either."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from koers.audit.models import ChangeRecord
from koers.organisations.models import Membership, Role
from koers.organisations.services import (
    membership_change_role,
    membership_remove,
    organisation_settings_update,
)


def membership(user, org):
    return Membership.objects.get(user=user, organisation=org)


def test_a_role_change_is_recorded_with_old_and_new_role(world):
    changed = membership_change_role(
        membership=membership(world.member, world.a), role=Role.COORDINATOR, by=world.admin
    )
    assert changed.role == Role.COORDINATOR
    record = ChangeRecord.objects.get(action="role_changed", object_id=changed.pk)
    assert record.changes == {"role": ["member", "coordinator"]} and record.actor == world.admin


@pytest.mark.parametrize("who", ["coordinator", "member", "b_coordinator"])
def test_only_administrators_change_roles(world, who):
    with pytest.raises(PermissionDenied):
        membership_change_role(
            membership=membership(world.viewer, world.a),
            role=Role.ADMINISTRATOR,
            by=getattr(world, who),
        )
    assert membership(world.viewer, world.a).role == Role.VIEWER


def test_the_last_administrator_can_be_neither_demoted_nor_removed(world):
    own = membership(world.admin, world.a)
    with pytest.raises(ValidationError):
        membership_change_role(membership=own, role=Role.MEMBER, by=world.admin)
    with pytest.raises(ValidationError):
        membership_remove(membership=own, by=world.admin)
    assert membership(world.admin, world.a).role == Role.ADMINISTRATOR
    # With a second administrator the first may step down.
    membership_change_role(
        membership=membership(world.coordinator, world.a), role=Role.ADMINISTRATOR, by=world.admin
    )
    membership_change_role(membership=own, role=Role.MEMBER, by=world.admin)
    assert membership(world.admin, world.a).role == Role.MEMBER


def test_removing_a_member_is_recorded(world):
    membership_remove(membership=membership(world.viewer, world.a), by=world.admin)
    assert not Membership.objects.filter(user=world.viewer, organisation=world.a).exists()
    assert ChangeRecord.objects.filter(action="member_removed", object_id=world.a.pk).exists()


def test_settings_are_for_administrators_and_validated(world):
    with pytest.raises(PermissionDenied):
        organisation_settings_update(
            organisation=world.a, by=world.coordinator, name="X", cbs_code=""
        )
    with pytest.raises(ValidationError):
        organisation_settings_update(
            organisation=world.a, by=world.admin, name="X", cbs_code="0344"
        )
    organisation_settings_update(
        organisation=world.a, by=world.admin, name="Gemeente A", cbs_code="gm0344"
    )
    world.a.refresh_from_db()
    assert (world.a.name, world.a.cbs_code) == ("Gemeente A", "GM0344")
