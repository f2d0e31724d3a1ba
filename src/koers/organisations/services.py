"""Creating organisations, giving people a role in them, and managing their members."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from koers.audit.services import change_record, field_changes
from koers.locking import lock_rows

from .models import Membership, Organisation, Role
from .selectors import has_role


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


# Organisations whose bump waits for the end of a batch (see portfolio_batch); None: no batch.
_batched: ContextVar[set[int] | None] = ContextVar("portfolio_batch", default=None)


def portfolio_changed(*, organisation_id: int) -> None:
    """The organisation's portfolio data changed (a project, a stage, a submitted scan): bump
    its data version in the same transaction, so that readers see the new version exactly
    when they see the new data. Whatever was computed at the old version is stale; the new
    analysis is requested from the worker after commit (insights/kept.py). The row stays
    locked until commit; callers lock projects and scans before, never after, it."""
    batched = _batched.get()
    if batched is not None:
        batched.add(organisation_id)
        return
    Organisation.objects.filter(pk=organisation_id).update(data_version=F("data_version") + 1)
    # After commit, the worker computes the analysis of the new data (once per transaction).
    from koers.insights.kept import request_after_commit

    request_after_commit(organisation_id=organisation_id)


@contextmanager
def portfolio_batch() -> Iterator[None]:
    """Many changes, one bump: inside the block the services' bumps are collected, and each
    organisation they name is bumped once at its end. Call it inside the batch's transaction
    (an import of a whole list), so the one bump commits or rolls back with the changes."""
    if _batched.get() is not None:  # already inside a batch: the outer one bumps
        yield
        return
    token = _batched.set(set())
    try:
        yield
        names = _batched.get() or set()
    finally:
        _batched.reset(token)
    for organisation_id in sorted(names):
        portfolio_changed(organisation_id=organisation_id)


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
    """Give `user` a role in the organisation (platform staff through the admin, the demo,
    imports). Demoting an administrator keeps the organisation at least one, as
    membership_change_role does."""
    _lock_administrators(organisation.pk)
    current = Membership.objects.select_for_update().filter(user=user, organisation=organisation)
    found = current.first()
    if found is not None:
        _keeps_an_administrator(found, role)
    membership, created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    change_record(
        actor=by, obj=membership, action="created" if created else "updated", changes={"role": role}
    )
    if hasattr(user, "_koers_roles"):
        del user._koers_roles
    return membership


def _require_administrator(by: Any, organisation: Organisation) -> None:
    if not has_role(by, organisation.pk, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only administrators of the organisation do this."))


def _keeps_an_administrator(membership: Membership, new_role: str | None) -> None:
    """An organisation never loses its last administrator: nobody could manage it after."""
    if membership.role != Role.ADMINISTRATOR or new_role == Role.ADMINISTRATOR:
        return
    others = Membership.objects.filter(
        organisation_id=membership.organisation_id, role=Role.ADMINISTRATOR
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            _("%(organisation)s keeps at least one administrator; appoint another one first.")
            % {"organisation": membership.organisation.name}
        )


def _lock_administrators(organisation_id: int) -> None:
    """Lock the organisation's administrators, so two demotions or removals cannot both
    pass the check that one stays."""
    lock_rows(Membership.objects.filter(organisation_id=organisation_id, role=Role.ADMINISTRATOR))


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by: Any) -> Membership:
    """The explicit step that changes someone's role, recorded with the old and new role."""
    _require_administrator(by, membership.organisation)
    _lock_administrators(membership.organisation_id)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.role == role:
        return locked
    _keeps_an_administrator(locked, role)
    old = locked.role
    locked.role = role
    locked.save(update_fields=["role"])
    change_record(actor=by, obj=locked, action="role_changed", changes={"role": [old, role]})
    return locked


@transaction.atomic
def membership_remove(*, membership: Membership, by: Any) -> None:
    _require_administrator(by, membership.organisation)
    _lock_administrators(membership.organisation_id)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    _keeps_an_administrator(locked, None)
    change_record(
        actor=by,
        obj=locked.organisation,
        action="member_removed",
        changes={"user": locked.user_id, "role": locked.role},
    )
    locked.delete()


@transaction.atomic
def organisation_settings_update(
    *, organisation: Organisation, by: Any, name: str, cbs_code: str | None
) -> Organisation:
    """The settings an organisation's own administrators may change."""
    _require_administrator(by, organisation)
    return organisation_update(
        organisation=organisation,
        by=by,
        name=name.strip(),
        cbs_code=(cbs_code or "").strip().upper() or None,
    )
