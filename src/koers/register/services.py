"""Keeping a project's Algoritmeregister record. Who may change the project may change its
record (its team members who are members of the owner, and the owner's coordinators).

The record is not read by the portfolio analysis, so changing it does not bump the
organisation's data version."""

from typing import Any

from django.db import transaction

from koers.audit.services import change_record, field_changes
from koers.locking import lock_rows
from koers.projects.access import require_edit
from koers.projects.models import Project
from koers.projects.services import EditConflict

from .models import AlgorithmRecord
from .selectors import suppliers_for
from .validation import RECORD_FIELDS, clean_record_fields


def _snapshot(record: AlgorithmRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in RECORD_FIELDS}


@transaction.atomic
def algorithm_record_create(*, project: Project, by: Any, **fields: Any) -> AlgorithmRecord:
    """Mark the project as using an algorithm: a record, filled with what the project already
    says where the fields are not given. Creating it twice gives the one record."""
    require_edit(by, project)
    lock_rows(Project.objects.filter(pk=project.pk))  # two people starting it at once
    existing = AlgorithmRecord.objects.filter(project=project).first()
    if existing is not None:
        return existing
    suppliers = ", ".join(suppliers_for(project))
    defaults = {
        "name": project.title if len(project.title) <= 100 else "",
        "source_data": project.data_sources,
        # The register's provider is the supplier of the algorithm; the team confirms it.
        "provider": suppliers if len(suppliers) <= 200 else "",
    }
    cleaned = clean_record_fields({**defaults, **fields}, stage=project.stage)
    record = AlgorithmRecord(project=project, created_by=by, **cleaned)
    record.save()
    change_record(
        actor=by,
        obj=record,
        action="created",
        changes={"project": project.pk, **{k: v for k, v in cleaned.items() if v}},
    )
    return record


@transaction.atomic
def algorithm_record_update(
    *, record: AlgorithmRecord, by: Any, expected_version: int, **fields: Any
) -> AlgorithmRecord:
    """Change fields of the record; refused when someone saved it since `expected_version`.
    Every field is checked (a ValidationError names each wrong one); disallowed HTML is
    removed. The history keeps the old and new value of each changed field."""
    project = record.project
    require_edit(by, project)
    locked = AlgorithmRecord.objects.select_for_update().get(pk=record.pk)
    if locked.version != expected_version:
        raise EditConflict()
    # Month rules read begin, end and status together, also when only one of them changes.
    months = {k: getattr(locked, k) for k in ("begin_date", "end_date", "status_override")}
    cleaned = clean_record_fields({**months, **fields}, stage=project.stage)
    before = _snapshot(locked)
    for name, value in cleaned.items():
        setattr(locked, name, value)
    changes = field_changes(before, _snapshot(locked))
    if not changes:
        return locked
    locked.version += 1
    locked.save()
    locked.project = project
    change_record(actor=by, obj=locked, action="updated", changes=changes)
    return locked


@transaction.atomic
def algorithm_record_delete(*, record: AlgorithmRecord, by: Any) -> None:
    """The project uses no algorithm after all; the history keeps what the record said."""
    require_edit(by, record.project)
    locked = AlgorithmRecord.objects.select_for_update().filter(pk=record.pk).first()
    if locked is None:
        return
    change_record(
        actor=by,
        obj=locked,
        action="deleted",
        changes={"project": locked.project_id, **_snapshot(locked)},
    )
    locked.delete()
