"""Importing a project list: storing an upload, choosing its columns, and applying it.

Every project is created or changed through koers.projects.services, so an import leaves
the same history (with the importing person as author), the same checks and the same team
as typing the projects in would. The whole list is one transaction: every row or none."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koers.audit.services import change_record
from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import has_role
from koers.organisations.services import portfolio_batch, portfolio_changed
from koers.projects.access import require_create

from . import limits
from .apply import apply_plan
from .columns import recognise
from .models import PENDING, ImportUpload, UploadStatus
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
    table = read_table(raw, name=name, max_rows=limits.MAX_ROWS)
    # a list waiting for the worker stays until it is imported
    ImportUpload.objects.filter(uploaded_by=by, organisation=organisation).exclude(
        status__in=PENDING
    ).delete()
    ImportUpload.objects.filter(created_at__lt=timezone.now() - KEEP_UPLOADS).delete()
    return ImportUpload.objects.create(
        organisation=organisation,
        uploaded_by=by,
        file_name=name[:200],
        kind=table.kind,
        encoding=table.encoding,
        headers=table.headers,
        rows=[[number, cells] for number, cells in table.rows],
        row_count=len(table.rows),
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


def upload_apply(*, upload: ImportUpload, by: Any, language: str) -> Applied | None:
    """Import an uploaded list: a short one at once (ImportNotApplied says why not), a long
    one by the worker (None: queued; the upload's status and result tell how it went)."""
    require_import(by, upload.organisation)
    if upload.row_count <= limits.APPLY_IN_REQUEST_ROWS:
        applied = import_apply(
            by=by,
            organisation=upload.organisation,
            table=table_of(upload),
            mapping=mapping_of(upload),
            source=upload.file_name,
        )
        upload.delete()
        return applied
    queued = ImportUpload.objects.filter(pk=upload.pk, status=UploadStatus.CHECKING).update(
        status=UploadStatus.QUEUED, language=language, result={}
    )
    if queued:  # once, however often the button is pressed
        from .tasks import apply_upload

        transaction.on_commit(lambda: apply_upload.enqueue(upload.pk))
    return None


SHOWN_PROBLEMS = 500


def upload_run(*, upload_id: int) -> str:
    """The worker's part: import a queued upload, all or nothing, and keep the outcome on it
    for the page. Safe to run twice: only the run that takes it from the queue imports."""
    taken = ImportUpload.objects.filter(pk=upload_id, status=UploadStatus.QUEUED).update(
        status=UploadStatus.APPLYING
    )
    if not taken:
        return "not queued"
    upload = ImportUpload.objects.select_related("organisation", "uploaded_by").get(pk=upload_id)
    with translation.override(upload.language):
        try:
            applied = import_apply(
                by=upload.uploaded_by,
                organisation=upload.organisation,
                table=table_of(upload),
                mapping=mapping_of(upload),
                source=upload.file_name,
            )
        except ImportNotApplied as failed:
            problems = [[None, "", p] for p in failed.plan.problems] + [
                [row.row, p.column, p.message] for row in failed.plan.bad_rows for p in row.problems
            ]
            _finish(upload, UploadStatus.FAILED, message=str(failed), problems=problems)
            return "failed"
        except PermissionDenied as refused:
            _finish(upload, UploadStatus.FAILED, message=str(refused), problems=[])
            return "failed"
        except Exception:
            _finish(
                upload,
                UploadStatus.FAILED,
                message=_("The import stopped on an error; nothing was imported. Try again later."),
                problems=[],
            )
            raise
        _finish(
            upload,
            UploadStatus.DONE,
            message=str(applied),
            created=applied.created,
            updated=applied.updated,
            unchanged=applied.unchanged,
        )
    return "done"


def _finish(upload: ImportUpload, status: str, *, problems: list | None = None, **result: Any):
    if problems is not None:
        result["problems"] = problems[:SHOWN_PROBLEMS]
        result["more"] = max(0, len(problems) - SHOWN_PROBLEMS)
    upload.status, upload.result, upload.finished_at = status, result, timezone.now()
    if status == UploadStatus.DONE:
        upload.rows = []  # imported: the table is not needed any more
    upload.save(update_fields=["status", "result", "finished_at", "rows"])
