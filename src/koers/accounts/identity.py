"""Which organisations and roles someone gets from their identity provider's groups, and the
administrators' mapping from group to organisation and role."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.audit.services import change_record
from koers.organisations.models import ROLE_RANK, Membership, Organisation, Role
from koers.organisations.selectors import has_role

from .models import IdentityGroup


@dataclass(frozen=True)
class Grant:
    organisation_id: int
    role: str


def grants_for(groups: list[str]) -> list[Grant]:
    """The highest mapped role per organisation for these groups; the configured default
    (KOERS_OIDC_DEFAULT_ORGANISATION and _ROLE) when no group is mapped."""
    best: dict[int, str] = {}
    for organisation_id, role in IdentityGroup.objects.filter(group__in=groups).values_list(
        "organisation_id", "role"
    ):
        if (
            organisation_id not in best
            or ROLE_RANK[Role(role)] > ROLE_RANK[Role(best[organisation_id])]
        ):
            best[organisation_id] = role
    if not best and settings.KOERS_OIDC_DEFAULT_ORGANISATION:
        default = Organisation.objects.filter(slug=settings.KOERS_OIDC_DEFAULT_ORGANISATION).first()
        if default is not None:
            best[default.pk] = settings.KOERS_OIDC_DEFAULT_ROLE
    return [Grant(org, role) for org, role in sorted(best.items())]


@transaction.atomic
def grants_apply(*, user: Any, grants: list[Grant]) -> None:
    """Add the memberships the provider grants. An existing role is never changed here:
    changing someone's role stays an explicit step on the members page."""
    for grant in grants:
        membership, created = Membership.objects.get_or_create(
            user=user, organisation_id=grant.organisation_id, defaults={"role": grant.role}
        )
        if created:
            change_record(
                actor=None,
                obj=membership,
                action="created",
                changes={"role": grant.role, "via": "identity provider"},
            )
    if hasattr(user, "_koers_roles"):
        del user._koers_roles


def _require_administrator(by: Any, organisation: Organisation) -> None:
    if not has_role(by, organisation.pk, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only administrators of the organisation do this."))


@transaction.atomic
def identity_group_add(
    *, by: Any, organisation: Organisation, group: str, role: str
) -> IdentityGroup:
    _require_administrator(by, organisation)
    group = group.strip()
    if not group:
        raise ValidationError({"group": _("Name the group as the identity provider sends it.")})
    mapped = ValidationError({"group": _("This group is mapped already.")})
    if IdentityGroup.objects.filter(organisation=organisation, group=group).exists():
        raise mapped
    try:
        with transaction.atomic():
            mapping = IdentityGroup.objects.create(
                organisation=organisation, group=group, role=role
            )
    except IntegrityError:  # mapped at the same moment by someone else
        raise mapped from None
    change_record(actor=by, obj=mapping, action="created", changes={"group": group, "role": role})
    return mapping


@transaction.atomic
def identity_group_remove(*, by: Any, mapping: IdentityGroup) -> None:
    _require_administrator(by, mapping.organisation)
    change_record(
        actor=by,
        obj=mapping.organisation,
        action="identity_group_removed",
        changes={"group": mapping.group, "role": mapping.role},
    )
    mapping.delete()
