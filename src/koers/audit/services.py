"""Recording changes. Called by every service inside its transaction."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from . import stamps
from .models import ChangeRecord


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)  # exact, and JSON has no decimals
    if isinstance(value, (list, tuple, set)):
        return sorted(_plain(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def change_record(
    *, actor: Any, obj: models.Model, action: str, changes: dict | None = None
) -> ChangeRecord:
    """Store one change; `changes` maps field name to [old, new] or to a value."""
    record = _unsaved(actor, obj, action, changes)
    record.save(force_insert=True)
    stamps.touched([(obj, action)])  # what is kept of the organisation's records is stale now
    return record


def change_records_add(
    *, actor: Any, changes: Iterable[tuple[models.Model, str, dict | None]]
) -> list[ChangeRecord]:
    """Many changes by one person at once (an import of a list): the records change_record
    would make, one (object, action, changes) each, stored in one insert."""
    changes = list(changes)
    records = ChangeRecord.objects.bulk_create(
        [_unsaved(actor, obj, action, data) for obj, action, data in changes], batch_size=500
    )
    stamps.touched([(obj, action) for obj, action, _data in changes])
    return records


def _unsaved(actor: Any, obj: models.Model, action: str, changes: dict | None) -> ChangeRecord:
    plain = {
        k: _plain(v) if not isinstance(v, list) else [_plain(x) for x in v]
        for k, v in (changes or {}).items()
    }
    return ChangeRecord(
        actor=actor if getattr(actor, "pk", None) else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        changes=plain,
    )


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """[old, new] for every field whose value differs."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
