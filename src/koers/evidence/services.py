"""Recording a project's evidence. Team members who may edit the project record its steps,
end-user sessions and learning events (`koers.projects.access.require_edit`); every change is
a `ChangeRecord` naming the project (so the project's history keeps deleted records too),
edits name the version they started from, and the organisation's data version is bumped
because the analysis may read evidence as conditions."""

import datetime
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from koers.audit.services import change_record, field_changes
from koers.organisations.services import portfolio_changed
from koers.projects.access import require_edit
from koers.projects.models import Project
from koers.projects.services import EditConflict

from . import rules
from .models import EndUserSession, LearningEvent, Step, StepResult

STEP_FIELDS = ("goal", "started_on", "planned_end", "ended_on", "result", "note")
SESSION_FIELDS = ("kind", "held_on", "participants", "audience", "outcome")
LEARNING_FIELDS = ("kind", "held_on", "participants", "lesson")
FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Step: STEP_FIELDS,
    EndUserSession: SESSION_FIELDS,
    LearningEvent: LEARNING_FIELDS,
}

R = TypeVar("R", Step, EndUserSession, LearningEvent)


def _snapshot(record: models.Model) -> dict[str, Any]:
    return {f: getattr(record, f) for f in FIELDS[type(record)]}


def _create(record: R, *, by: Any) -> R:
    require_edit(by, record.project)
    record.created_by = by
    record.created_at = record.updated_at = timezone.now()
    record.full_clean()
    record.save()
    change_record(
        actor=by,
        obj=record,
        action="created",
        changes={**_snapshot(record), "project": record.project_id},
    )
    portfolio_changed(organisation_id=record.project.owner_id)
    return record


def _update(record: R, *, by: Any, expected_version: int, fields: dict[str, Any]) -> R:
    require_edit(by, record.project)
    unknown = set(fields) - set(FIELDS[type(record)])
    if unknown:
        raise TypeError(f"not a field of {type(record).__name__}: {sorted(unknown)}")
    locked = type(record).objects.select_for_update().filter(pk=record.pk).first()
    if locked is None or locked.version != expected_version:
        raise EditConflict()
    before = _snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    changes = field_changes(before, _snapshot(locked))
    if not changes:
        return locked
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save()
    change_record(
        actor=by, obj=locked, action="updated", changes={**changes, "project": locked.project_id}
    )
    portfolio_changed(organisation_id=record.project.owner_id)
    return locked


def _delete(record: models.Model, *, by: Any, expected_version: int | None) -> None:
    project: Project = record.project  # type: ignore[attr-defined]
    require_edit(by, project)
    locked = type(record).objects.select_for_update().filter(pk=record.pk).first()
    if locked is None:
        return  # deleted in the meantime: the wish is fulfilled
    if expected_version is not None and locked.version != expected_version:
        raise EditConflict()  # changed since the page was read: look again before deleting
    change_record(
        actor=by,
        obj=locked,
        action="deleted",
        changes={**_snapshot(locked), "project": project.pk},
    )
    locked.delete()
    portfolio_changed(organisation_id=project.owner_id)


# Steps ---------------------------------------------------------------------------------


def _open_next_try(step: Step, *, by: Any) -> Step | None:
    """A redo opens the next try of the same step, as long as the previous try planned."""
    if step.result != StepResult.REDO or Step.objects.filter(previous_try=step).exists():
        return None
    today = timezone.localdate()
    start = step.ended_on or today
    length = max(step.planned_end - step.started_on, datetime.timedelta(days=1))
    latest = today + datetime.timedelta(days=rules.MAX_DAYS_AHEAD)
    return _create(
        Step(
            project=step.project,
            goal=step.goal,
            started_on=start,
            planned_end=min(start + length, latest),
            previous_try=step,
            try_number=step.try_number + 1,
        ),
        by=by,
    )


@transaction.atomic
def step_create(
    *,
    project: Project,
    by: Any,
    goal: str,
    started_on: datetime.date,
    planned_end: datetime.date,
    result: str = "",
    ended_on: datetime.date | None = None,
    note: str = "",
) -> Step:
    """Record a step: planned or running (no result), or already finished (a result and the
    day it finished). A redo opens the next try at once."""
    step = _create(
        Step(
            project=project,
            goal=goal,
            started_on=started_on,
            planned_end=planned_end,
            result=result,
            ended_on=ended_on,
            note=note,
        ),
        by=by,
    )
    _open_next_try(step, by=by)
    return step


@transaction.atomic
def step_update(*, step: Step, by: Any, expected_version: int, **fields: Any) -> Step:
    """Change a step, or record its result (`result`, `ended_on`, `note`); a result of redo
    opens the next try unless the step has one already."""
    updated = _update(step, by=by, expected_version=expected_version, fields=fields)
    _open_next_try(updated, by=by)
    return updated


@transaction.atomic
def step_delete(*, step: Step, by: Any, expected_version: int | None = None) -> None:
    """Delete a step; its next try, if any, stays and becomes a first try of its own."""
    _delete(step, by=by, expected_version=expected_version)


# End-user sessions ---------------------------------------------------------------------


@transaction.atomic
def end_user_session_create(
    *,
    project: Project,
    by: Any,
    kind: str,
    held_on: datetime.date,
    participants: int,
    audience: str = "",
    outcome: str = "",
) -> EndUserSession:
    return _create(
        EndUserSession(
            project=project,
            kind=kind,
            held_on=held_on,
            participants=participants,
            audience=audience,
            outcome=outcome,
        ),
        by=by,
    )


@transaction.atomic
def end_user_session_update(
    *, session: EndUserSession, by: Any, expected_version: int, **fields: Any
) -> EndUserSession:
    return _update(session, by=by, expected_version=expected_version, fields=fields)


@transaction.atomic
def end_user_session_delete(
    *, session: EndUserSession, by: Any, expected_version: int | None = None
) -> None:
    _delete(session, by=by, expected_version=expected_version)


# Learning events -----------------------------------------------------------------------


@transaction.atomic
def learning_event_create(
    *,
    project: Project,
    by: Any,
    kind: str,
    held_on: datetime.date,
    participants: str = "",
    lesson: str = "",
) -> LearningEvent:
    return _create(
        LearningEvent(
            project=project, kind=kind, held_on=held_on, participants=participants, lesson=lesson
        ),
        by=by,
    )


@transaction.atomic
def learning_event_update(
    *, event: LearningEvent, by: Any, expected_version: int, **fields: Any
) -> LearningEvent:
    return _update(event, by=by, expected_version=expected_version, fields=fields)


@transaction.atomic
def learning_event_delete(
    *, event: LearningEvent, by: Any, expected_version: int | None = None
) -> None:
    _delete(event, by=by, expected_version=expected_version)
