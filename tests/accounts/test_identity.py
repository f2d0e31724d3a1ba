"""Identity-provider groups: which role a group gives in which organisation, the default
when none is mapped, existing roles left alone, and only administrators keep the mapping."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from koers.accounts.identity import Grant, grants_apply, grants_for, identity_group_add
from koers.accounts.models import IdentityGroup
from koers.organisations.models import Membership, Role
from tests.factories import UserFactory


def test_the_highest_mapped_role_per_organisation(world):
    IdentityGroup.objects.create(organisation=world.a, group="leden", role=Role.MEMBER)
    IdentityGroup.objects.create(organisation=world.a, group="coord", role=Role.COORDINATOR)
    IdentityGroup.objects.create(organisation=world.b, group="leden", role=Role.VIEWER)
    assert grants_for(["leden", "coord", "other"]) == sorted(
        [Grant(world.a.pk, Role.COORDINATOR), Grant(world.b.pk, Role.VIEWER)],
        key=lambda g: g.organisation_id,
    )
    assert grants_for(["other"]) == []


def test_the_default_organisation_when_no_group_is_mapped(world, settings):
    settings.KOERS_OIDC_DEFAULT_ORGANISATION = world.b.slug
    assert grants_for([]) == [Grant(world.b.pk, "viewer")]


def test_an_existing_role_is_never_changed_by_a_sign_in(world):
    grants_apply(user=world.member, grants=[Grant(world.a.pk, Role.ADMINISTRATOR)])
    assert Membership.objects.get(user=world.member, organisation=world.a).role == Role.MEMBER
    newcomer = UserFactory()
    grants_apply(user=newcomer, grants=[Grant(world.a.pk, Role.VIEWER)])
    assert Membership.objects.get(user=newcomer, organisation=world.a).role == Role.VIEWER


def test_only_administrators_map_groups(world):
    with pytest.raises(PermissionDenied):
        identity_group_add(by=world.coordinator, organisation=world.a, group="g", role="member")
    identity_group_add(by=world.admin, organisation=world.a, group="g", role="member")
    with pytest.raises(ValidationError):
        identity_group_add(by=world.admin, organisation=world.a, group="g", role="viewer")
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("web:org_identity_groups", args=[world.a.slug])
    assert client.get(url).status_code == 403
    client.force_login(world.admin)
    assert client.post(url, {"group": "koers-team", "role": "coordinator"}).status_code == 302
    assert IdentityGroup.objects.filter(group="koers-team", role="coordinator").exists()


def test_the_refusal_page_never_errs(client, db):
    response = client.get(reverse("oidc_refused"))
    assert response.status_code == 403 and "Inloggen lukte niet" in response.content.decode()
