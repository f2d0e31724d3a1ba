"""Records that belong to a project and tell its story (partners, budget lines, mandates):
changed by the people who may edit the project, versioned, and kept in the project's history.

The history records hang on the project itself (action "<kind>_added", "<kind>_changed",
"<kind>_removed", with the record's id under `kind`), so the project's history tells them
without knowing every kind of record, and a removed record still reads as a sentence.
"""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import models, transaction

from koers.audit.services import change_record, field_changes
from koers.organisations.services import portfolio_changed

from .access import require_edit
from .models import Project

Record = TypeVar("Record", bound=models.Model)


def _snapshot(record: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in fields}


@transaction.atomic
def record_add(
    *,
    project: Project,
    by: Any,
    record: Record,
    kind: str,
    fields: Iterable[str],
    label: Callable[[Any], str],
) -> Record:
    """Save a new record of the project (`record.project` is set by the caller). `label`
    names the record in the history."""
    require_edit(by, project)
    record.full_clean()
    record.save()
    change_record(
        actor=by,
        obj=project,
        action=f"{kind}_added",
        changes={kind: record.pk, "label": label(record), **_snapshot(record, fields)},
    )
    portfolio_changed(organisation_id=project.owner_id)
    return record


@transaction.atomic
def record_change(
    *,
    record: Record,
    by: Any,
    expected_version: int,
    kind: str,
    fields: Iterable[str],
    values: dict[str, Any],
    label: Callable[[Any], str],
) -> Record:
    """Change a record of the project; refused when it changed since `expected_version`."""
    from .services import EditConflict

    project = record.project
    require_edit(by, project)
    fields = tuple(fields)
    locked = type(record).objects.select_for_update().filter(pk=record.pk).first()
    if locked is None or locked.version != expected_version:
        raise EditConflict()  # changed, or removed, since this edit started
    before = _snapshot(locked, fields)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.full_clean()
    changes = field_changes(before, _snapshot(locked, fields))
    if changes:
        locked.version += 1
        locked.save()
        change_record(
            actor=by,
            obj=project,
            action=f"{kind}_changed",
            changes={kind: locked.pk, "label": label(locked), **changes},
        )
        portfolio_changed(organisation_id=project.owner_id)
    return locked


@transaction.atomic
def record_remove(
    *,
    record: models.Model,
    by: Any,
    expected_version: int | None,
    kind: str,
    fields: Iterable[str],
    label: Callable[[Any], str],
) -> None:
    """Remove a record of the project; its history keeps what it was."""
    from .services import EditConflict

    project = record.project
    require_edit(by, project)
    locked = type(record).objects.select_for_update().filter(pk=record.pk).first()
    if locked is None:
        return  # removed in the meantime: the wish is fulfilled
    if expected_version is not None and locked.version != expected_version:
        raise EditConflict()
    change_record(
        actor=by,
        obj=project,
        action=f"{kind}_removed",
        changes={kind: locked.pk, "label": label(locked), **_snapshot(locked, fields)},
    )
    locked.delete()
    portfolio_changed(organisation_id=project.owner_id)
