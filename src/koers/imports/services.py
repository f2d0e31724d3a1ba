"""Importing a project list: storing an upload, choosing its columns, and applying it.

Every project is created or changed through koers.projects.services, so an import leaves
the same history (with the importing person as author), the same checks and the same team
as typing the projects in would. The whole list is one transaction: every row or none."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.audit.services import change_record
from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import has_role
from koers.organisations.services import portfolio_batch, portfolio_changed
from koers.projects.access import require_create

from . import limits
from .apply import apply_plan
from .columns import recognise
from .models import ImportUpload
from .plan import CREATE, UPDATE, Plan, build_plan, load_context
from .reading import Table, read_table

KEEP_UPLOADS = datetime.timedelta(days=1)


def import_refusal(user: Any, organisation: Organisation) -> str | None:
    """Why the user may not import for this organisation, or None when they may."""
    if has_role(user, organisation.pk, Role.COORDINATOR):
        return None
    return _("Only coordinators and administrators of %(org)s can import projects for it.") % {
        "org": organisation.name
    }


def require_import(user: Any, organisation: Organisation) -> None:
    refusal = import_refusal(user, organisation)
    if refusal:
        raise PermissionDenied(refusal)


class ImportNotApplied(Exception):
    """The list has problems; nothing was saved. `plan` says which, per row."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(_("The list has problems; nothing was imported."))
        self.plan = plan


@transaction.atomic
def upload_store(*, by: Any, organisation: Organisation, raw: bytes, name: str) -> ImportUpload:
    """Read the file (ImportRefused says why it cannot be) and keep its table for the next
    steps, with the columns we recognise already mapped."""
    require_import(by, organisation)
    table = read_table(raw, name=name, max_rows=limits.MAX_PAGE_ROWS)
    ImportUpload.objects.filter(uploaded_by=by, organisation=organisation).delete()
    ImportUpload.objects.filter(created_at__lt=timezone.now() - KEEP_UPLOADS).delete()
    return ImportUpload.objects.create(
        organisation=organisation,
        uploaded_by=by,
        file_name=name[:200],
        kind=table.kind,
        encoding=table.encoding,
        headers=table.headers,
        rows=[[number, cells] for number, cells in table.rows],
        mapping={str(i): key for i, key in recognise(table.headers).items()},
    )


def table_of(upload: ImportUpload) -> Table:
    return Table(
        kind=upload.kind,
        headers=list(upload.headers),
        rows=[(int(number), list(cells)) for number, cells in upload.rows],
        encoding=upload.encoding,
    )


def mapping_of(upload: ImportUpload) -> dict[int, str]:
    return {int(i): key for i, key in upload.mapping.items() if key}


@transaction.atomic
def upload_map_columns(*, upload: ImportUpload, by: Any, mapping: dict[int, str]) -> None:
    require_import(by, upload.organisation)
    keys = [key for key in mapping.values() if key]
    if len(keys) != len(set(keys)):
        raise ValidationError(_("Each field can come from one column only."))
    upload.mapping = {str(i): key for i, key in mapping.items() if key}
    upload.save(update_fields=["mapping"])


def import_check(
    *, by: Any, organisation: Organisation, table: Table, mapping: dict[int, str]
) -> Plan:
    """The dry run: what would happen per row; nothing is saved."""
    require_import(by, organisation)
    return build_plan(table, mapping, load_context(organisation))


@dataclass
class Applied:
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return _("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@transaction.atomic
def import_apply(
    *, by: Any, organisation: Organisation, table: Table, mapping: dict[int, str], source: str
) -> Applied:
    """Carry out the whole list or nothing: the plan is made again inside the transaction
    (with the organisation's referenced projects locked) and written in batches (apply.py);
    any problem, found by the plan, by the models' checks or by the database's constraints
    on the way, rolls every row back and raises ImportNotApplied."""
    require_import(by, organisation)
    require_create(by, organisation)
    plan = build_plan(table, mapping, load_context(organisation, lock=True))
    if not plan.ok:
        raise ImportNotApplied(plan)
    note = _("Imported from the list “%(file)s”.") % {"file": source}
    try:
        with portfolio_batch():  # the organisation's data version moves once
            apply_plan(plan, organisation=organisation, by=by, note=note)
            if plan.count(CREATE) or plan.count(UPDATE):
                portfolio_changed(organisation_id=organisation.pk)
    except ValidationError as exc:
        raise ImportNotApplied(plan) from exc
    except IntegrityError as exc:
        # another import or edit took one of the references between the plan and the write
        plan.problems.append(
            _(
                "Someone else saved a project with one of these references in the meantime. "
                "Nothing was imported; check the list again."
            )
        )
        raise ImportNotApplied(plan) from exc
    applied = Applied(plan.count(CREATE), plan.count(UPDATE), plan.count("unchanged"))
    change_record(
        actor=by,
        obj=organisation,
        action="import",
        changes={
            "file": source,
            "created": applied.created,
            "updated": applied.updated,
            "unchanged": applied.unchanged,
        },
    )
    return applied
