"""Creating organisations and giving people a role in them."""

from typing import Any

from django.db import transaction

from koers.audit.services import change_record, field_changes

from .models import Membership, Organisation, Role


@transaction.atomic
def organisation_create(
    *,
    name: str,
    slug: str,
    kind: str,
    cbs_code: str | None = None,
    is_demo: bool = False,
    by: Any = None,
) -> Organisation:
    org = Organisation(name=name, slug=slug, kind=kind, cbs_code=cbs_code or None, is_demo=is_demo)
    org.full_clean()
    org.save()
    change_record(actor=by, obj=org, action="created", changes={"name": name, "kind": kind})
    return org


ORGANISATION_FIELDS = ("name", "slug", "kind", "cbs_code", "is_demo")


@transaction.atomic
def organisation_update(*, organisation: Organisation, by: Any, **fields: Any) -> Organisation:
    """Change an organisation's own fields (platform staff, through the admin)."""
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = {f: getattr(locked, f) for f in ORGANISATION_FIELDS}
    for name in ORGANISATION_FIELDS:
        if name in fields:
            setattr(locked, name, fields[name] if name != "cbs_code" else fields[name] or None)
    locked.full_clean()
    locked.save()
    changes = field_changes(before, {f: getattr(locked, f) for f in ORGANISATION_FIELDS})
    if changes:
        change_record(actor=by, obj=locked, action="updated", changes=changes)
    return locked


@transaction.atomic
def membership_set(
    *, user: Any, organisation: Organisation, role: Role, by: Any = None
) -> Membership:
    membership, created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    change_record(
        actor=by, obj=membership, action="created" if created else "updated", changes={"role": role}
    )
    if hasattr(user, "_koers_roles"):
        del user._koers_roles
    return membership
