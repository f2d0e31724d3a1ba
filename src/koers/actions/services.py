"""Keeping a project's action plan."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.audit.services import change_record, field_changes
from koers.framework.models import ActionOption
from koers.organisations.selectors import roles_of
from koers.projects.access import require_edit
from koers.projects.models import Project
from koers.projects.services import EditConflict

from .evidence_links import content_type_of, evidence_check, evidence_snapshot
from .models import Action, ActionStatus

ACTION_FIELDS = ("title", "description", "owner_id", "due_date", "status", "factor_number")


def _check_owner(project: Project, owner: Any) -> None:
    if (
        owner is not None
        and project.owner_id not in roles_of(owner)
        and not project.team.filter(user=owner).exists()
    ):
        raise ValidationError(
            {"owner": _("The owner must work for the project's organisation or be on its team.")}
        )


@transaction.atomic
def action_create(
    *,
    project: Project,
    by: Any,
    title: str,
    description: str = "",
    option: ActionOption | None = None,
    factor_number: int | None = None,
    owner: Any = None,
    due_date: datetime.date | None = None,
    status: str = ActionStatus.PLANNED,
) -> Action:
    require_edit(by, project)
    _check_owner(project, owner)
    if option is not None:
        factor_number = option.factor.number
    action = Action(
        project=project,
        title=title,
        description=description,
        option=option,
        factor_number=factor_number,
        owner=owner,
        due_date=due_date,
        status=status,
        created_by=by,
    )
    action.full_clean()
    action.save()
    change_record(
        actor=by,
        obj=action,
        action="created",
        changes={f: getattr(action, f) for f in ACTION_FIELDS},
    )
    return action


_UNSET = object()


def _set_evidence(action: Action, record: Any) -> None:
    """Point a done action at the project's own record that shows it (None: at nothing)."""
    if record is None:
        action.evidence_type, action.evidence_id = None, None
        return
    if action.status != ActionStatus.DONE:
        raise ValidationError(
            {"evidence": _("Only an action that is done can point at the record that shows it.")}
        )
    evidence_check(record=record, project=action.project)
    action.evidence_type, action.evidence_id = content_type_of(record), record.pk


@transaction.atomic
def action_update(
    *, action: Action, by: Any, expected_version: int, evidence: Any = _UNSET, **fields: Any
) -> Action:
    """Change an action. `evidence`: the record (of this project) that shows it is done, or
    None to point at nothing; left out, the link stays unless the action is no longer done."""
    require_edit(by, action.project)
    locked = Action.objects.select_for_update().select_related("project").get(pk=action.pk)
    if locked.version != expected_version:
        raise EditConflict()
    if "owner" in fields:
        _check_owner(action.project, fields["owner"])
    before = {f: getattr(locked, f) for f in ACTION_FIELDS}
    evidence_before = (locked.evidence_type_id, locked.evidence_id)
    snapshot_before = evidence_snapshot(locked.evidence) if locked.evidence_id else None
    for name, value in fields.items():
        setattr(locked, name, value)
    if evidence is not _UNSET:
        _set_evidence(locked, evidence)
    elif locked.status != ActionStatus.DONE:
        _set_evidence(locked, None)  # no longer done: nothing shows it any more
    locked.version += 1
    locked.full_clean()
    locked.save()
    changes = field_changes(before, {f: getattr(locked, f) for f in ACTION_FIELDS})
    if (locked.evidence_type_id, locked.evidence_id) != evidence_before:
        after = evidence_snapshot(evidence) if evidence not in (_UNSET, None) else None
        changes["evidence"] = [snapshot_before, after]
    if changes:
        change_record(actor=by, obj=locked, action="updated", changes=changes)
    return locked


@transaction.atomic
def action_delete(*, action: Action, by: Any) -> None:
    """Delete an action from the plan; its history keeps what it was and whose project."""
    require_edit(by, action.project)
    locked = Action.objects.select_for_update().filter(pk=action.pk).first()
    if locked is None:
        return  # deleted in the meantime: the wish is fulfilled
    snapshot = {f: getattr(locked, f) for f in ACTION_FIELDS}
    change_record(
        actor=by,
        obj=locked,
        action="deleted",
        changes={**snapshot, "project": locked.project_id, "option": locked.option_id},
    )
    locked.delete()
